"""Article text with extracted spans marked: built here with ``escape`` so the template can trust it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

_SENTENCE_END = ".!?\n"


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    url: str
    label: str  # what the link leads to, for its title and for screen readers


def sentence_around(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The sentence(s) holding text[start:end], split as (before, span, after)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    left = start
    while left > 0 and text[left - 1] not in _SENTENCE_END:
        left -= 1
    right = end
    while right < len(text) and text[right - 1 : right] not in _SENTENCE_END:
        right += 1
    return text[left:start].strip(), text[start:end], text[end:right].strip()


def spans_usable(text: str, spans: Iterable[Span]) -> list[Span]:
    """Spans inside the text, in order, dropping any that overlaps one kept before it."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if not (0 <= span.start < span.end <= len(text)):
            continue
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept


def article_marked_up(text: str, spans: Iterable[Span]) -> SafeString:
    """The text as paragraphs, each usable span a ``<mark>`` linking to its record item."""
    pieces: list[str] = []
    position = 0
    for span in spans_usable(text, spans):
        pieces.append(escape(text[position : span.start]))
        pieces.append(
            format_html(
                '<a class="span" href="{}" title="{}"><mark>{}</mark></a>',
                span.url,
                span.label,
                # folded so that a span never straddles the paragraph split below
                " ".join(text[span.start : span.end].split()),
            )
        )
        position = span.end
    pieces.append(escape(text[position:]))
    body = "".join(pieces)
    paragraphs = [p.strip() for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    # Every piece was escaped above; only our own <p>, <br>, <a> and <mark> remain as markup.
    return mark_safe("".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs))  # noqa: S308
