"""`extrashield match` on the blind lists (benchmarks/data/match_lists_blind), checked against the contract.

    .venv/bin/python benchmarks/match_lists_blind.py [--out report.json] [--skip-bad-input]

The lists, the true pairs and the expected extradition answers were written by a reviewer who had not read
the matcher (benchmarks/data/match_lists_blind/README.md). This script treats the command as a black box:

1. Runs `extrashield match wanted.csv recruits.xlsx OUT.csv --decision-date 2026-06-01` (default threshold)
   and once more with `--threshold 0.85`, the "likely match" threshold that `extrashield match --help` names;
   wall and CPU time of each run (the command and its workers).
2. Precision, recall and F1 of the pairs written, against truth.csv: at the default threshold, at 0.85
   (the default run's rows scoring at least 0.85, and the second run's rows: they must be the same), and
   each false pair with the kind of decoy it is (decoys.csv), each missed pair with both names.
3. DESIGN.md §6: the columns it names; the order (wanted_id as the wanted list orders it, then score from
   highest); a score from 0 to 1 and at least the threshold; one row per pair; an explanation in words that
   names the names, the birth dates and the citizenships where both rows give them; `applies` equal to the
   grounds whose status is `applies`; `outcome` as §4 derives it from the statuses; and for every true pair
   the answer of truth.csv (`expected_outcome`, `expected_point7`, written from the statute), with
   Art. 61(1) Constitution applying where the recruit is also Russian, the combat question in
   `depends_on` where the record does not say, and (§4) a volunteer's row saying that its answer turns on
   the reading point7.volunteer_formations.
4. Bad input (§6, issue 17 item 8), each on small lists cut from the blind ones: a list without a name
   column, an empty file, a header-only list, a name of 10,000 characters, mixed scripts in one cell,
   unreadable dates and countries, a NUL character in a cell, a file that is not what its extension says,
   a missing file, no decision date anywhere. Never a traceback; exit 2 naming the file (and the row and the
   column where it is one cell), or exit 0 with a note on the row and nothing else lost.

Prints a Markdown report (for benchmarks/RESULTS.md) and exits 0; `--out` also writes it as JSON.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook, load_workbook

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data" / "match_lists_blind"
WANTED = DATA / "wanted.csv"
RECRUITS = DATA / "recruits.xlsx"
DECISION_DATE = "2026-06-01"
DEFAULT_THRESHOLD = 0.75  # extrashield match --help: "default 0.75"
LIKELY_THRESHOLD = 0.85  # extrashield match --help: "from 0.85 a pair is a likely match"
REQUIRED = ["wanted_id", "recruit_id", "score", "explanation", "outcome", "applies", "depends_on"]
BARS = [
    "ru.const.61.1",
    "ru.const.63.2",
    "ru.upk.462.1",
    "ru.upk.462.3.1",
    "ru.upk.462.3.2",
    "ru.upk.462.3.3",
] + [f"ru.upk.464.1.{i}" for i in range(1, 8)]
REFUSALS = [f"ru.upk.464.2.{i}" for i in range(1, 4)]
COMBAT_FACT = "person.military_service[0].combat"
ROW_OF: dict[str, str] = {}


def command() -> list[str]:
    return [str(Path(sys.executable).parent / "extrashield"), "match"]


@dataclass
class Run:
    args: list[str]
    rc: int
    stderr: str
    wall: float
    cpu: float
    rows: list[dict[str, str]] = field(default_factory=list)


def run_match(wanted: Path, recruits: Path, out: Path, *extra: str) -> Run:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(
        [*command(), str(wanted), str(recruits), str(out), *extra],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        check=False,
    )
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    run = Run([str(wanted.name), str(recruits.name), *extra], proc.returncode, proc.stderr, wall, cpu)
    if proc.returncode == 0 and out.exists():
        with open(out, encoding="utf-8", newline="") as f:
            run.rows = list(csv.DictReader(f))
    return run


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def prf(got: set[tuple[str, str]], truth: set[tuple[str, str]]) -> dict[str, float | int]:
    tp = len(got & truth)
    p = tp / len(got) if got else 1.0
    r = tp / len(truth) if truth else 1.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {
        "pairs": len(got),
        "tp": tp,
        "fp": len(got - truth),
        "fn": len(truth - got),
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f1, 3),
    }


def outcome_from(row: dict[str, str]) -> str:
    """The outcome §4 gives for the statuses written in the row."""
    status = {p: row.get(p, "") for p in BARS + REFUSALS}
    if any(status[p] == "applies" for p in BARS):
        return "barred"
    if any(status[p] == "unknown" for p in BARS):
        return "undetermined"
    if any(status[p] == "applies" for p in REFUSALS):
        return "may_refuse"
    if any(status[p] == "unknown" for p in REFUSALS):
        return "undetermined"
    return "permitted"


def loads(cell: str) -> list[str]:
    try:
        value = json.loads(cell) if cell else []
    except json.JSONDecodeError:
        return cell.split(";")
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def check_contract(
    rows: list[dict[str, str]],
    threshold: float,
    wanted_order: list[str],
    wanted: dict[str, dict[str, str]],
    truth: dict[tuple[str, str], dict[str, str]],
    header: list[str],
) -> dict[str, list[str]]:
    """Every deviation from DESIGN.md §6 and from the expected answers, grouped by cause."""
    found: dict[str, list[str]] = {}

    def fail(cause: str, text: str) -> None:
        found.setdefault(cause, []).append(text)

    for col in REQUIRED:
        if col not in header:
            fail("§6 columns", f"no column {col!r}")
    rank = {w: i for i, w in enumerate(wanted_order)}
    keys = [(rank.get(r["wanted_id"], -1), -float(r["score"])) for r in rows]
    for i in range(1, len(keys)):
        if keys[i] < keys[i - 1]:
            fail(
                "§6 order",
                f"row {i + 1} ({rows[i]['wanted_id']}, {rows[i]['score']}) after "
                f"({rows[i - 1]['wanted_id']}, {rows[i - 1]['score']})",
            )
    seen: set[tuple[str, str]] = set()
    for i, row in enumerate(rows, 1):
        pair = (row["wanted_id"], row["recruit_id"])
        if pair in seen:
            fail("§6 one row per pair", f"{pair} twice")
        seen.add(pair)
        score = float(row["score"])
        if not 0.0 <= score <= 1.0 or score < threshold - 1e-9:
            fail("§6 score", f"row {i} {pair}: score {score} (threshold {threshold})")
        text = row.get("explanation", "")
        words = sum(c.isalpha() for c in text)
        if words < 40 or text.lstrip().startswith(("{", "[")):
            fail("§6 explanation in words", f"{pair}: {text[:120]!r}")
        w = wanted.get(row["wanted_id"], {})
        if w.get("birth_date") and row.get("recruit_birth_date") and "birth" not in text.lower():
            fail(
                "§6 explanation in words",
                f"{pair}: both rows give a birth date, the explanation does not "
                f"say what it made of them: {text[:160]!r}",
            )
        if (
            w.get("nationality")
            and row.get("recruit_nationality")
            and not any(k in text.lower() for k in ("citizenship", "nationalit"))
        ):
            fail(
                "§6 explanation in words",
                f"{pair}: both rows give a nationality, the explanation does not "
                f"say what it made of them: {text[:160]!r}",
            )
        statuses = {p: row.get(p, "") for p in BARS + REFUSALS if p in row}
        applies = sorted(loads(row.get("applies", "")))
        if statuses and applies != sorted(p for p, s in statuses.items() if s == "applies"):
            fail("answer: applies disagrees with the statuses", f"{pair}: applies {applies}")
        if statuses and row.get("outcome") != outcome_from(row):
            fail(
                "answer: outcome disagrees with §4 over the statuses",
                f"{pair}: outcome {row.get('outcome')}, statuses give {outcome_from(row)}",
            )
        expected = truth.get(pair)
        if expected is None:
            continue
        case = expected["service_case"]
        got = (row.get("outcome"), row.get("ru.upk.464.1.7"))
        want = (expected["expected_outcome"], expected["expected_point7"])
        if got != want:
            fail(
                "wrong extradition answer",
                f"{pair} case {case} ({row.get('recruit_formation')}, "
                f"until {row.get('recruit_contract_until')!r}, combat {row.get('recruit_combat')!r}, "
                f"nationality {w.get('nationality')!r} + {row.get('recruit_nationality')!r}): "
                f"outcome/point 7 {got}, expected {want}",
            )
        if case == "R" and row.get("ru.const.61.1") != "applies":
            fail(
                "wrong extradition answer",
                f"{pair} case R: ru.const.61.1 {row.get('ru.const.61.1')!r}, "
                f"the recruit row names Russian citizenship",
            )
        if case == "V" and not any(
            "volunteer_formations" in v for k, v in row.items() if not k.startswith(("wanted_", "recruit_"))
        ):
            # DESIGN.md §4: "an answer that would change under another reading says so" (assess does, in
            # open_questions: under point7.volunteer_formations=included this person is barred)
            fail(
                "§4 reading not said",
                f"{pair} case V (volunteer formation, serving, combat): the row does "
                "not say that the answer turns on point7.volunteer_formations (barred if included)",
            )
        if case == "U" and COMBAT_FACT not in loads(row.get("depends_on", "")):
            fail(
                "wrong extradition answer",
                f"{pair} case U: depends_on does not ask about combat: {row.get('depends_on')}",
            )
    return found


# Bad input -------------------------------------------------------------------------------------------------


@dataclass
class Probe:
    name: str
    make: Callable[[Path], tuple[Path, Path, list[str]]]
    # what a good answer looks like: "exit2" (exit 2 naming the file, and the row and column if given);
    # "note" (exit 0, a note naming the column on the row or on stderr, the named true pairs still found);
    # "note_or_exit2" either; "exit2_or_empty" exit 2 naming the file or exit 0 with the header only (issue
    # 17 item 8 calls an empty list bad input, §6 says exit 0 with any number of pairs); "any_clean" exit 0
    # or 2 without a traceback
    expect: str
    column: str = ""
    row: str = ""  # a key of ROW_OF: the row the message must name
    keep_pairs: tuple[tuple[str, str], ...] = ()


def small_lists(
    tmp: Path, truth: list[dict[str, str]], n: int = 12
) -> tuple[Path, Path, list[str], list[dict[str, object]]]:
    """The wanted rows of the first N true pairs, and their recruits plus 40 others, as CSV files."""
    pairs = truth[:n]
    wids = {t["wanted_id"] for t in pairs}
    rids = {t["recruit_id"] for t in pairs}
    wrows = [r for r in read_csv(WANTED) if r["id"] in wids]
    sheet = load_workbook(RECRUITS, read_only=True).worksheets[0]
    it = sheet.iter_rows(values_only=True)
    header = [str(h) for h in next(it)]
    recs: list[dict[str, object]] = []
    others = 0
    for values in it:
        rec: dict[str, object] = dict(zip(header, values))
        if rec["id"] in rids or others < 40:
            others += rec["id"] not in rids
            recs.append(rec)
    return write_csv(tmp / "wanted.csv", wrows), write_csv(tmp / "recruits.csv", recs), header, recs


def write_csv(path: Path, rows: list[dict[str, str]] | list[dict[str, object]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0]))
        out.writeheader()
        for r in rows:
            out.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return path


def probes(truth: list[dict[str, str]]) -> list[Probe]:
    first = (truth[0]["wanted_id"], truth[0]["recruit_id"])
    second = (truth[1]["wanted_id"], truth[1]["recruit_id"])

    def base(tmp: Path) -> tuple[Path, Path, list[dict[str, str]], list[dict[str, str]]]:
        w, r, _, _ = small_lists(tmp, truth)
        return w, r, read_csv(w), read_csv(r)

    def other(wrows: list[dict[str, str]], n: int, probe: str) -> dict[str, str]:
        """The n-th wanted row (from 0) that is neither of the two pairs the probes check are kept; its row
        number (from 1, the header not counted) is what the probe's message must name."""
        row = [row for row in wrows if row["id"] not in (first[0], second[0])][n]
        ROW_OF[probe] = str(wrows.index(row) + 1)
        return row

    def no_name(tmp: Path) -> tuple[Path, Path, list[str]]:
        w, r, wrows, _ = base(tmp)
        write_csv(w, [{k: v for k, v in row.items() if k not in ("name", "aliases")} for row in wrows])
        return w, r, []

    def empty_file(tmp: Path) -> tuple[Path, Path, list[str]]:
        w, r, _, _ = base(tmp)
        w.write_text("", encoding="utf-8")
        return w, r, []

    def header_only(tmp: Path) -> tuple[Path, Path, list[str]]:
        w, r, _, rrows = base(tmp)
        r.write_text(",".join(rrows[0]) + "\n", encoding="utf-8")
        return w, r, []

    def long_name(tmp: Path) -> tuple[Path, Path, list[str]]:
        w, r, wrows, _ = base(tmp)
        other(wrows, 0, "long")["name"] = ("Ram Bahadur " * 1000)[:10_000]
        write_csv(w, wrows)
        return w, r, []

    def mixed(tmp: Path) -> tuple[Path, Path, list[str]]:
        # the second pair's wanted name with its family name in the recruit's Cyrillic (one person, two
        # scripts: "Suman Гурунг"), and the first pair's with Greek letters glued to Cyrillic ("Ωмега")
        w, r, wrows, rrows = base(tmp)
        surname = next(row["name"].split()[0] for row in rrows if row["id"] == second[1])
        for row in wrows:
            if row["id"] == second[0]:
                latin = row["aliases"].split(";")[0] if row["aliases"] else row["name"]
                row["name"] = " ".join([*latin.split()[:-1], surname])
            if row["id"] == first[0]:
                row["name"] = "Ωмега " + row["name"]
        write_csv(w, wrows)
        return w, r, []

    def bad_dates(tmp: Path) -> tuple[Path, Path, list[str]]:
        w, r, wrows, rrows = base(tmp)
        for row in wrows:
            if row["id"] == first[0]:
                row["birth_date"] = "31.02.1990"
            if row["id"] == second[0]:
                row["birth_date"] = "around 1990"
        for row in rrows:
            if row["id"] == first[1]:
                row["contract_from"] = "весна 2024"
                row["birth_date"] = "05/06/1990"
        write_csv(w, wrows)
        write_csv(r, rrows)
        return w, r, []

    def bad_country(tmp: Path) -> tuple[Path, Path, list[str]]:
        w, r, wrows, rrows = base(tmp)
        for row in rrows:
            if row["id"] == first[1]:
                row["nationality"] = "Непалия"
        for row in wrows:
            if row["id"] == second[0]:
                row["requesting_state"] = "Atlantis"
        write_csv(w, wrows)
        write_csv(r, rrows)
        return w, r, []

    def nul(tmp: Path) -> tuple[Path, Path, list[str]]:
        w, r, wrows, _ = base(tmp)
        other(wrows, 1, "nul")["name"] += "\x00"
        write_csv(w, wrows)
        return w, r, []

    def not_xlsx(tmp: Path) -> tuple[Path, Path, list[str]]:
        w, r, _, _ = base(tmp)
        fake = tmp / "recruits.xlsx"
        fake.write_bytes(r.read_bytes())
        return w, fake, []

    def missing(tmp: Path) -> tuple[Path, Path, list[str]]:
        w, _, _, _ = base(tmp)
        return w, tmp / "no-such-recruits.xlsx", []

    def no_date(tmp: Path) -> tuple[Path, Path, list[str]]:
        w, r, _, _ = base(tmp)
        return w, r, ["--no-decision-date"]

    def xlsx_header_blank(tmp: Path) -> tuple[Path, Path, list[str]]:
        # an XLSX list whose name column is present but every name cell empty
        w, _, _, rrows = base(tmp)
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.append(list(rrows[0]))
        for row in rrows:
            sheet.append([("" if k == "name" else v) for k, v in row.items()])
        out = tmp / "blank-names.xlsx"
        book.save(out)
        return w, out, []

    return [
        Probe("wanted list without a name column", no_name, "exit2", column="name"),
        Probe("empty wanted file (0 bytes)", empty_file, "exit2"),
        Probe("recruit list with a header and no rows", header_only, "exit2_or_empty"),
        Probe(
            "a name of 10,000 characters",
            long_name,
            "note_or_exit2",
            column="name",
            row="long",
            keep_pairs=(first, second),
        ),
        Probe(
            "mixed scripts in one cell (Greek+Cyrillic+Latin; Cyrillic+passport Latin)",
            mixed,
            "note",
            keep_pairs=(second,),
        ),
        Probe(
            "unreadable dates (31.02.1990, 'around 1990', 05/06/1990, 'весна 2024')",
            bad_dates,
            "note",
            column="birth_date",
            keep_pairs=(second,),
        ),
        Probe(
            "unreadable countries ('Непалия', requesting_state 'Atlantis')",
            bad_country,
            "note",
            column="nationality",
            keep_pairs=(first, second),
        ),
        Probe("a NUL character in a name", nul, "note_or_exit2", column="name", row="nul"),
        Probe("a CSV file named .xlsx", not_xlsx, "exit2"),
        Probe("a recruit file that does not exist", missing, "exit2"),
        Probe("no decision date anywhere (no --decision-date, none in either list)", no_date, "any_clean"),
        Probe("an XLSX recruit list whose name cells are all empty", xlsx_header_blank, "any_clean"),
    ]


