"""A person list generated like a real one (docs/contract.md §3b), and the same persons as nested cases (§3).

    .venv/bin/python benchmarks/real_list.py --rows 1000000 OUT_DIR   # writes OUT_DIR/list.csv, cases.parquet

`write_list` writes a flat CSV of ROWS persons as a journalist's sheet has them: names in Latin and Cyrillic,
countries as names in English or Russian or as codes (sometimes two, or a name the reader must leave
unknown), dates as `DD.MM.YYYY`, `YYYY-MM-DD`, a month or a year only (partial dates), booleans as
`yes`/`нет`/`?`, many cells empty, and two columns of the journalist's own (a source link and a comment)
that the output carries through. Most rows leave a fact unknown that point 7 turns on (combat, the
formation, the contract's dates), so a large share ends `undetermined` with `depends_on`.

`write_cases` writes the same persons as a nested Parquet file of cases: each chunk of the CSV read by the
project's own person-list reader (`batch.person_lists`) into the cases its rows stand for, as `screen` reads
them, so both files hold exactly the same persons (a partial date, unknown in a case, is unknown in both).

Both are written in chunks of `CHUNK` rows straight to disk: generating 5,000,000 rows needs no more memory
than generating 250,000.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHUNK = 250_000
ROW_GROUP = 131_072

FIRST = [
    "Ram",
    "Bikash",
    "Suresh",
    "Arjun",
    "Sanjay",
    "Kiran",
    "Ravi",
    "Yusuf",
    "Алишер",
    "Бакыт",
    "Рам",
    "Jose",
    "Luis",
    "Карлос",
    "Nimal",
    "Kamal",
    "Азамат",
    "Нурлан",
    "Farrukh",
    "Dilshod",
]
LAST = [
    "Thapa",
    "Gurung",
    "Sharma",
    "Tamang",
    "Rai",
    "Magar",
    "Kumar",
    "Singh",
    "Perera",
    "Silva",
    "Гурунг",
    "Тапа",
    "Шарма",
    "Усмонов",
    "Алиев",
    "Rodriguez",
    "Perez",
    "Mamatov",
    "Эргашев",
    "Fernando",
]
# (value, weight): cells as people write them; "" is an empty cell
NATIONALITY = [
    ("Nepal", 18),
    ("Непал", 10),
    ("NP", 6),
    ("India", 8),
    ("Индия", 4),
    ("Sri Lanka", 4),
    ("Шри-Ланка", 2),
    ("Cuba", 3),
    ("Куба", 2),
    ("Kyrgyzstan", 3),
    ("Киргизия", 2),
    ("Uzbekistan", 3),
    ("Узбекистан", 2),
    ("Nepal; India", 2),
    ("Nepal, India", 1),
    ("Congo", 1),
    ("none", 1),
    ("", 8),
]
STATELESS = [("", 80), ("нет", 8), ("no", 8), ("yes", 1), ("?", 3)]
FORMATION = [
    ("Armed Forces", 20),
    ("ВС РФ", 10),
    ("army", 8),
    ("ЧВК", 5),
    ("PMC", 3),
    ("добровольческое формирование", 5),
    ("Volunteer formation", 3),
    ("", 30),
    ("контракт", 2),
]
COMBAT = [("yes", 15), ("да", 10), ("no", 8), ("нет", 7), ("", 50), ("?", 5), ("unknown", 5)]
REQUESTING = [
    ("Nepal", 20),
    ("Непал", 10),
    ("India", 10),
    ("Индия", 5),
    ("Sri Lanka", 6),
    ("Cuba", 4),
    ("Kyrgyzstan", 5),
    ("Uzbekistan", 5),
    ("", 30),
    ("Congo", 1),
]
PURPOSE = [("prosecution", 30), ("уголовное преследование", 10), ("sentence", 5), ("", 55)]
OFFENCE = [
    ("", 40),
    ("desertion", 10),
    ("fraud", 10),
    ("murder", 5),
    ("мошенничество", 5),
    ("human trafficking", 3),
    ("theft (Art. 158)", 5),
    ("drug trafficking", 5),
    ("assault", 5),
]
SOURCES = [f"https://example.org/reports/{i}" for i in range(400)]


def _days(start: str, end: str, n: int, rng: np.random.Generator) -> np.ndarray:
    lo, hi = np.datetime64(start), np.datetime64(end)
    return lo + rng.integers(0, int((hi - lo).astype(int)), n).astype("timedelta64[D]")


def _written_dates(days: np.ndarray, rng: np.random.Generator, p_empty: float, p_partial: float) -> pa.Array:
    """Dates as people write them: DD.MM.YYYY or ISO, a month (`2024-06`, `06.2024`) or a year only, or empty."""
    iso = pa.array(days.astype(str))
    y, m, d = (pc.utf8_slice_codeunits(iso, a, b) for a, b in ((0, 4), (5, 7), (8, 10)))
    forms = [
        pc.binary_join_element_wise(d, m, y, "."),  # 15.04.2024
        iso,  # 2024-04-15
        pc.binary_join_element_wise(y, m, "-"),  # 2024-04 (partial)
        pc.binary_join_element_wise(m, y, "."),  # 04.2024 (partial)
        y,  # 2024 (partial)
    ]
    u = rng.random(len(days))
    choice = np.where(u < p_partial * 0.4, 2, np.where(u < p_partial * 0.6, 3, np.where(u < p_partial, 4, 0)))
    choice = np.where((choice == 0) & (rng.random(len(days)) < 0.3), 1, choice)
    out = forms[0]
    for k in range(1, 5):
        out = pc.if_else(pa.array(choice == k), forms[k], out)
    return pc.if_else(pa.array(rng.random(len(days)) < p_empty), "", out)


def _pick(pairs: list[tuple[str, int]], n: int, rng: np.random.Generator) -> pa.Array:
    values, weights = zip(*pairs)
    p = np.asarray(weights, float)
    return pa.array(list(values), pa.string()).take(pa.array(rng.choice(len(values), n, p=p / p.sum())))


def chunk(first: int, n: int, seed: int) -> pa.Table:
    """Rows `first` .. `first + n - 1` of the list (each chunk its own seed, so chunks need no state)."""
    rng = np.random.default_rng(seed)
    ids = pc.binary_join_element_wise("P", pa.array(np.arange(first, first + n)).cast(pa.string()), "")
    names = pc.binary_join_element_wise(
        pa.array(FIRST).take(pa.array(rng.integers(0, len(FIRST), n))),
        pa.array(LAST).take(pa.array(rng.integers(0, len(LAST), n))),
        " ",
    )
    until = _written_dates(_days("2025-01-01", "2027-06-01", n, rng), rng, 0.0, 0.2)
    ongoing = pa.array(["ongoing", "по н.в."]).take(pa.array(rng.integers(0, 2, n)))
    u = rng.random(n)
    until = pc.if_else(pa.array(u < 0.25), ongoing, pc.if_else(pa.array(u < 0.65), "", until))
    comment = pc.binary_join_element_wise("seen in a video, row", ids, " ")
    return pa.table(
        {
            "id": ids,
            "name": names,
            "birth_date": _written_dates(_days("1965-01-01", "2006-01-01", n, rng), rng, 0.3, 0.3),
            "nationality": _pick(NATIONALITY, n, rng),
            "stateless": _pick(STATELESS, n, rng),
            "formation": _pick(FORMATION, n, rng),
            "contract_from": _written_dates(_days("2022-01-01", "2025-01-01", n, rng), rng, 0.2, 0.3),
            "contract_until": until,
            "combat": _pick(COMBAT, n, rng),
            "requesting_state": _pick(REQUESTING, n, rng),
            "purpose": _pick(PURPOSE, n, rng),
            "offence": _pick(OFFENCE, n, rng),
            "decision_date": _written_dates(_days("2025-06-01", "2027-03-01", n, rng), rng, 0.0, 0.0),
            "source": pa.array(SOURCES).take(pa.array(rng.integers(0, len(SOURCES), n))),
            "comment": pc.if_else(pa.array(rng.random(n) < 0.2), comment, ""),
        }
    )


def write_list(path: Path, rows: int, seed: int = 16) -> None:
    """The flat CSV of `rows` persons, a chunk at a time."""
    writer: pacsv.CSVWriter | None = None
    for start in range(0, rows, CHUNK):
        table = chunk(start + 1, min(CHUNK, rows - start), seed + start)
        if writer is None:
            writer = pacsv.CSVWriter(str(path), table.schema)
        writer.write_table(table)
    assert writer is not None
    writer.close()


def _plain(t: pa.DataType) -> pa.DataType:
    if pa.types.is_dictionary(t):
        return t.value_type
    if pa.types.is_list(t):
        return pa.list_(_plain(t.value_type))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(f.name, _plain(f.type)) for f in t])
    return t


def _decoded(batch: pa.RecordBatch) -> pa.RecordBatch:
    """The reader's dictionary-encoded texts as plain texts, at any depth, as a file of cases holds them."""
    schema = pa.schema([pa.field(f.name, _plain(f.type)) for f in batch.schema])
    return pa.RecordBatch.from_arrays([c.cast(f.type) for c, f in zip(batch.columns, schema)], schema=schema)


def write_cases(list_path: Path, path: Path) -> None:
    """The persons of the CSV at `list_path` as a nested Parquet file of cases (row groups of `ROW_GROUP`),
    read a chunk at a time by the project's person-list reader."""
    from extrashield.batch.formats import reader_of
    from extrashield.batch.formats.csv import FORMAT
    from extrashield.batch.person_lists import list_reader, tell_layout
    from extrashield.batch.screening import Screener

    reader = reader_of(FORMAT)
    told = tell_layout(reader, list_path, None, Screener().schema.names)
    writer: pq.ParquetWriter | None = None
    for b in list_reader(reader, told).read(list_path, ROW_GROUP):
        data = _decoded(b.data)
        if writer is None:
            writer = pq.ParquetWriter(path, data.schema, compression="zstd")
        writer.write_batch(data, row_group_size=ROW_GROUP)
    assert writer is not None
    writer.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("out", type=Path)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    write_list(args.out / "list.csv", args.rows)
    write_cases(args.out / "list.csv", args.out / "cases.parquet")


if __name__ == "__main__":
    main()
