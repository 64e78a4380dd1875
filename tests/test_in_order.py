"""`screening.in_order`: work in threads, results in input order, a bounded number of items in flight."""

from __future__ import annotations

import threading
import time

import pytest

from extrashield.batch.screening import in_order


def test_results_keep_the_input_order_whatever_finishes_first() -> None:
    def slow_for_small(x: int) -> int:
        time.sleep(0.002 * (10 - x))
        return x * x

    assert list(in_order(slow_for_small, range(10), workers=3)) == [x * x for x in range(10)]


def test_no_more_than_workers_plus_one_items_are_taken_ahead_of_the_consumer() -> None:
    taken: list[int] = []

    def items():
        for i in range(100):
            taken.append(i)
            yield i

    results = in_order(lambda x: x, items(), workers=2)
    first = next(results)
    assert first == 0 and len(taken) <= 3  # a file of any length is never read ahead in full
    assert list(results) == list(range(1, 100))


def test_an_error_in_a_worker_reaches_the_caller() -> None:
    def fail_on_three(x: int) -> int:
        if x == 3:
            raise ValueError("row 3")
        return x

    with pytest.raises(ValueError, match="row 3"):
        list(in_order(fail_on_three, range(6), workers=2))


def test_one_worker_runs_in_the_calling_thread() -> None:
    names = list(in_order(lambda _: threading.current_thread().name, range(3), workers=1))
    assert names == [threading.current_thread().name] * 3