def run_probe(probe: Probe) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        w, r, extra = probe.make(tmp)
        args = [] if extra == ["--no-decision-date"] else ["--decision-date", DECISION_DATE]
        out = tmp / "pairs.csv"
        run = run_match(w, r, out, *args)
        problems: list[str] = []
        err = run.stderr
        if "Traceback" in err:
            problems.append("traceback on stderr")
        if run.rc not in (0, 2):
            problems.append(f"exit {run.rc}")
        named_file = w.name in err or r.name in err
        if run.rc == 2:
            if probe.expect == "note":
                problems.append("exit 2 where a note on the row (or an empty result) was expected")
            if not named_file:
                problems.append("the message does not name the file")
            if probe.column and probe.column not in err:
                problems.append(f"the message does not name the column {probe.column!r}")
            row = ROW_OF.get(probe.row, "")
            if row and f"row {row}" not in err and f"line {int(row) + 1}" not in err:
                problems.append(f"the message does not name the row {row}")
        elif run.rc == 0:
            if probe.expect == "exit2":
                problems.append("exit 0 where exit 2 naming the file was expected")
            if probe.expect == "exit2_or_empty" and (
                run.rows or "wanted_id" not in out.read_text(encoding="utf-8")
            ):
                problems.append(f"{len(run.rows)} pairs from an empty list, or no header")
            got = {(row["wanted_id"], row["recruit_id"]) for row in run.rows}
            lost = [p for p in probe.keep_pairs if p not in got]
            if lost:
                problems.append(f"pairs lost: {lost}")
            if probe.column and probe.expect in ("note", "note_or_exit2"):
                notes = " ".join(row.get("notes", "") + row.get("error", "") for row in run.rows) + err
                if probe.column not in notes:
                    problems.append(f"no note names {probe.column!r}")
        message = err.strip().splitlines()[-1][:300] if err.strip() else ""
        return {
            "probe": probe.name,
            "rc": run.rc,
            "wall_s": round(run.wall, 1),
            "pairs": len(run.rows),
            "ok": not problems,
            "problems": problems,
            "stderr_last_line": message,
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="also write the report as JSON here")
    parser.add_argument("--skip-bad-input", action="store_true")
    ns = parser.parse_args()

    truth_rows = read_csv(DATA / "truth.csv")
    truth = {(t["wanted_id"], t["recruit_id"]): t for t in truth_rows}
    decoys = {(d["wanted_id"], d["recruit_id"]): d["kind"] for d in read_csv(DATA / "decoys.csv")}
    wanted_rows = read_csv(WANTED)
    wanted = {w["id"]: w for w in wanted_rows}
    report: dict[str, object] = {"decision_date": DECISION_DATE}

    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        default = run_match(WANTED, RECRUITS, tmp / "default.csv", "--decision-date", DECISION_DATE)
        likely = run_match(
            WANTED,
            RECRUITS,
            tmp / "likely.csv",
            "--decision-date",
            DECISION_DATE,
            "--threshold",
            str(LIKELY_THRESHOLD),
        )
        header = list(default.rows[0]) if default.rows else []
    for run in (default, likely):
        if run.rc != 0:
            sys.exit(f"extrashield match {' '.join(run.args)} exited {run.rc}:\n{run.stderr}")

    pairs = {(r["wanted_id"], r["recruit_id"]) for r in default.rows}
    likely_from_default = {
        (r["wanted_id"], r["recruit_id"]) for r in default.rows if float(r["score"]) >= LIKELY_THRESHOLD
    }
    likely_run = {(r["wanted_id"], r["recruit_id"]) for r in likely.rows}
    tset = set(truth)
    report["runs"] = {
        "default": {
            "wall_s": round(default.wall, 1),
            "cpu_s": round(default.cpu, 1),
            "stderr_summary": default.stderr.strip().splitlines()[-1],
        },
        "likely": {"wall_s": round(likely.wall, 1), "cpu_s": round(likely.cpu, 1)},
    }
    report["quality"] = {
        f"default {DEFAULT_THRESHOLD}": prf(pairs, tset),
        f"likely {LIKELY_THRESHOLD} (default run, score >= {LIKELY_THRESHOLD})": prf(
            likely_from_default, tset
        ),
        f"likely {LIKELY_THRESHOLD} (--threshold run)": prf(likely_run, tset),
    }
    verdicts = {r.get("verdict", "") for r in default.rows if float(r["score"]) >= LIKELY_THRESHOLD}
    by_pair = {(r["wanted_id"], r["recruit_id"]): r for r in default.rows}
    failures = check_contract(
        default.rows, DEFAULT_THRESHOLD, [w["id"] for w in wanted_rows], wanted, truth, header
    )
    failures.update(
        {
            k: v
            for k, v in check_contract(
                likely.rows,
                LIKELY_THRESHOLD,
                [w["id"] for w in wanted_rows],
                wanted,
                truth,
                list(likely.rows[0]) if likely.rows else header,
            ).items()
            if k not in failures
        }
    )
    if likely_run != likely_from_default:
        failures.setdefault("threshold runs disagree", []).append(
            f"--threshold 0.85 gave {len(likely_run)} pairs, the default run's rows >= 0.85 are "
            f"{len(likely_from_default)}: {sorted(likely_run ^ likely_from_default)[:5]}"
        )
    if verdicts - {"likely match"}:
        failures.setdefault("§6 / help: verdict", []).append(f"verdicts at >= 0.85: {sorted(verdicts)}")
    recruits = {
        str(r[0]): r
        for r in load_workbook(RECRUITS, read_only=True).worksheets[0].iter_rows(values_only=True)
    }
    for pair in sorted(tset - pairs):
        t = truth[pair]
        failures.setdefault("missed pair", []).append(
            f"{pair} {wanted[pair[0]]['name']!r} ({wanted[pair[0]]['aliases'] or '-'}, "
            f"{wanted[pair[0]]['birth_date'] or '-'}) vs {recruits[pair[1]][1]!r} ({recruits[pair[1]][3]}) "
            f"[{t['wanted_key']}]"
        )
    for pair in sorted(pairs - tset):
        row = by_pair[pair]
        failures.setdefault("false pair", []).append(
            f"{pair} score {row['score']} [{decoys.get(pair, 'not a planted decoy')}]: "
            f"{row.get('wanted_name')!r} ({row.get('wanted_birth_date') or '-'}, {row.get('wanted_nationality')}) "
            f"vs {row.get('recruit_name')!r} ({row.get('recruit_birth_date')}, {row.get('recruit_nationality')})"
            f" - {row['explanation'][:220]}"
        )
    answered = sorted(tset & pairs)
    right = sum(
        1
        for p in answered
        if (by_pair[p].get("outcome"), by_pair[p].get("ru.upk.464.1.7"))
        == (truth[p]["expected_outcome"], truth[p]["expected_point7"])
    )
    report["answers"] = {"true pairs written": len(answered), "answer as expected": right}
    decoy_hits: dict[str, int] = {}
    for pair, kind in decoys.items():
        if pair in pairs:
            decoy_hits[kind] = decoy_hits.get(kind, 0) + 1
    report["decoys"] = {
        kind: f"{decoy_hits.get(kind, 0)} of {sum(1 for k in decoys.values() if k == kind)} written as a pair"
        for kind in sorted(set(decoys.values()))
    }
    report["failures"] = failures
    if not ns.skip_bad_input:
        report["bad_input"] = [run_probe(p) for p in probes(truth_rows)]

    print_report(report)
    if ns.out:
        ns.out.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


