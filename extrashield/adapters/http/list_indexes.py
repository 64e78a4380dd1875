"""Stored person lists analysed for matching, kept per list version in the app, which the API's
`POST /v1/match/{list}` and the pairs page share: analysing a list (every name transliterated and cut into
blocking keys) takes seconds for 100,000 rows, a call to match against it milliseconds."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from extrashield.adapters.registry import person_lists
from extrashield.adapters.registry.store import Registry
from extrashield.services.list_matching import ListIndex

KEEP = 4  # lists kept at once (the least recently used goes first)


class ListIndexes:
    def __init__(self, keep: int = KEEP) -> None:
        self.keep = keep
        self._kept: OrderedDict[tuple[str, str, int], ListIndex] = OrderedDict()
        self._lock = threading.Lock()  # one build at a time: two calls for a new list build it once

    def get(self, reg: Registry, name: str) -> ListIndex:
        """The list `name` as now stored (NotFound if none), analysed: kept while its version stands."""
        meta = person_lists.get_list(reg, name)
        key = (reg.url, meta["id"], meta["version"])
        with self._lock:
            found = self._kept.get(key)
            if found is None:
                meta, rows = person_lists.list_rows(reg, name)
                found = ListIndex.build(meta, rows)
                key = (reg.url, meta["id"], meta["version"])
                self._kept[key] = found
                while len(self._kept) > self.keep:
                    self._kept.popitem(last=False)
            self._kept.move_to_end(key)
            return found


def indexes_of(state: Any) -> ListIndexes:
    """The app's `ListIndexes` (`app.state`), made on first use."""
    found = getattr(state, "list_indexes", None)
    if found is None:
        found = state.list_indexes = ListIndexes()
    return found
