"""What every finder shares about one article: its text, sentences, people, dates and quotations."""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .dates import DateHit, DateIndex
from .people import Entity, Mention, People
from .text import Block


@dataclass
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass
class Article:
    text: str
    published: date | None
    sentences: list[Sentence]
    people: People
    dates: DateIndex
    quotes: list[Block] = field(default_factory=list)  # the words inside quotation marks
    is_release: bool = False  # an official readout or press release, written the day it reports
    narrators: object = None  # narrator.Narrators: who "I" is at each point
    home: str | None = None  # the publisher's country

    def principal(self, exclude: set[int] = frozenset()) -> Entity | None:
        """The person the article is most about: the most often named, the first named on a tie."""
        counts = Counter(m.entity.ident for m in self.people.mentions if m.entity.ident not in exclude)
        if not counts:
            return None
        best = max(counts.values())
        for m in self.people.mentions:
            if counts.get(m.entity.ident) == best:
                return m.entity
        return None

    def paragraph_start(self, sent: Sentence) -> int:
        """Where the paragraph of ``sent`` starts."""
        starts = self.__dict__.get("_paragraph_starts")
        if starts is None:
            starts = self.__dict__["_paragraph_starts"] = {}
            for s in self.sentences:
                starts.setdefault(s.paragraph, s.start)
        return starts.get(sent.paragraph, sent.start)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return self.people.within(start, end)

    def in_quote(self, pos: int) -> bool:
        starts = self.__dict__.get("_quote_starts")
        if starts is None:
            starts = self.__dict__["_quote_starts"] = [q.start for q in self.quotes]
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and self.quotes[i].start <= pos < self.quotes[i].end

    def dates_in(self, start: int, end: int) -> list[DateHit]:
        """Dates written in the range, outside quotations."""
        return [h for h in self.dates.within(start, end) if not self.in_quote(h.start)]

    def sentence_at(self, pos: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return None


def distinct(entities: list[Entity]) -> list[Entity]:
    seen, out = set(), []
    for e in entities:
        if e.ident not in seen:
            seen.add(e.ident)
            out.append(e)
    return out
