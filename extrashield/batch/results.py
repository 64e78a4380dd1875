"""The results of screening: one row per input row, in order. What the screener returns and every format
writes (docs/contract.md §6, "Output columns"):

- `id`, `outcome`, `applies`, `depends_on`, `error`: as before person lists existed, in this order;
- `questions`: the plain-language question of each fact of `depends_on`, worded as `assess` words it;
- `notes`: what reading a person list's row normalised or could not read (null for cases of §3);
- one column per ground, named by its provision id, holding its status (§4; null for an invalid row);
- then, for a person list, the list's own columns as they came (`batch.person_lists`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from extrashield.engine.grounds import STATUSES, Status
from extrashield.facts.case import question_for
from extrashield.i18n import language

FIXED = ("id", "outcome", "applies", "depends_on", "error", "questions", "notes")
# In memory, the texts that repeat (provision ids, fact paths, questions, statuses) are dictionary-encoded:
# a batch of a person list has a dozen questions a row, and a batch in flight would otherwise hold each as
# its own string. Files get plain texts (`plain`), one batch at a time.
LIST_COLUMNS = ("applies", "depends_on", "questions")  # the columns that hold lists of texts
# A ground's status as a small code: the batch engine's three-valued codes (0 false, 1 unknown, 2 true)
# for a provision in force, 3 for one that is not (docs/contract.md §4, "Statuses").
STATUS_CODE = {Status.DOES_NOT_APPLY: 0, Status.UNKNOWN: 1, Status.APPLIES: 2, Status.NOT_IN_FORCE: 3}
STATUS_NAMES = pa.array([s.value for s in sorted(STATUSES, key=STATUS_CODE.__getitem__)], pa.string())
STATUS_TYPE = pa.dictionary(pa.int8(), pa.string())


TEXTS = pa.list_(pa.dictionary(pa.int32(), pa.string()))


def result_schema(provisions: Sequence[str]) -> pa.Schema:
    """The fixed columns, then one status column per ground, in the order of `provisions` (as the screener
    holds them: `plain_schema` is what files get)."""
    texts = TEXTS
    return pa.schema(
        [
            pa.field("id", pa.string()),
            pa.field("outcome", pa.string()),
            pa.field("applies", texts),
            pa.field("depends_on", texts),
            pa.field("error", pa.string()),
            pa.field("questions", texts),
            pa.field("notes", pa.string()),
            *(pa.field(p, STATUS_TYPE) for p in provisions),
        ]
    )


def _default_schema() -> pa.Schema:
    from extrashield.rules import GROUNDS

    return result_schema([g.provision for g in GROUNDS])


RESULT_SCHEMA = _default_schema()


def _plain_type(t: pa.DataType) -> pa.DataType:
    if pa.types.is_dictionary(t):
        return t.value_type
    if pa.types.is_list(t) and pa.types.is_dictionary(t.value_type):
        return pa.list_(t.value_type.value_type)
    return t


def plain_schema(schema: pa.Schema) -> pa.Schema:
    """The results' schema with plain texts where the screener holds them dictionary-encoded."""
    return pa.schema([pa.field(f.name, _plain_type(f.type)) for f in schema])


def plain(batch: pa.RecordBatch) -> pa.RecordBatch:
    """A batch of results with plain texts (`plain_schema`)."""
    schema = plain_schema(batch.schema)
    if schema.equals(batch.schema):
        return batch
    return pa.RecordBatch.from_arrays(
        [c if c.type == f.type else c.cast(f.type) for c, f in zip(batch.columns, schema)], schema=schema
    )


def statuses(codes: np.ndarray) -> pa.DictionaryArray:
    """A status column from per-row codes (`STATUS_CODE`; negative: no status, the row is invalid)."""
    return pa.DictionaryArray.from_arrays(
        pa.array(codes.astype(np.int8), pa.int8(), mask=codes < 0), STATUS_NAMES
    )


@lru_cache(maxsize=4096)
def _question(path: str, lang: str) -> str:
    from extrashield.i18n import answers, using

    with using(lang):
        return answers.question(path, question_for(path))


def questions(depends_on: pa.ListArray) -> pa.ListArray:
    """Per row, the questions of its `depends_on` facts, in the same order (each distinct path asked once),
    in the current language."""
    paths = depends_on.flatten()
    encoded = paths if pa.types.is_dictionary(paths.type) else paths.dictionary_encode()
    lang = language()  # a worker forked from the command's process inherits its language
    words = pa.array([_question(p, lang) for p in encoded.dictionary.to_pylist()], pa.string())
    offsets = pc.subtract(depends_on.offsets, depends_on.offsets[0])
    return pa.ListArray.from_arrays(
        offsets, pa.DictionaryArray.from_arrays(encoded.indices.cast(pa.int32()), words)
    )
