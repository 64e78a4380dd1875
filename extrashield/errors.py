"""Errors that name what is wrong and where.

ExtrashieldError
├── CaseError        a case (docs/contract.md §3) is invalid: names the field path and the problem
├── ReadingError     an unknown reading key or value
├── LawDataError     a law data file is invalid: names the file and the key
└── RuleError        a rule does not fit the law data: names the rule's provision and the problem
"""

from __future__ import annotations


class ExtrashieldError(Exception):
    """Base of every error extrashield raises on purpose."""


class CaseError(ExtrashieldError, ValueError):
    """The case is invalid. `path` is the field path, e.g. ``person.citizenships[1].from``."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}" if path else problem)

    def to_dict(self) -> dict[str, str]:
        return {"field": self.path, "problem": self.problem}


class ReadingError(CaseError):
    """An unknown interpretation key or value (``--reading KEY=VALUE``)."""


class LawDataError(ExtrashieldError):
    """A law data file is invalid."""

    def __init__(self, file: str, key: str, problem: str) -> None:
        self.file = file
        self.key = key
        self.problem = problem
        super().__init__(f"{file}: {key}: {problem}")


class RuleError(ExtrashieldError, ValueError):
    """A rule does not fit the law data it is bound to (e.g. it names a version the provision does not
    have). Raised when an evaluator is built, before any case is assessed."""

    def __init__(self, provision: str, problem: str) -> None:
        self.provision = provision
        self.problem = problem
        super().__init__(f"rule for {provision}: {problem}")
