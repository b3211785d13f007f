"""Who "I" is: the speaker of an address, a transcript or a first-person statement.

A transcript names its speaker in a caption before a colon ("President of Norvania Aldo Varen: ...");
an address or a speech names it in its title ("... - address by President Aldo Varen"). Failing
both, a release in the first person is its own publisher's head of state, the one holding that
office on the publication day (known only when the gazetteer has that person's offices).
"""

from __future__ import annotations

import bisect
import re

from .people import Entity, Mention, PeopleFinder

# "address by President X", "Remarks of Prime Minister X", "Statement by X"
TITLE_SPEAKER = re.compile(
    r"\b(?:address|speech|remarks|statement|message|op-ed|interview|video\s+address|greetings)\s+(?:of|by|from)\s+"
    r"(?P<who>[^,;:()\n]{3,120})$",
    re.I,
)
# A caption ends with a colon, perhaps after the name again in native order or a note in brackets
# ("Mira Tol Tol MiraPrime Minister (retranslated):").
CAPTION_END = re.compile(r"(?:[ \t]+(?:[A-Z][\w'’-]*|of|the|and)){0,8}[ \t]*(?:\([^()\n]{1,30}\)[ \t]*)?:[ \t\n]")
CAPTION_START = re.compile(r"(?:^|[.!?…*\n][\"”’)]?[ \t]*)$")
# "I spoke with", "In the evening I spoke with", "I was glad to welcome": the narrator is the subject.
# "It is a pleasure to receive ..." in a speaker's words has the speaker as its subject too.
FIRST_PERSON_SUBJECT = re.compile(
    r"(?:(?<![\w-])I[ \t]+(?:[a-z]+[ \t]+){0,3}|\b[Ii]t[ \t]+is[ \t]+(?:a|my|our)[ \t]+(?:great[ \t]+|real[ \t]+)?"
    r"(?:pleasure|honou?r|privilege)[ \t]+to[ \t]+)$"
)
HEAD_OFFICES = ("President", "Prime Minister", "Chancellor")


def narrator_from_title(title: str, finder: PeopleFinder) -> Entity | None:
    """The speaker a document's title names ("... - address by President Aldo Varen"), or None."""
    m = TITLE_SPEAKER.search(title or "")
    if not m:
        return None
    heading = PeopleFinder(m.group("who"), finder.gz, finder.published, finder.home).find([(0, len(m.group("who")))])
    if not heading.mentions:
        return None
    first = heading.mentions[0].entity
    return finder.entity_for(first.name, first.office, first.country)


def narrator_by_office(finder: PeopleFinder) -> Entity | None:
    """The head of state or government of the publisher's country on the publication day, when the
    gazetteer knows exactly one."""
    if not finder.home or finder.published is None:
        return None
    for office in HEAD_OFFICES:
        holders = finder.gz.office_holders(office, finder.home, finder.published)
        if len({p.key for p, _ in holders}) == 1:
            person, country = holders[0]
            return finder.entity_for(person.name, office, country)
    return None


class Narrators:
    """Who speaks at each point of a text: the last caption before it, else the document's narrator."""

    def __init__(self, text: str, mentions: list[Mention], default: Entity | None):
        self.default = default
        self.captions: list[tuple[int, Entity]] = []
        for m in mentions:
            if CAPTION_END.match(text, m.end) and CAPTION_START.search(text, max(0, m.start - 3), m.start):
                self.captions.append((m.start, m.entity))
        self._starts = [pos for pos, _ in self.captions]

    def at(self, pos: int) -> Entity | None:
        i = bisect.bisect_right(self._starts, pos) - 1
        return self.captions[i][1] if i >= 0 else self.default


def first_person_before(text: str, start: int, verb_start: int) -> bool:
    """Whether the words just before a verb make "I" its subject ("In the evening I spoke with")."""
    return bool(FIRST_PERSON_SUBJECT.search(text, start, verb_start))
