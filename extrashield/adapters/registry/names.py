"""Search keys for persons' names, so that a name is found whatever script it was typed in.

A person's names ("every spelling, in every script the files use") are split into words with rigour's
name tokenizer, and each word is kept as a search key in two forms (table `person_names`, derived data
outside the audited record, rebuilt whenever the names change):

* `token`: the word transliterated to ASCII and lowercased (rigour's `ascii_text`: "Тапа" -> "tapa",
  "Müller" -> "muller", "Шевченко" -> "shevchenko");
* `phonetic`: its Soundex code, so that spellings of one sound in different transliterations meet
  ("Thapa" and "Тапа" -> "tapa" are both T100).

A query matches a person when every word of the query matches a word of the person's names: the
name's word begins with the query's word (so "thap" finds "Thapa"), or both sound alike (same Soundex
code) and differ by few letters (rigour's `is_levenshtein_plausible`, which cuts the loose Soundex
matches such as "tapa"/"tebow"). The database narrows the candidates by the indexed keys; the final
check of the Soundex candidates runs here.

Names are also sorted as a Russian reader expects (`sort_key`): ICU's collation for Russian, which puts
Cyrillic in alphabetical order with Ё beside Е (Ежов, Ёлкин, Ефимов), and Latin after Cyrillic.

rigour (and its Rust core) is imported only when a key is computed, never by `import extrashield`;
likewise ICU (PyICU, which rigour's `normality` already requires).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable, Sequence
from typing import Any

MAX_QUERY = 200  # characters of a `name` query
MAX_TOKEN = 100  # characters of one stored word (longer words are cut: keys, not text)


def _words(text: str) -> list[str]:
    from rigour.names import tokenize_name
    from rigour.text import ascii_text

    words: list[str] = []
    for raw in tokenize_name(text.casefold()):
        word = ascii_text(raw).lower()
        # ascii_text may turn one word into several ("王小明" -> "wang xiao ming"); keep letters and digits
        words.extend(w[:MAX_TOKEN] for w in "".join(c if c.isalnum() else " " for c in word).split())
    return words


def _phonetic(word: str) -> str:
    from rigour.text import soundex

    return soundex(word)


def name_keys(names: Iterable[str]) -> list[tuple[str, str]]:
    """The (token, phonetic) search keys of a person's names, each pair once, in a stable order."""
    seen: dict[str, str] = {}
    for name in names:
        for word in _words(name):
            seen.setdefault(word, _phonetic(word))
    return sorted(seen.items())


def query_words(query: str) -> list[str]:
    """The words of a `name` query, as keys. Raises ValueError for a query with no letter or digit."""
    if len(query) > MAX_QUERY:
        raise ValueError(f"expected at most {MAX_QUERY} characters")
    words = list(dict.fromkeys(_words(query)))
    if not words:
        raise ValueError("expected a name: at least one letter or digit")
    return words


def word_matches(query_word: str, token: str) -> bool:
    """Whether one word of a query finds one stored word (see the module's text)."""
    from rigour.text import is_levenshtein_plausible

    if token.startswith(query_word):
        return True
    return _phonetic(query_word) == _phonetic(token) and is_levenshtein_plausible(query_word, token)


def person_matches(query: Sequence[str], tokens: Iterable[str]) -> bool:
    """Whether every word of the query finds a word among a person's stored tokens."""
    stored = list(tokens)
    return all(any(word_matches(q, t) for t in stored) for q in query)


def phonetic_of(word: str) -> str:
    return _phonetic(word)


@functools.cache
def _russian_collator() -> Any:
    import icu  # type: ignore[import-untyped,import-not-found,unused-ignore]

    return icu.Collator.createInstance(icu.Locale("ru"))


_collating = threading.Lock()  # one ICU collator, shared: ICU does not promise it is safe across threads


def sort_key(name: str) -> str:
    """A name's ICU collation key for Russian, as hex text: comparing the texts (bytewise, as both
    databases compare ASCII under the "C" collation) orders the names as a Russian reader expects."""
    with _collating:
        key: bytes = _russian_collator().getSortKey(name)
    return key.hex()


__all__ = [
    "MAX_QUERY",
    "name_keys",
    "person_matches",
    "phonetic_of",
    "query_words",
    "sort_key",
    "word_matches",
]
