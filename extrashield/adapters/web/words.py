"""Data values said in words on the pages: an outcome, a status, a role or a stage is a key of the data
(`may_refuse`, `not_in_force`) and stays one in the JSON twin; a page shows it in the reader's language.
The words are marked here for the catalogue (a value without a translation shows as its key in words)."""

from __future__ import annotations

from markupsafe import Markup

from extrashield.i18n import N_, _

# every key the pages show in words (`say(key)`), as the catalogue's msgids
VALUES = (
    # outcomes of the extradition decision and of an eligibility question
    N_("barred"),
    N_("may refuse"),
    N_("permitted"),
    N_("undetermined"),
    N_("eligible"),
    N_("not eligible"),
    N_("unknown"),
    N_("not applicable"),
    # a criterion's or a ground's status
    N_("met"),
    N_("not met"),
    N_("not in force"),
    N_("applies"),
    N_("does not apply"),
    # roles of the registry
    N_("reader"),
    N_("editor"),
    N_("admin"),
    # judgements of a candidate pair
    N_("match"),
    N_("no match"),
    N_("unsure"),
    N_("unjudged"),
    N_("all"),
)


def say(value: object) -> str:
    """A data key in words, in the current language (`may_refuse` -> "may refuse" / «может быть отказано»)."""
    text = "" if value is None else str(value).replace("_", " ")
    return _(text) if text else text


def code(text: object) -> Markup:
    """`text` as code, to put in a translated sentence (`_("Field {name}:").format(name=code(path))`)."""
    return Markup("<code>{}</code>").format(text)


def strong(text: object) -> Markup:
    """`text` in bold, to put in a translated sentence."""
    return Markup("<strong>{}</strong>").format(text)
