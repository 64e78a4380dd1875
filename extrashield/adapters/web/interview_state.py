"""The interview's whole state in one URL-safe token, so that every page of the interview is a GET.

Each answer is POSTed and answered with a redirect (Post/Redirect/Get) to a page whose URL carries the
state: the browser's Back and Forward move between questions, a page can be reloaded, and the URL itself
is the "resume later" link. There is no server session to lose or to clean up. The case pages (decision,
timeline, removal routes, eligibility) carry their case and readings from one to the next with the same
token (`case_token`, `case_url`).

The token is the state's JSON, compressed (zlib) and base64url-encoded: a case of a few kilobytes makes a
token of one or two. It is not encrypted: it holds the case (the person's names included), so it is
personal data like the case file it stands for, and the pages that carry it are sent with `no-store` and
`Referrer-Policy: no-referrer`. Everything read back from a token is validated again, as a posted case is.
"""

from __future__ import annotations

import base64
import binascii
import json
import zlib
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urlencode

from extrashield.adapters.web.casedata import check_fact
from extrashield.errors import CaseError
from extrashield.facts.case import validate_case
from extrashield.i18n import _

FIELD = "s"  # the query parameter and form field that carry the token
VERSION = 1
# A URL of more than ~16 KB is refused by common servers and proxies (uvicorn's h11 among them); the token
# of a real case is far smaller, and one this long is no case the interview was built for.
MAX_TOKEN_CHARS = 12_000
MAX_JSON_BYTES = 400_000  # what a token may inflate to: above the longest case accepted (casedata.py)
TOPICS = ("decision", "eligibility")  # what the interview is about: extradition, or contract and citizenship


@dataclass(frozen=True)
class InterviewState:
    """The case so far and the interview's bookkeeping: the facts answered and skipped, in order, the
    readings, whether every ground is checked (not only until the outcome is settled), and the topic."""

    case: dict[str, Any]
    readings: dict[str, str] = field(default_factory=dict)
    answered: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    every_ground: bool = False
    topic: str = "decision"

    def with_answer(self, fact: str, raw: dict[str, Any], known: bool) -> InterviewState:
        """The state after `fact` was answered (`known`) or left unknown, with the case `raw`. A changed
        answer keeps its place in the order; a fact answered again is no longer skipped, and the reverse."""
        answered = [f for f in self.answered if f != fact]
        skipped = [f for f in self.skipped if f != fact]
        if known:
            answered = _keep_place(self.answered, fact, answered)
        else:
            skipped = _keep_place(self.skipped, fact, skipped)
        return replace(self, case=raw, answered=tuple(answered), skipped=tuple(skipped))

    def to_json(self) -> dict[str, Any]:
        return {
            "v": VERSION,
            "case": self.case,
            "readings": self.readings,
            "answered": list(self.answered),
            "skipped": list(self.skipped),
            "every_ground": self.every_ground,
            "topic": self.topic,
        }

    def token(self) -> str:
        data = json.dumps(self.to_json(), ensure_ascii=False, separators=(",", ":")).encode()
        text = base64.urlsafe_b64encode(zlib.compress(data, 9)).decode().rstrip("=")
        if len(text) > MAX_TOKEN_CHARS:
            raise CaseError(
                "case",
                _(
                    "is too long to carry in the interview's link ({n} characters encoded, at most {max}); "
                    "shorten long texts such as the offence's description"
                ).format(n=len(text), max=MAX_TOKEN_CHARS),
            )
        return text

    def url(self, path: str, **params: str) -> str:
        """`path` with this state (and `params`) in its query."""
        return f"{path}?{urlencode({FIELD: self.token(), **params})}"


def case_token(case: dict[str, Any], readings: dict[str, str]) -> str | None:
    """The token of a case and its readings, for a link between the case pages; None for a case too long
    for a link (MAX_TOKEN_CHARS), which those pages then carry by POST in a hidden field instead."""
    try:
        return InterviewState(case, dict(readings)).token()
    except CaseError:
        return None


def case_url(path: str, case: dict[str, Any], readings: dict[str, str], **params: str) -> str | None:
    """`path` with the case and readings in its query (and `params`), or None as for `case_token`."""
    token = case_token(case, readings)
    return None if token is None else f"{path}?{urlencode({FIELD: token, **params})}"


def _keep_place(before: tuple[str, ...], fact: str, now: list[str]) -> list[str]:
    if fact in before:
        now.insert(before.index(fact), fact)
    else:
        now.append(fact)
    return now


def read_token(text: str | None) -> InterviewState:
    """The state in a token, validated; a CaseError naming the field `s` when it is not one."""
    if not text:
        raise CaseError(FIELD, _("is missing: start the interview again, or load a case file"))
    if len(text) > MAX_TOKEN_CHARS or not text.isascii():
        raise CaseError(FIELD, _("is not an interview link this site made (too long, or not base64url)"))
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
        inflater = zlib.decompressobj()
        data = inflater.decompress(packed, MAX_JSON_BYTES)
        if inflater.unconsumed_tail:
            raise CaseError(
                FIELD, _("inflates to more than any case; it is no interview link this site made")
            )
        if not inflater.eof:  # a link cut short (copied in part) would otherwise read as a shorter text
            raise CaseError(FIELD, _("is cut short: copy the whole link"))
        raw = json.loads(data.decode())
    except (binascii.Error, ValueError, zlib.error, UnicodeDecodeError):
        raise CaseError(FIELD, _("is not an interview link this site made (it cannot be read)")) from None
    return state_from_json(raw)


def state_from_json(raw: Any) -> InterviewState:
    if not isinstance(raw, dict) or raw.get("v") != VERSION:
        raise CaseError(FIELD, _("is not an interview link of version {version}").format(version=VERSION))
    case = raw.get("case")
    if not isinstance(case, dict):
        raise CaseError(FIELD, _("holds no case"))
    validate_case(case)  # a CaseError naming the field of the case, as for a posted case
    readings = raw.get("readings") or {}
    if not isinstance(readings, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in readings.items()
    ):
        raise CaseError(FIELD, _("holds readings that are not KEY=VALUE texts"))
    topic = raw.get("topic", "decision")
    if topic not in TOPICS:
        raise CaseError(FIELD, _("names an unknown topic {value!r}").format(value=str(topic)[:40]))
    return InterviewState(
        case=case,
        readings=dict(readings),
        answered=_facts(raw.get("answered")),
        skipped=_facts(raw.get("skipped")),
        every_ground=raw.get("every_ground") is True,
        topic=str(topic),
    )


def _facts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or len(value) > 500:
        raise CaseError(FIELD, _("holds a list of facts that is not a list of fact paths"))
    return tuple(dict.fromkeys(check_fact(v, FIELD) for v in value))
