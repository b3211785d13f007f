"""The contact a release's title names: "Telephone conversation with President of Estralia Aldo Varen".

Offices that publish each of their leader's calls and meetings title them by the contact alone, and
the body then says only "The leaders discussed ..." or is the transcript of the talks. The title's
people are the counterparts of the release's own leader, on the publication day.
"""

from __future__ import annotations

import re

from tracker.rules import kind_from_evidence

from .context import Article, distinct
from .participants import FoundContact, holds_counterpart_office
from .people import Entity, PeopleFinder

# The whole title is the contact: a noun of contact, "with", the people (nothing planned), perhaps
# after the leader's office ("PM call with X: 6 May 2024", "Prime Minister's meeting with X"); or
# the leader, a verb in the present and the people ("Prime Minister Tol speaks with X", "PM meets X").
LEADER = (
    r"(?:(?:Readout\s*:\s*)?(?:the\s+)?(?:PM|Prime\s+Minister|President|Chancellor|Premier)"
    r"(?:\s+(?-i:[A-Z])[\w'’-]*){0,3}?)"
)
TITLE_CONTACT = re.compile(
    rf"^\s*(?:{LEADER}(?:['’]s)?\s+)?(?:(?P<video>Videoconference|Video\s*conference|Video\s+call|Video\s+meeting)"
    r"|(?P<phone>(?:Tele)?phone\s+(?:conversation|call|talks)|Conversation|Call)"
    r"|(?P<meeting>(?:Working\s+)?[Mm]eeting|Talks|Bilateral\s+meeting))\s+with\s+(?P<who>\S.{2,200}?)\s*$"
    rf"|^\s*(?P<lead>{LEADER})\s+(?:(?P<phone_verb>speaks|talks)(?:\s+by\s+(?:tele)?phone)?\s+(?:with|to)"
    r"|(?P<meeting_verb>meets(?:\s+with)?|hosts|welcomes|receives))\s+(?P<who_v>\S.{2,200}?)\s*$",
    re.I,
)
# "...: 6 May 2024", "... - 6 May 2024": the day a title ends with
TITLE_DAY = re.compile(r"\s*[:–—-]\s*\d{1,2}\s+[A-Za-z]+\s+\d{4}\s*$")
HEAD_OFFICES = ("President", "Prime Minister", "Chancellor", "Premier")


def title_contact(article: Article, title: str, finder: PeopleFinder, found: list[FoundContact]) -> list[FoundContact]:
    """The contact between the release's own leader and the people its title names, unless the
    body already reports one between them; [] for any other title or document."""
    m = TITLE_CONTACT.match(TITLE_DAY.sub("", title or ""))
    if m is None or not article.is_release or article.published is None or not article.sentences:
        return []
    leader = _title_subject(m.group("lead"), finder) if m.group("lead") else None
    leader = leader or _own_leader(article)
    if leader is None:
        return []
    day = article.published
    if any(leader.ident in {e.ident for e in c.entities} and not c.planned and c.date == day for c in found):
        return []  # the body reports the day's contact, perhaps naming the people otherwise ("Kassym Jomart-Tokayev")
    who = m.group("who") or m.group("who_v")
    heading = PeopleFinder(who, finder.gz, finder.published, finder.home).find([(0, len(who))])
    others = []
    for e in heading.entities:
        # A counterpart by office and of another state: "Meeting with Head of the Region X" is domestic.
        abroad = holds_counterpart_office(e) and e.country and e.country != article.home
        if not (abroad or _known_abroad(e, article)):
            continue
        body = finder.entity_for(e.name, e.office, e.country)  # the body's person, or one added for the title's
        if body is not None:
            others.append(body)
    others = [e for e in distinct(others) if e.ident != leader.ident]
    if not others:
        return []
    # The evidence: the headline where the text holds it (archives store it with the body), else the lead.
    at = article.text.find(title.strip())
    first = (article.sentence_at(at) if at >= 0 else None) or article.sentences[0]
    phone = m.group("phone") or m.group("phone_verb")
    kind = "video_call" if m.group("video") else "phone_call" if phone else "meeting"
    kind = kind_from_evidence(kind, article.text[first.start : article.paragraph_after_end(first)])
    return [FoundContact([leader, *others], kind, article.published, "day", False, first.start, first.end, first)]


def _title_subject(words: str, finder: PeopleFinder) -> Entity | None:
    """The leader a title names before its verb ("Prime Minister Tol meets ..."), or None."""
    heading = PeopleFinder(words, finder.gz, finder.published, finder.home).find([(0, len(words))])
    if len(heading.entities) != 1:
        return None
    e = heading.entities[0]
    return finder.entity_for(e.name, e.office, e.country)


def _own_leader(article: Article) -> Entity | None:
    """The release's own head of state or government: its narrator, else the first head of the
    publisher's country the body names."""
    narrator = article.narrators.default if article.narrators is not None else None
    if narrator is not None and (article.home is None or narrator.country in (None, article.home)):
        return narrator
    if article.home is None:
        return None
    for x in article.people.mentions:
        if x.entity.country == article.home and x.entity.office in HEAD_OFFICES:
            return x.entity
    return None


def _known_abroad(e: Entity, article: Article) -> bool:
    """A person the gazetteer knows, of a state other than the publisher's."""
    return e.known is not None and bool(e.known.country) and e.known.country != article.home
