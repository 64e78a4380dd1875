"""Bounds on the work anyone may ask of the server (the public endpoints need no token).

- CPU-heavy requests run in a small pool of worker processes (`CpuPool`), not on the event loop: one
  assessment of the costliest valid case (every fact unknown, 50 contracts) takes about a quarter of a
  second, and in a thread it would still hold the GIL the event loop needs (measured: four such threads
  pushed a 5 ms sleep on the loop to 200 ms at p99). The pool's processes run at a lower priority, so
  that the server process answers first. A case with few list items is assessed inline: it takes well
  under a few milliseconds, less than the trip to another process.
- At most `processes + queue` requests wait for the pool; more: 503 with Retry-After.
- Screens (`/v1/screen`) have their own slots, spool folder and line cap (api/screening.py).

Settings: `create_app(...)` arguments, or the environment (what `extrashield serve` sets for its worker
processes): EXTRASHIELD_CPU_PROCESSES, EXTRASHIELD_MAX_SCREENS, EXTRASHIELD_LINE_LIMIT.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.exceptions import HTTPException

from extrashield.adapters.api.screening import LINE_LIMIT, MAX_SCREENS, Slots, Spool
from extrashield.errors import CaseError, ReadingError

T = TypeVar("T")
CPU_PROCESSES = 2
QUEUE_PER_PROCESS = 8  # requests that may wait for each process before the next one gets a 503
INLINE_ITEMS = (
    5  # a case with at most this many contracts, relatives and citizenships in all is assessed inline
)
RETRY_AFTER = "2"
ENV_CPU_PROCESSES = "EXTRASHIELD_CPU_PROCESSES"
ENV_MAX_SCREENS = "EXTRASHIELD_MAX_SCREENS"
ENV_LINE_LIMIT = "EXTRASHIELD_LINE_LIMIT"


class Busy(HTTPException):
    def __init__(self, what: str, retry_after: str = RETRY_AFTER) -> None:
        super().__init__(503, f"busy: {what}; retry later", headers={"Retry-After": retry_after})


def _worker_start() -> None:
    """In each worker process: give way to the server process, and load the law now, not on the first
    request."""
    import signal

    from extrashield import default_evaluator

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C stops the server, which stops the pool
    try:
        os.nice(5)
    except (AttributeError, OSError):  # no nice() on Windows
        pass
    default_evaluator()


class CpuPool:
    """A few worker processes (spawned on first use), with a bounded number of requests waiting."""

    def __init__(self, processes: int = CPU_PROCESSES, queue: int | None = None) -> None:
        self.processes = max(1, processes)
        self.limit = self.processes * (1 + (QUEUE_PER_PROCESS if queue is None else queue))
        self.pending = 0
        self._executor: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._executor is None:
                # spawn, not fork: the server process has threads (fork would copy their locks mid-use)
                self._executor = ProcessPoolExecutor(
                    self.processes, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_start
                )
            return self._executor

    def _done(self, _future: Future[Any]) -> None:
        with self._lock:
            self.pending -= 1

    def _broken(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._executor is pool:
                self._executor = None
        pool.shutdown(wait=False, cancel_futures=True)

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a worker process, in the request's language (a context variable stays behind in
        this process, so the language travels with the call)."""
        from extrashield.i18n import language

        with self._lock:
            if self.pending >= self.limit:
                raise Busy(f"{self.pending} heavy requests are being worked on")
            self.pending += 1
        pool = self._pool()
        try:
            future = pool.submit(_in_language, language(), fn, *args)
        except BaseException:
            self._done(None)  # type: ignore[arg-type]
            self._broken(pool)
            raise
        future.add_done_callback(self._done)
        try:
            return await asyncio.wrap_future(future)
        except BrokenProcessPool:  # a worker died (e.g. out of memory): start afresh for the next request
            self._broken(pool)
            raise Busy("a worker process stopped") from None

    def close(self) -> None:
        with self._lock:
            pool, self._executor = self._executor, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _env_int(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, "")))
    except ValueError:
        return default


@dataclass
class Limits:
    cpu: CpuPool
    screens: Slots
    spool: Spool
    line_limit: int = LINE_LIMIT

    @classmethod
    def make(
        cls,
        cpu_processes: int | None = None,
        max_screens: int | None = None,
        line_limit: int | None = None,
        spool: Spool | None = None,
    ) -> Limits:
        return cls(
            cpu=CpuPool(cpu_processes or _env_int(ENV_CPU_PROCESSES, CPU_PROCESSES)),
            screens=Slots(max_screens or _env_int(ENV_MAX_SCREENS, MAX_SCREENS)),
            spool=spool or Spool(),
            line_limit=line_limit or _env_int(ENV_LINE_LIMIT, LINE_LIMIT),
        )

    def close(self) -> None:
        self.cpu.close()
        self.spool.close()


# --- the work itself (run in a worker process, or inline) ---------------------------------------------------


def list_items(data: Any) -> int:
    """How many contracts, relatives and citizenships a case lists: what makes its assessment costly
    (depends_on tries each unknown item field with every other item in place)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("person"), Mapping):
        return 0
    person = data["person"]
    return sum(
        len(v)
        for k in ("military_service", "family_in_service", "citizenships")
        if isinstance(v := person.get(k), list)
    )


Outcome = tuple[str, bytes] | tuple[str, str, str]  # ("ok", JSON) or ("reading" | "case", path, problem)


def _failed(exc: CaseError) -> Outcome:
    # a CaseError does not survive pickling (its constructor takes two arguments): send its parts
    return ("reading" if isinstance(exc, ReadingError) else "case", exc.path, exc.problem)


def _in_language(lang: str, fn: Callable[..., T], *args: Any) -> T:
    from extrashield.i18n import using

    with using(lang):
        return fn(*args)


def raise_failure(outcome: Outcome) -> bytes:
    """The JSON of an "ok" outcome, else the CaseError it stands for, raised."""
    if outcome[0] == "ok":
        return outcome[1]  # type: ignore[return-value]
    kind, path, problem = outcome  # type: ignore[misc]
    raise (ReadingError if kind == "reading" else CaseError)(path, problem)


def assess_json(data: Any, decision_date: Any, readings: Mapping[str, str]) -> Outcome:
    from extrashield import assess

    try:
        answer = assess(data, decision_date=decision_date, readings=readings)
    except CaseError as exc:
        return _failed(exc)
    return ("ok", json.dumps(answer.to_dict(), ensure_ascii=False, separators=(",", ":")).encode())


def timeline_json(data: Any, first: Any, last: Any, readings: Mapping[str, str]) -> Outcome:
    from extrashield import default_evaluator
    from extrashield.engine.timeline import build_timeline
    from extrashield.facts.case import validate_case

    try:
        case = validate_case(data)
        result = build_timeline(default_evaluator(), case, first, last, readings)
    except CaseError as exc:
        return _failed(exc)
    return ("ok", json.dumps(result.to_dict(), ensure_ascii=False).encode())
