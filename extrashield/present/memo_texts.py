"""The memo's fixed texts in Russian: one small catalogue, looked up through gettext's interface.

Every fixed text of the memo is written `_("English msgid")` (or marked `N_("…")` where it is defined
before a language is chosen), so that Babel or xgettext extracts the msgids when the i18n package folds
this catalogue into its .po files; until then `translations("ru")` serves it from the dict below.
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


RU: dict[str, str] = {
    # headings
    "Memo to file": "Служебная записка в дело",
    "Extradition from the Russian Federation: assessment of the grounds of refusal": "Выдача из Российской Федерации: оценка оснований для отказа",
    "Case reference": "Номер дела",
    "Person": "Лицо",
    "Decision date": "Дата решения",
    "Law data version": "Версия правовых данных",
    "Made on": "Дата составления",
    "Made by": "Составлено",
    "Readings applied": "Применённые толкования",
    "Outcome": "Вывод",
    "Grounds that apply": "Применимые основания",
    "Facts of the case": "Обстоятельства дела",
    "Grounds": "Основания",
    "Status": "Статус",
    "Effect": "Последствие",
    "Version applied": "Применённая редакция",
    "Certainty of the date": "Достоверность даты",
    "Certainty of the text": "Достоверность текста",
    "Why": "Обоснование",
    "Statute text": "Текст нормы",
    "Statute text (English rendering)": "Текст нормы (английский перевод)",
    "Statute text (Russian)": "Текст нормы (на русском языке)",
    "Sources": "Источники",
    "What is still unknown": "Что остаётся неизвестным",
    "Open legal questions": "Открытые правовые вопросы",
    "This assessment uses": "В настоящей оценке применено",
    "What changes on": "Что меняется с",
    "Marks used in this memo": "Обозначения, используемые в записке",
    "Not legal advice: check every citation against the official text.": "Не является юридической консультацией: сверяйте каждую ссылку с официальным текстом.",
    "none": "нет",
    "yes": "да",
    "no": "нет",
    "unknown": "неизвестно",
    # outcomes and statuses
    "Extradition is barred": "Выдача запрещена",
    "Extradition may be refused": "В выдаче может быть отказано",
    "No ground found: extradition may proceed": "Оснований для отказа не найдено: выдача возможна",
    "Undetermined: the facts known do not settle it": "Не определено: известные обстоятельства не позволяют решить вопрос",
    "applies": "применяется",
    "does not apply": "не применяется",
    "cannot be decided on these facts": "не может быть решено по известным обстоятельствам",
    "not in force on the decision date": "не действует на дату решения",
    "in conflict": "противоречие",
    "bars extradition": "запрещает выдачу",
    "allows refusal": "допускает отказ в выдаче",
    "in force from %(day)s": "действует с %(day)s",
    "in force from before the data horizon": "действует с даты ранее горизонта данных",
    "until %(day)s (excluded)": "по %(day)s (не включая)",
    "not in force on the decision date; in force from %(day)s": "не действует на дату решения; действует с %(day)s",
    "No ground applies.": "Ни одно основание не применяется.",
    "Nothing unknown can change this outcome.": "Никакие неизвестные обстоятельства не могут изменить этот вывод.",
    "Each of these questions could change the outcome on its own:": "Ответ на каждый из этих вопросов может сам по себе изменить вывод:",
    "Also unknown (may matter once the questions above are answered):": "Также неизвестно (может иметь значение после ответа на вопросы выше):",
    "No open legal question changes this outcome.": "Ни один открытый правовой вопрос не меняет этот вывод.",
    "Outcome under each view": "Вывод при каждой позиции",
    "If %(condition)s": "Если %(condition)s",
    "Under the reading: %(reading)s": "При толковании: %(reading)s",
    "View: %(view)s": "Позиция: %(view)s",
    "The law in force on the decision date applies (Art. 4 CPC).": "Применяется закон, действующий на дату решения (ст. 4 УПК РФ).",
    "%(citation)s enters into force on %(day)s (%(certainty)s).": "%(citation)s вступает в силу %(day)s (%(certainty)s).",
    "On these facts, from that day: %(outcome)s.": "При этих обстоятельствах с этого дня: %(outcome)s.",
    "Grounds applying from that day: %(grounds)s.": "Основания, применимые с этого дня: %(grounds)s.",
    "A court reviewing this decision on or after %(day)s: an open question.": "Суд, рассматривающий это решение %(day)s или позднее: открытый вопрос.",
    "The whole law-data version (SHA-256 of every file of the law data):": "Полная версия правовых данных (SHA-256 всех файлов правовых данных):",
    "extrashield %(version)s": "extrashield %(version)s",
    "Text marks": "Обозначения достоверности текста",
    "Date marks": "Обозначения достоверности дат",
    # marks (plain.TEXT_MARKS, MARKS, CERTAINTY)
    "Russian text as read in a published copy (not the official publication)": "русский текст по опубликованной копии (не по официальному опубликованию)",
    "Russian text read only in part, or paraphrased from what was read": "русский текст прочитан лишь частично или пересказан по прочитанному",
    "Russian text recalled by the researcher, not read in any source": "русский текст воспроизведён исследователем по памяти, ни в одном источнике не прочитан",
    "Russian text reconstructed from secondary sources, not the official text": "русский текст реконструирован по вторичным источникам, это не официальный текст",
    "Russian text as stated in a secondary report, not checked": "русский текст по вторичному сообщению, не проверен",
    "verified: read in a source whose address is recorded": "проверено: прочитано в источнике, адрес которого указан",
    "read in part (cut off), or a publication named without its address": "прочитано частично (текст обрезан) или публикация названа без адреса",
    "recalled by the researcher, not read in any source": "воспроизведено исследователем по памяти, ни в одном источнике не прочитано",
    "inferred or reconstructed (for example from a translation), not read": "выведено или реконструировано (например, по переводу), не прочитано",
    "stated in a secondary report, not checked": "по вторичному сообщению, не проверено",
    "read in an official publication": "прочитано в официальном опубликовании",
    "reported by a source read (a legal database copy or the press)": "сообщается прочитанным источником (копия в правовой базе или пресса)",
    "inferred by a stated rule (such as the ten-day rule) from dates read": "выведено по указанному правилу (например, правилу десяти дней) из прочитанных дат",
    "assumed: taken from an earlier act, not checked": "предположено: взято из более раннего акта, не проверено",
    "recalled, not read in any source": "по памяти, ни в одном источнике не прочитано",
    "not known": "неизвестно",
    # fact labels (plain.FIELD_WORDS)
    "names": "имена",
    "date of birth": "дата рождения",
    "citizenships": "гражданство",
    "stateless": "лицо без гражданства",
    "asylum in Russia": "убежище в России",
    "contract service": "военная служба по контракту",
    "requesting state": "запрашивающее государство",
    "request received on": "запрос получен",
    "purpose of the request": "цель запроса",
    "legal basis of the request": "правовое основание запроса",
    "treaty the request rests on": "договор, на котором основан запрос",
    "offence": "деяние",
    "guarantees": "гарантии",
    "Russian proceedings": "производство в России",
    "request": "запрос",
    "person": "лицо",
    "decision date": "дата решения",
    "country": "страна",
    "from": "с",
    "until": "по",
    "granted": "предоставлено",
    "granted on": "дата предоставления",
    "ended on": "дата окончания",
    "formation": "формирование",
    "contract began": "начало контракта",
    "contract ended": "окончание контракта",
    "took part in combat": "участие в боевых действиях",
    "contract term (years)": "срок контракта (лет)",
    "ground of discharge": "основание увольнения",
    "sex": "пол",
    "full legal capacity": "полная дееспособность",
    "lawfully in Russia": "законное нахождение в России",
    "military-medical fitness": "категория годности",
    "disease on the Defence Ministry's list": "заболевание из перечня Минобороны",
    "prison sentence": "отбытое лишение свободы",
    "relatives in contract service": "родственники на военной службе по контракту",
    "relation": "родство",
    "description": "описание",
    "committed on": "дата совершения",
    "committed on Russian territory": "совершено на территории России",
    "committed abroad against Russia's interests": "совершено за рубежом против интересов России",
    "a crime under Russian law": "преступление по российскому закону",
    "a crime under the requesting state's law": "преступление по закону запрашивающего государства",
    "maximum imprisonment under Russian law (years)": "максимальное лишение свободы по российскому закону (лет)",
    "punishable by life imprisonment in Russia": "наказуемо пожизненным лишением свободы в России",
    "intentional": "умышленное",
    "no limitation period in Russian law": "без срока давности по российскому закону",
    "sentence imposed (years)": "назначенное наказание (лет)",
    "sentence final on": "приговор вступил в силу",
    "private prosecution": "частное обвинение",
    "persecution for political beliefs": "преследование за политические убеждения",
    "speciality guarantee": "гарантия специализации (конкретности)",
    "guarantee of no onward extradition": "гарантия невыдачи третьему государству",
    "Russian proceedings for the same act": "производство в России за то же деяние",
    "Russian limitation period expired": "истёк срок давности по российскому закону",
    "limitation period suspended for evasion": "срок давности приостановлен из-за уклонения",
    "another lawful ground under Russian law": "иное законное основание по российскому закону",
    "a Russian court found obstacles": "российский суд установил препятствия",
    "case reference": "номер дела",
    "contract": "контракт",
    "citizenship": "гражданство",
    "relative": "родственник",
    "Armed Forces of the Russian Federation": "Вооружённые Силы Российской Федерации",
    "another military formation of the Russian Federation": "иное воинское формирование Российской Федерации",
    "a volunteer formation": "добровольческое формирование",
    "a private military company": "частная военная компания",
    "prosecution": "уголовное преследование",
    "enforcement of a sentence": "исполнение приговора",
    "reciprocity": "взаимность",
    "still serving": "продолжает службу",
    "ended in a final judgment": "завершено вступившим в силу приговором",
    "terminated": "прекращено",
    "no details": "без подробностей",
    "treaty": "договор",
    "ongoing": "продолжается",
}

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


class _Catalogue(gettext.NullTranslations):
    """gettext's interface over a dict: what the i18n package replaces with a compiled .mo catalogue."""

    def __init__(self, messages: dict[str, str]) -> None:
        super().__init__()
        self._messages = messages

    def gettext(self, message: str) -> str:
        return self._messages.get(message, message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return self.gettext(msgid1 if n == 1 else msgid2)


def translations(lang: str) -> gettext.NullTranslations:
    if lang not in LANGS:
        raise ValueError(f"expected one of {', '.join(LANGS)}, got {lang!r}")
    return _Catalogue(RU) if lang == "ru" else gettext.NullTranslations()


def translator(lang: str) -> Callable[[str], str]:
    """`_` for `lang`."""
    return translations(lang).gettext
