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

# The whole title is the contact: a noun of contact, "with", the people (nothing planned, no verb).
TITLE_CONTACT = re.compile(
    r"^\s*(?:(?P<video>Videoconference|Video\s*conference|Video\s+call|Video\s+meeting)"
    r"|(?P<phone>(?:Tele)?phone\s+(?:conversation|call|talks)|Conversation)"
    r"|(?P<meeting>(?:Working\s+)?[Mm]eeting|Talks|Bilateral\s+meeting))\s+with\s+(?P<who>\S.{2,200}?)\s*$",
    re.I,
)
HEAD_OFFICES = ("President", "Prime Minister", "Chancellor", "Premier")


def title_contact(article: Article, title: str, finder: PeopleFinder, found: list[FoundContact]) -> list[FoundContact]:
    """The contact between the release's own leader and the people its title names, unless the
    body already reports one between them; [] for any other title or document."""
    m = TITLE_CONTACT.match(title or "")
    if m is None or not article.is_release or article.published is None or not article.sentences:
        return []
    leader = _own_leader(article)
    if leader is None:
        return []
    day = article.published
    if any(leader.ident in {e.ident for e in c.entities} and not c.planned and c.date == day for c in found):
        return []  # the body reports the day's contact, perhaps naming the people otherwise ("Kassym Jomart-Tokayev")
    heading = PeopleFinder(m.group("who"), finder.gz, finder.published, finder.home).find([(0, len(m.group("who")))])
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
    kind = "video_call" if m.group("video") else "phone_call" if m.group("phone") else "meeting"
    kind = kind_from_evidence(kind, article.text[first.start : article.paragraph_after_end(first)])
    return [FoundContact([leader, *others], kind, article.published, "day", False, first.start, first.end, first)]


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
