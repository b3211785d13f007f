"""An article's text as safe HTML with its extracted spans highlighted and linked to their items.

The one place that turns article text into markup, for the public article page and the editors'
article page alike: everything from the article is escaped here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

PARAGRAPH_BREAK = re.compile(r"\r?\n[ \t]*(?:\r?\n[ \t]*)+")


@dataclass(frozen=True)
class Highlight:
    start: int
    end: int
    url: str
    label: str  # what the item is, shown as the link's title
    classes: str = "span"


def text_highlighted(text: str, highlights: Iterable[Highlight]) -> SafeString:
    """The text, escaped, in ``<p>`` paragraphs (a single newline becomes ``<br>``), each span a link.

    Spans outside the text are ignored. Overlapping spans (a quote inside a contact's evidence)
    are cut at every boundary and at paragraph breaks; each piece links to the shortest span
    covering it, and its title names every span that covers it.
    """
    size = len(text)
    spans = [h for h in highlights if h.start is not None and h.end is not None and 0 <= h.start < h.end <= size]
    paragraphs, position = [], 0
    for match in PARAGRAPH_BREAK.finditer(text):
        paragraphs.append((position, match.start()))
        position = match.end()
    paragraphs.append((position, size))
    html = []
    for low, high in paragraphs:
        if text[low:high].strip():
            html.append(f"<p>{_pieces(text, low, high, spans)}</p>")
    return mark_safe("".join(html))  # every piece is escaped in _pieces


def _pieces(text: str, low: int, high: int, spans: list[Highlight]) -> str:
    inside = [h for h in spans if h.start < high and h.end > low]
    cuts = sorted({low, high, *(max(low, h.start) for h in inside), *(min(high, h.end) for h in inside)})
    out = []
    for a, b in pairwise(cuts):
        piece = text[a:b]
        covering = [h for h in inside if h.start <= a and h.end >= b]
        if not covering:
            out.append(str(escape(piece)).replace("\n", "<br>"))
            continue
        innermost = min(covering, key=lambda h: h.end - h.start)
        out.append(
            format_html(
                '<a class="{}" href="{}" title="{}"><mark>{}</mark></a>',
                innermost.classes,
                innermost.url,
                "; ".join(h.label for h in covering),
                piece,
            )
        )
    return "".join(out)
