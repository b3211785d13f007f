"""The sentence around an extracted span, for a source shown in the timeline.

The whole article with its spans marked up is ``tracker.highlight.text_highlighted``."""

from __future__ import annotations

_SENTENCE_END = ".!?\n"


def sentence_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence(s) holding text[start:end], split as (before, span, after); joined, they are the
    sentence as written."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = start
    while left > 0 and text[left - 1] not in _SENTENCE_END:
        left -= 1
    right = end
    while right < len(text) and text[right - 1 : right] not in _SENTENCE_END:
        right += 1
    # Only the outer edges are trimmed: the spaces next to the span belong to the sentence.
    return text[left:start].lstrip(), text[start:end], text[end:right].rstrip()