def print_report(report: dict[str, object]) -> None:
    runs = report["runs"]
    assert isinstance(runs, dict)
    print(
        f"decision date {report['decision_date']}; default run {runs['default']['wall_s']} s wall, "
        f"{runs['default']['cpu_s']} s CPU; --threshold 0.85 run {runs['likely']['wall_s']} s wall, "
        f"{runs['likely']['cpu_s']} s CPU"
    )
    print(f"stderr: {runs['default']['stderr_summary']}\n")
    print("| threshold | pairs | TP | FP | FN | P | R | F1 |\n|---|---|---|---|---|---|---|---|")
    quality = report["quality"]
    assert isinstance(quality, dict)
    for name, q in quality.items():
        print(
            f"| {name} | {q['pairs']} | {q['tp']} | {q['fp']} | {q['fn']} | {q['precision']:.3f} | "
            f"{q['recall']:.3f} | {q['f1']:.3f} |"
        )
    print(f"\nanswers: {report['answers']}\ndecoys: {report['decoys']}\n")
    failures = report["failures"]
    assert isinstance(failures, dict)
    for cause, items in failures.items():
        print(f"- **{cause}** ({len(items)}):")
        for item in items:
            print(f"  - {item}")
    if "bad_input" in report:
        print(
            "\n| bad input | exit | pairs | ok | problems | last line of stderr |\n|---|---|---|---|---|---|"
        )
        bad = report["bad_input"]
        assert isinstance(bad, list)
        for b in bad:
            line = str(b["stderr_last_line"]).replace("|", "\\|")
            print(
                f"| {b['probe']} | {b['rc']} | {b['pairs']} | {'yes' if b['ok'] else 'NO'} | "
                f"{'; '.join(b['problems']) or '-'} | {line} |"
            )


if __name__ == "__main__":
    main()
