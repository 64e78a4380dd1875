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
    # what an interview or an answer is about; the registry's kinds of record
    N_("extradition"),
    N_("contract"),
    N_("citizenship"),
    N_("persons"),
    N_("requests"),
    N_("decisions"),
    N_("person"),
    N_("request"),
    N_("decision"),
    # how sure a date is (docs/law-data.md)
    N_("official"),
    N_("reported"),
    N_("recalled"),
    N_("inferred"),
    N_("uncertain"),
    # a provision's effect and status on a day
    N_("bars"),
    N_("allows refusal"),
    N_("in force"),
    N_("not yet in force"),
    N_("ended"),
    # treaties: kinds, parties, reservations
    N_("bilateral"),
    N_("multilateral"),
    N_("party"),
    N_("not party"),
    N_("signatory"),
    N_("reservation"),
    N_("declaration"),
    # the stages of a bill
    N_("government commission"),
    N_("introduced"),
    N_("committee"),
    N_("first reading"),
    N_("second reading"),
    N_("third reading"),
    N_("federation council"),
    N_("signed"),
    N_("published"),
    # an eligibility criterion's role; a removal route's status
    N_("route"),
    N_("requirement"),
    N_("satisfied"),
    N_("not satisfied"),
    N_("assumed"),
    # the values of the law data's readings (law/**.yaml `readings`)
    N_("two limbs"),
    N_("combat required"),
    N_("excluded"),
    N_("included"),
    N_("any contract"),
    N_("one year"),
    N_("waived"),
    N_("not waived"),
    N_("from 2024 07"),
    N_("from 2025 07 07"),
    N_("closed"),
    N_("open"),
    N_("yes"),
    N_("no"),
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
