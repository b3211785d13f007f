"""What every finder shares about one article: its text, sentences, people, dates and quotations."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from .dates import DateHit, DateIndex
from .people import Entity, Mention, People
from .text import Block

CAPITALISED = re.compile(r"(?<![\w.-])[A-Z][\w'’.-]*[\w]")
# Not Roman numerals, nor the acronyms of offices ("CEO Mira Tol").
ACRONYM = re.compile(r"(?![IVX]+$|(?:CEO|CFO|COO|CTO|MP|MEP)$)[A-Z]{2,6}")
# First words of the names of bodies above governments ("International Monetary Fund", "World Bank").
INTERNATIONAL_WORDS = frozenset({"International", "World", "Inter-American", "Commonwealth"})
# The first word of an office after an agency's acronym that is a government's, not an international
# body's head ("Director General", "Secretary-General", "President" head those).
AGENCY_ROLE = re.compile(
    r"(?:Administrator|Acting|Associate|Deputy|Advisor|Adviser|Commissioner|Chief|Director(?!\s+General))\b"
)


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
    gazetteer: object = None  # gazetteer.Gazetteer: which words name countries
    lowered: str | None = None  # text.lowered_same_offsets(text), made once

    def lower(self, start: int, end: int) -> str:
        """``text[start:end].lower()``, cut from the article's one lower-cased copy where it has one."""
        return self.lowered[start:end] if self.lowered is not None else self.text[start:end].lower()

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

    def country_of(self, e: Entity) -> str | None:
        """A person's country; the publisher's for a release's person the text ties to none (its own leader)."""
        return e.country or (self.home if self.is_release else None)

    def paragraph_start(self, sent: Sentence) -> int:
        """Where the paragraph of ``sent`` starts."""
        starts = self.__dict__.get("_paragraph_starts")
        if starts is None:
            starts = self.__dict__["_paragraph_starts"] = {}
            for s in self.sentences:
                starts.setdefault(s.paragraph, s.start)
        return starts.get(sent.paragraph, sent.start)

    def paragraph_after_end(self, sent: Sentence) -> int:
        """Where the paragraph after the one of ``sent`` ends."""
        i = bisect.bisect_left(self._starts(), sent.start)
        end = sent.end
        for later in self.sentences[i:]:
            if later.paragraph > sent.paragraph + 1:
                break
            end = later.end
        return end

    def bullet_mentions(self, n: int) -> list[Mention]:
        """People in the bulleted lines after sentence ``n`` when it ends with a colon ("were the
        following leaders:")."""
        sent = self.sentences[n]
        if not self.text[sent.start : sent.end].rstrip().endswith(":"):
            return []
        out = []
        for later in self.sentences[n + 1 :]:
            line = self.text[later.start : later.end].lstrip()
            if line[:1] not in "-•*–·" and not re.match(r"\d+[.)]\s", line):
                break
            out += self.mentions_in(later.start, later.end)
        return out

    def countries_named(self, start: int, end: int) -> set[str]:
        """Countries (and organisations) the capitalised words of the range name: "Estralian",
        "of Estralia", "NATO"; one dictionary lookup per word and word pair."""
        if self.gazetteer is None:
            return set()
        gz = self.gazetteer
        runs = list(CAPITALISED.finditer(self.text, start, end))
        words = [r.group() for r in runs]
        found = set()
        for i, w in enumerate(words):
            pair = f"{w} {words[i + 1]}" if i + 1 < len(words) else None
            # "Coast" is a province, "Coast Guard" none: a word inside a longer capitalised name is no province.
            inside = pair is not None and self.text[runs[i].end() : runs[i + 1].start()].isspace()
            for phrase in (w, pair):
                if phrase:
                    country = gz.country_of_demonym(phrase) or gz.country_named(phrase)
                    if country is None and not (phrase == w and inside):
                        country = gz.country_of_province(phrase)
                    if country:
                        found.add(country)
            if w in INTERNATIONAL_WORDS and i + 1 < len(words):
                found.add(f"{w} {words[i + 1]}")  # "the International Monetary Fund": no government's own
            if w not in found and ACRONYM.fullmatch(w) and not gz.country_named(w):
                # "IAEA Director General ...": an organisation the gazetteer does not list; but
                # "NEMA Administrator", "NBI Director": an agency head's office is a government's.
                role = " ".join(words[i + 1 : i + 3])
                if not AGENCY_ROLE.match(role):
                    found.add(w)
        return found

    def is_place(self, words: str) -> bool:
        """Whether ``words`` name a country, organisation or place the gazetteer knows."""
        gz = self.gazetteer
        return gz is not None and bool(gz.country_named(words) or gz.is_place(words) or gz.country_of_demonym(words))

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

    def _starts(self) -> list[int]:
        """Where each sentence starts (sentences are in text order), built once."""
        starts = self.__dict__.get("_sentence_starts")
        if starts is None or len(starts) != len(self.sentences):
            starts = self.__dict__["_sentence_starts"] = [s.start for s in self.sentences]
        return starts

    def sentence_index(self, sent: Sentence) -> int:
        """Where ``sent`` is in ``sentences`` (in text order): a binary search, where ``list.index``
        compared it field by field with each sentence before it."""
        i = bisect.bisect_left(self._starts(), sent.start)
        return i if i < len(self.sentences) and self.sentences[i] == sent else self.sentences.index(sent)

    def sentence_before(self, sent: Sentence) -> Sentence | None:
        """The sentence just before ``sent``, in its paragraph or the one before."""
        i = bisect.bisect_left(self._starts(), sent.start)
        if i == 0 or sent.paragraph - self.sentences[i - 1].paragraph > 1:
            return None
        return self.sentences[i - 1]

    def sentence_at(self, pos: int) -> Sentence | None:
        """The sentence holding ``pos``: sentences do not overlap, so the last one starting at or
        before it, if it has not ended (a binary search; a scan from the first sentence had run
        through most of an article for each quotation)."""
        i = bisect.bisect_right(self._starts(), pos) - 1
        return self.sentences[i] if i >= 0 and pos < self.sentences[i].end else None


def distinct(entities: list[Entity]) -> list[Entity]:
    seen, out = set(), []
    for e in entities:
        if e.ident not in seen:
            seen.add(e.ident)
            out.append(e)
    return out
