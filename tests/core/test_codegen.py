"""The generated code of a rule agrees with its closures (the reference semantics): same value, same
explanation trace, on random cases and under every reading."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extrashield import default_evaluator, validate_case
from extrashield.engine.codegen import compile_expr

from .test_properties import cases

READINGS = st.fixed_dictionaries(
    {
        "point7.limbs": st.sampled_from(["two_limbs", "combat_required"]),
        "point7.volunteer_formations": st.sampled_from(["excluded", "included"]),
    }
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), READINGS)
def test_generated_rules_give_the_closures_values_and_traces(
    case: dict[str, Any], readings: dict[str, str]
) -> None:
    facts = validate_case(case).facts
    ev = default_evaluator()
    rd = ev.resolve_readings(readings)
    for ground in ev.grounds:
        reference = ground.test.fn(rd)
        fast = compile_expr(ground.test, rd, traced=False)
        traced = compile_expr(ground.test, rd, traced=True)
        want_trace: list[Any] = []
        want = reference(facts, None, want_trace)
        got_trace: list[Any] = []
        assert fast(facts, None) is want, ground.provision
        assert traced(facts, got_trace) is want, ground.provision
        assert [(c.key, v, i) for c, v, i, _ in got_trace] == [(c.key, v, i) for c, v, i, _ in want_trace]
        assert [r for *_, r in got_trace] == [r for *_, r in want_trace]
