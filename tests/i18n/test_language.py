"""Which language texts are made in: the context variable, the locale, Accept-Language, plural forms,
and the Jinja hookup the web templates will use."""

from __future__ import annotations

import threading

import jinja2
import pytest

from extrashield.i18n import (
    _,
    install_jinja,
    language,
    language_of_accept,
    language_of_locale,
    ngettext,
    using,
)


def test_english_is_the_default_and_the_msgid_itself() -> None:
    assert language() == "en"
    assert _("Other grounds checked") == "Other grounds checked"


def test_russian_comes_from_the_catalogue_and_ends_with_the_block() -> None:
    with using("ru"):
        assert _("Other grounds checked") == "Другие проверенные основания"
    assert _("Other grounds checked") == "Other grounds checked"


def test_a_text_the_catalogue_lacks_stays_english() -> None:
    with using("ru"):
        assert _("a text nobody marked") == "a text nobody marked"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"), using("de"):
        pass


def test_russian_plural_forms_follow_the_number() -> None:
    with using("ru"):  # no catalogue entry: the English forms, chosen by Russian's rule of three forms
        assert ngettext("{n} widget", "{n} widgets", 1) == "{n} widget"
        assert ngettext("{n} widget", "{n} widgets", 5) == "{n} widgets"
    assert ngettext("{n} widget", "{n} widgets", 2) == "{n} widgets"
    with using("ru"):  # with one: the catalogue's three forms
        assert [ngettext("{n} case", "{n} cases", n).format(n=n) for n in (1, 3, 5)] == [
            "1 дело",
            "3 дела",
            "5 дел",
        ]


def test_another_thread_keeps_its_own_language() -> None:
    seen = []
    with using("ru"):
        t = threading.Thread(target=lambda: seen.append(language()))
        t.start()
        t.join()
    assert seen == ["en"]  # a plain thread starts from the default, not from another's context


@pytest.mark.parametrize(
    "env, lang",
    [
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LANG": "ru"}, "ru"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "ru_RU.UTF-8"}, "en"),  # LC_ALL wins
        ({"LC_MESSAGES": "ru_RU.UTF-8", "LANG": "en_US.UTF-8"}, "ru"),  # then LC_MESSAGES
        ({"LC_ALL": "", "LANG": "ru_RU.UTF-8"}, "ru"),  # an empty variable is not set
    ],
)
def test_the_locale_chooses_russian_only_for_ru(env: dict[str, str], lang: str) -> None:
    assert language_of_locale(env) == lang


@pytest.mark.parametrize(
    "header, lang",
    [
        ("ru", "ru"),
        ("ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7", "ru"),
        ("en-US,en;q=0.9,ru;q=0.8", "en"),
        ("de-DE,de;q=0.9,ru;q=0.5", "ru"),  # the best of ours
        ("en;q=0.3, ru;q=0.7", "ru"),  # q-values, not order
        ("ru;q=0, en", "en"),  # q=0: not acceptable
        ("fr, de", "en"),
        ("*", "en"),
        ("RU", "ru"),
        ("ru;q=abc", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_accept_language_picks_the_highest_q_value_among_ours(header: str | None, lang: str) -> None:
    assert language_of_accept(header) == lang


def test_templates_translate_in_the_language_of_the_moment() -> None:
    env = jinja2.Environment(autoescape=True)
    install_jinja(env)
    page = env.from_string("{{ _('Other grounds checked') }} · {% trans %}Grounds that apply{% endtrans %}")
    assert page.render() == "Other grounds checked · Grounds that apply"
    with using("ru"):
        assert page.render() == "Другие проверенные основания · Применимые основания"


def test_an_empty_text_stays_empty_in_every_language() -> None:
    # gettext's answer to "" is the catalogue's header (Project-Id-Version…): an empty value of the data,
    # such as a date's certainty not given, must not print it (it did in the Russian memo)
    from extrashield.i18n import gettext, pgettext, translations, using

    for lang in ("en", "ru"):
        assert translations(lang).gettext("") == ""
        with using(lang):
            assert gettext("") == "" and pgettext("outcome", "") == ""
