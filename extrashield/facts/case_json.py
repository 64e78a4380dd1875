"""Reading the JSON text of a case (docs/contract.md §3), the one reader of the command line, the HTTP API and
the web pages: bytes or text in, the parsed value out, or a `CaseError` naming the field and the problem.

Beyond `json.loads` it
- strips a UTF-8 byte-order mark (editors on Windows write one);
- refuses invalid UTF-8, an empty text and nesting too deep for the parser;
- refuses a key given twice in the same object (``decision_date: given twice in the same object``): the
  case format has no silent typos, and a repeated key would otherwise be last-wins;
- refuses an integer too long for Python to read (over 4300 digits: ``request.offense.max_penalty_years:
  number too large``) instead of letting the `ValueError` escape;
- refuses a lone UTF-16 surrogate written as a ``\\ud800`` escape (``id: contains a lone surrogate, not
  valid Unicode text``): such a string cannot be written back as UTF-8, so every answer quoting it would
  fail later;
- refuses a NUL character written as a ``\\u0000`` escape, in a value or a name (``notes: contains a NUL
  character (U+0000)…``): PostgreSQL text cannot hold it, and no real text has one;
- names a UTF-16 or UTF-32 text (with or without a byte-order mark) as such (``is UTF-16 encoded, not
  UTF-8; save it as UTF-8``) rather than as invalid UTF-8 or invalid JSON.

The checks cost nothing on a well-formed case: the tree is walked only when a parser hook has seen a
problem, or the text holds a surrogate or NUL escape at all.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Mapping
from typing import Any

from extrashield.errors import CaseError
from extrashield.facts.case import NUL, NUL_PROBLEM
from extrashield.i18n import _

BOM = "\ufeff"
# The largest case file the command line reads (as the API's limit on a JSON body): a real case is a few
# kilobytes, and a cap keeps /dev/zero or a FIFO from being read until memory runs out.
MAX_CASE_BYTES = 1 << 20
# The escapes that may give a string `find_problem` refuses: half of a surrogate pair, or NUL.
_SUSPECT_ESCAPE = re.compile(rb"\\u(?:[dD][89a-fA-F]|0000)")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _Marker:
    """A value the parser could not give (kept in the tree, then reported with its path)."""

    __slots__ = ("problem",)

    def __init__(self, problem: str) -> None:
        self.problem = problem


class _Object(dict):  # type: ignore[type-arg]
    """An object in which a key was given twice (the first such key is kept in `duplicate`)."""

    duplicate: str = ""


# Whether the parser hooks met a problem during the current `decode` (per thread: a decode never yields).
_state = threading.local()


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) == len(pairs):
        return out
    seen: set[str] = set()
    marked = _Object(out)
    marked.duplicate = next(k for k, _ in pairs if k in seen or seen.add(k))  # type: ignore[func-returns-value]
    _state.flagged = True
    return marked


def _integer(text: str) -> Any:
    try:
        return int(text)
    except ValueError:  # longer than sys.get_int_max_str_digits()
        _state.flagged = True
        return _Marker("number too large")


# Built once: json.loads with hooks would build a new decoder (and scanner) at every call.
_DECODER = json.JSONDecoder(object_pairs_hook=_pairs, parse_int=_integer)


def not_utf8(data: bytes, exc: UnicodeDecodeError) -> str:
    """The problem of bytes that are not UTF-8, with the first bad byte and its position (from 1)."""
    return _("not valid UTF-8 (byte {byte} at position {position})").format(
        byte=f"0x{data[exc.start]:02x}", position=exc.start + 1
    )


def wide_encoding(data: bytes) -> str | None:
    """ "UTF-16" or "UTF-32" for JSON bytes in either (with or without a byte-order mark: told apart by
    the NUL bytes around the first characters, RFC 4627 §3, as `json.detect_encoding` does), else None.
    UTF-8 JSON never has a NUL byte among its first four bytes, so no UTF-8 text is taken for one."""
    head = data[:4]
    if b"\x00" not in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    found = json.detect_encoding(head)
    return "UTF-32" if found.startswith("utf-32") else "UTF-16" if found.startswith("utf-16") else None


def is_text(value: Any) -> bool:
    """A string that can be written out as UTF-8 (no lone surrogate, as a `\\ud800` escape gives)."""
    return isinstance(value, str) and (value.isascii() or _LONE_SURROGATE.search(value) is None)


def _show_key(key: Any) -> str:
    """A key as it may be printed (a lone surrogate in it as its escape, never the raw code point)."""
    return key.encode("utf-8", "backslashreplace").decode("utf-8") if isinstance(key, str) else str(key)


def _child(path: str, key: Any) -> str:
    key = _show_key(key)
    return f"{path}.{key}" if path else key


def _clean(value: Any) -> bool:
    """No problem that `find_problem` would report, decided without paths (iteratively, as deep as the
    parser accepted)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            if not is_text(node) or NUL in node:
                return False
        elif isinstance(node, Mapping):
            if isinstance(node, _Object):
                return False
            for key in node:
                if isinstance(key, str) and (not is_text(key) or NUL in key):
                    return False
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
        elif isinstance(node, _Marker):
            return False
    return True


