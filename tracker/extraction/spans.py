"""Stretches of text found by several rules (mentions of people, shapes of claims): where two
overlap, the longer one is what the text says."""

from __future__ import annotations

import bisect
from typing import Protocol, TypeVar


class Span(Protocol):
    start: int
    end: int


S = TypeVar("S", bound=Span)


def overlaps_sorted(span: Span, starts: list[int], spans: list[Span]) -> bool:
    """Whether ``span`` overlaps one of ``spans``: non-overlapping, sorted by start (``starts``)."""
    i = bisect.bisect_left(starts, span.end)
    return i > 0 and spans[i - 1].end > span.start


def longest_without_overlaps(spans: list[S]) -> list[S]:
    """Of overlapping spans the longest (the earlier of two as long), in the order of the text:
    a titled name beats the surname inside it, a claim's fuller shape the shorter one inside it."""
    starts: list[int] = []
    kept: list[S] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not overlaps_sorted(span, starts, kept):
            i = bisect.bisect_left(starts, span.start)
            starts.insert(i, span.start)
            kept.insert(i, span)
    return kept
