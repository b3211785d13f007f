"""Batched upkeep of a tally: what is marked inside a block is collected and counted once at its
end, what is marked outside one is counted at once (``tracker.services.upkeep.gaps_deferred``
opens the blocks of the tallies it batches)."""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Callable, Iterable, Iterator


class DeferredMarks:
    """The marks of one tally: ``recompute`` counts a set of them (articles, months) again."""

    def __init__(self, name: str, recompute: Callable[[set], object]):
        self._pending: contextvars.ContextVar[set | None] = contextvars.ContextVar(name, default=None)
        self._recompute = recompute

    @contextlib.contextmanager
    def block(self) -> Iterator[set]:
        """Collect the marks made inside the block and count each once at its end."""
        if self._pending.get() is not None:  # nested: the outer block counts
            yield self._pending.get()
            return
        pending: set = set()
        token = self._pending.set(pending)
        try:
            yield pending
        finally:
            self._pending.reset(token)
        self._recompute(pending)

    def mark(self, marks: Iterable) -> None:
        """Count ``marks`` again: at the end of the open block, else now."""
        pending = self._pending.get()
        if pending is not None:
            pending.update(marks)
        else:
            self._recompute(set(marks))