def find_problem(value: Any, where: str) -> CaseError | None:
    """The first problem of a parsed case in document order: a value the parser could not give, a repeated
    key, a lone surrogate or a NUL in a string or a name. Also for cases given as Python mappings (the screen path),
    which may hold lone surrogates too."""
    if _clean(value):
        return None  # the common case, found without building a path for every value
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, _Marker):
            return CaseError(path or where, node.problem)
        if isinstance(node, str):
            if not is_text(node):
                return CaseError(path or where, _("contains a lone surrogate, not valid Unicode text"))
            if NUL in node:
                return CaseError(path or where, _(NUL_PROBLEM))
        elif isinstance(node, Mapping):
            if isinstance(node, _Object):
                return CaseError(_child(path, node.duplicate), _("given twice in the same object"))
            children: list[tuple[str, Any]] = []
            for key, sub in node.items():
                if isinstance(key, str) and not is_text(key):
                    return CaseError(
                        _child(path, key), _("the name contains a lone surrogate, not valid Unicode text")
                    )
                if isinstance(key, str) and NUL in key:
                    return CaseError(
                        _child(path, key), _("the name {problem}").format(problem=_(NUL_PROBLEM))
                    )
                children.append((_child(path, key), sub))
            stack.extend(reversed(children))
        elif isinstance(node, list | tuple):
            stack.extend(reversed([(f"{path}[{i}]", sub) for i, sub in enumerate(node)]))
    return None


def read_case_json(raw: bytes | str, where: str = "body") -> Any:
    """The JSON value of `raw` (bytes are read as UTF-8, with or without a byte-order mark).

    A problem with the text as a whole names `where` (``body``, ``case_file``, a file name); a problem with
    a value names its field path (``request.offense.max_penalty_years``)."""
    if isinstance(raw, (bytes, bytearray, memoryview)):
        data = bytes(raw)
        encoding = wide_encoding(data)
        if encoding is not None:
            raise CaseError(
                where, _("is {encoding} encoded, not UTF-8; save it as UTF-8").format(encoding=encoding)
            )
        scan = _SUSPECT_ESCAPE.search(data) is not None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CaseError(where, not_utf8(data, exc)) from None
    else:
        text = raw
        scan = "\\u" in text or NUL in text or _LONE_SURROGATE.search(text) is not None
    if text.startswith(BOM):
        text = text[1:]
    if not text.strip():
        raise CaseError(where, _("is empty: expected a JSON object (a case, docs/contract.md §3)"))
    _state.flagged = False
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise CaseError(
            where,
            _("not valid JSON: {problem} at line {line}, column {column}").format(
                problem=exc.msg, line=exc.lineno, column=exc.colno
            ),
        ) from None
    except RecursionError:
        raise CaseError(where, _("nested too deeply")) from None
    if _state.flagged or scan:
        problem = find_problem(value, where)
        if problem is not None:
            raise problem
    return value


def read_case_object(raw: bytes | str, where: str = "body") -> dict[str, Any]:
    """As `read_case_json`, and the value must be a JSON object."""
    value = read_case_json(raw, where)
    if not isinstance(value, dict):
        raise CaseError(
            where,
            _("expected a JSON object (a case, docs/contract.md §3), got {value}").format(value=_kind(value)),
        )
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return _("a boolean")
    if isinstance(value, (int, float)):
        return _("a number")
    if isinstance(value, str):
        return _("a string")
    if isinstance(value, list):
        return _("an array")
    return type(value).__name__


__all__ = ["read_case_json", "read_case_object"]
