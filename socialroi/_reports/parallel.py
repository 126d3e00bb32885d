"""Work on large columns shared over the machine's cores.

numpy lets go of the interpreter lock in the loops it runs over arrays (gathers,
comparisons, matrix products of integers, ``np.bincount``), so threads working on disjoint
rows, or on separate columns, run at the same time. The results are the serial ones: each
task computes exactly what it would alone, and results come back in the tasks' order, so
does the first error (in that order). Small inputs stay on the calling thread, where
starting threads would cost more than it saves.
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise
from typing import TypeVar

from socialroi._errors import InvalidValueError

T = TypeVar("T")

ENVIRONMENT = "SOCIALROI_THREADS"
MIN_ROWS = 1 << 20  # rows below which the work stays on the calling thread
_MAX_WORKERS = 8  # past this, memory bandwidth rather than cores bounds the loops


def workers(rows: int) -> int:
    """How many threads share work on ``rows`` rows: one per core this process may run
    on (at most ``_MAX_WORKERS``), or fewer where the environment variable
    ``SOCIALROI_THREADS`` says so (``1``: none but the caller's, as where each process of
    a cluster has a core of its own); 1 for fewer than ``MIN_ROWS`` rows."""
    limit = _limit()
    if rows < MIN_ROWS:
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, _MAX_WORKERS, limit))


def _limit() -> int:
    text = os.environ.get(ENVIRONMENT, "").strip()
    if not text:
        return _MAX_WORKERS
    if not (text.isascii() and text.isdigit()) or int(text) < 1:  # no sign, no spaces inside
        raise InvalidValueError(
            f"the environment variable {ENVIRONMENT} must be a whole number of threads, 1 "
            f"or more: {text!r}; set it to 1 for no threads, or unset it for one per core"
        )
    return int(text)


def parts(rows: int, step: int, count: int) -> list[slice]:
    """``rows`` split into at most ``count`` contiguous parts, each a whole number of
    ``step`` rows but the last; no part is empty."""
    steps = -(-rows // step)
    count = max(1, min(count, steps))
    bounds = [min(rows, step * (steps * i // count)) for i in range(count + 1)]
    return [slice(a, b) for a, b in pairwise(bounds) if b > a]


def run(tasks: Sequence[Callable[[], T]]) -> list[T]:
    """Each task's result, in order: the first task on the calling thread, the others on
    threads of their own. Every task finishes before the first error in order is raised."""
    if len(tasks) < 2:
        return [task() for task in tasks]
    with ThreadPoolExecutor(len(tasks) - 1) as pool:  # leaving it waits for every task
        # each in a copy of the caller's context (numpy 2 keeps its error state there)
        futures = [pool.submit(contextvars.copy_context().run, task) for task in tasks[1:]]
        first = tasks[0]()
    return [first, *(f.result() for f in futures)]
