"""The memo's fixed texts: the words of outcomes, statuses and effects, and `_` for a language.

Every fixed text of the memo is written `_("English msgid")` (or marked `N_("…")` where it is defined
before a language is chosen); Babel extracts them into the project's one catalogue
(extrashield/i18n/ru/LC_MESSAGES/messages.po), from which `translations("ru")` serves them.
Texts that come from the law data (statute texts, titles) are already bilingual there; texts written by
the engine (conditions, questions) stay in English until "Russian throughout" translates them.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable

LANGS = ("en", "ru")


def N_(msgid: str) -> str:
    """Marks a msgid for extraction where it is defined; translated where it is used (`_()`)."""
    return msgid


# One spelling of each outcome and status, marked for extraction; `_()` translates them where shown.
OUTCOME_WORDS = {
    "barred": N_("Extradition is barred"),
    "may_refuse": N_("Extradition may be refused"),
    "permitted": N_("No ground found: extradition may proceed"),
    "undetermined": N_("Undetermined: the facts known do not settle it"),
}
STATUS_WORDS = {
    "applies": N_("applies"),
    "does_not_apply": N_("does not apply"),
    "unknown": N_("cannot be decided on these facts"),
    "not_in_force": N_("not in force on the decision date"),
    "conflict": N_("in conflict"),
}
EFFECT_WORDS = {"bars": N_("bars extradition"), "allows_refusal": N_("allows refusal")}


def translations(lang: str) -> gettext.NullTranslations:
    if lang not in LANGS:
        raise ValueError(f"expected one of {', '.join(LANGS)}, got {lang!r}")
    from extrashield import i18n

    return i18n.translations(lang)


def translator(lang: str) -> Callable[[str], str]:
    """`_` for `lang`."""
    return translations(lang).gettext
