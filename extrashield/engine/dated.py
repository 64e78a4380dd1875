"""Dated rule tests: a rule's test under each version of its provision, keyed by the version's id.

A rule has one test (`test`) until a version of its provision changes it; such a version is named by its
id in the law data (docs/law-data.md), with the test it brings (`from_version`). A named test holds from
that version on, until the next version named, as OpenFisca's formulas hold from their date until the
next formula. The dates stay in the law data: correcting an entry into force touches the YAML alone,
and an amendment that changes a test is one entry in the rule (docs/architecture.md, "Adding a version").

Every engine asks the rule for the test of the version in force on the decision date (`test_for`): the
single-case evaluator and its generated code, the batch engine, the timeline and the `depends_on` search.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from extrashield.engine.expr import Expr
from extrashield.errors import RuleError

if TYPE_CHECKING:
    from extrashield.sources.lawbook import Provision, Version

# (version id, the test from that version on), in the order of the provision's versions
VersionTests = tuple[tuple[str, Expr], ...]


class Dated:
    """What a rule with dated tests has: a `provision`, its first `test`, and `from_version`. Mixed into
    the rule classes (`grounds.Ground`, `services.eligibility.Criterion`), which declare the fields."""

    provision: str
    test: Expr
    from_version: VersionTests

    @property
    def tests(self) -> tuple[Expr, ...]:
        """Every test of the rule: `test` first, then each named version's, in the order given."""
        return (self.test, *(t for _, t in self.from_version))

    def variant(self, provision: Provision, version: Version | None) -> int:
        """The index in `tests` of the test under `version` of `provision`: that of the last version
        named up to it, or 0 (`test`) when none is, or when no version is given."""
        if version is None or not self.from_version:
            return 0
        named = {vid: n + 1 for n, (vid, _) in enumerate(self.from_version)}
        current = 0
        for v in provision.versions:
            current = named.get(v.id, current)
            if v.id == version.id:
                return current
        raise RuleError(self.provision, f"version {version.id!r} is not a version of {provision.id}")

    def test_for(self, provision: Provision, version: Version | None) -> Expr:
        """The test of the rule under `version` of `provision` (the first test when `version` is None)."""
        return self.tests[self.variant(provision, version)]

    def check_versions(self, provision: Provision) -> None:
        """Refuse a rule that names a version its provision does not have, its first version (whose test
        is `test`), a version twice, or versions out of their order: a typo would otherwise leave the old
        test in force unnoticed."""
        ids = [v.id for v in provision.versions]
        named = [vid for vid, _ in self.from_version]
        for vid in named:
            if vid not in ids:
                raise RuleError(
                    self.provision,
                    f"names version {vid!r}, which the law data does not have (versions: {', '.join(ids)})",
                )
        if ids and ids[0] in named:
            raise RuleError(
                self.provision,
                f"names the first version, {ids[0]!r}: the rule's first test is "
                "that version's (name only the versions that change it)",
            )
        if len(set(named)) != len(named):
            raise RuleError(self.provision, f"names a version twice: {', '.join(named)}")
        if named != sorted(named, key=ids.index):
            raise RuleError(
                self.provision,
                f"names versions out of their order in the law data "
                f"({', '.join(named)}; the law data: {', '.join(ids)})",
            )
