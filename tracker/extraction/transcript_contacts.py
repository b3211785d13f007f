"""Contacts a transcript of two leaders shows rather than tells: they speak in turns, so they met;
"When you visited our capital in June", "you, Mr. President, came to ...": a contact of the speaker
with the one addressed, the other leader of the transcript.

A remarks transcript labels its speakers ("PRIME MINISTER TOL:", "President of Norvania Aldo
Varen:"); the labels give a surname and an office, the title the rest ("Remarks by President Varen
and Prime Minister Tol of Estralia Before Bilateral Meeting").
"""

from __future__ import annotations

import re

from tracker.rules import kind_from_evidence

from .context import Article, Sentence, distinct
from .participants import NEGATION, FoundContact, holds_counterpart_office
from .people import Entity, PeopleFinder

# Offices a speaker label names, longest first ("VICE PRESIDENT" before "PRESIDENT").
LABEL_OFFICES = ("vice president", "prime minister", "president", "chancellor", "premier", "taoiseach", "king")
# "When you visited Norvania in June", "you, Mr. Prime Minister, came to our capital", "you first met".
YOU_DID = re.compile(
    r"(?<![\w-])[Yy]ou(?:,[ \t]+(?:Mr\.?|Madam|Mrs\.?|Ms\.?|Dear)[ \t]+[A-Z][\w.’' \t-]{1,40},)?[ \t]+"
    r"(?:(?:first|last|also|once)[ \t]+)?"
    r"(?P<verb>visited|came[ \t]+to|were[ \t]+in|met|hosted|received|called|phoned)\b"
    r"(?![ \t]+(?:him|her|them|with[ \t]+(?:him|her|them))\b)"  # "how you received him": someone else's visit
)
# Words before or in a transcript's first turn that say the talks are held at a distance.
REMOTE_WORDS = re.compile(r"\b(?:video\s*conference|videoconference|video\s+link|via\s+video|virtual|online)\b", re.I)
# A caption whose words open with a quotation mark: a quoted statement set under its speaker's name.
QUOTED_TURN = re.compile(r"[^:\n]{1,120}:[ \t]*[“\"]")
# A look back without a date: "the last time you visited", "when you first came to".
LOOKED_BACK = re.compile(r"\b(?:when|last|first|ago|previous|before)\b", re.I)


def captions_complete_from_title(article: Article, title: str, finder: PeopleFinder) -> None:
    """Give the speakers a label names by surname alone the office and country the title gives them
    (or, failing that, the office the label names)."""
    narrators = article.narrators
    if narrators is None or len(narrators.captions) < 2:
        return
    heading = PeopleFinder(title, finder.gz, finder.published, finder.home).find([(0, len(title))]) if title else None
    for pos, e in narrators.captions:
        if e is None or (e.office and e.country):
            continue
        for h in heading.entities if heading else ():
            if h.surname and h.surname.casefold() == (e.surname or e.name.split()[-1]).casefold():
                e.office, e.country = e.office or h.office, e.country or h.country
                break
        if not e.office:
            label = article.text[pos : article.text.find(":", pos, pos + 80)].casefold()
            e.office = next((o.title() for o in LABEL_OFFICES if o in label), None)


def transcript_meeting(article: Article, title: str) -> list[FoundContact]:
    """The contact of the leaders of different states who speak in turns in a transcript, that day."""
    narrators = article.narrators
    if narrators is None or article.published is None or len(narrators.captions) < 2:
        return []
    if all(QUOTED_TURN.match(article.text, pos) for pos, _ in narrators.captions):
        return []  # "Prime Minister Tol: “…”" under each name: quotations collected, not talks held
    speakers = [e for e in distinct([e for _, e in narrators.captions if e is not None]) if holds_counterpart_office(e)]
    countries = {e.country for e in speakers}
    foreign = {c for c in countries if c and c != article.home}
    if len(speakers) != 2 or not foreign or len(countries - {None}) + (None in countries) < 2:
        # One leader, or leaders of one state: a press conference, a domestic meeting. Three or more
        # are a summit or a forum, often by video, whose sessions transcripts do not tell apart.
        return []
    sent = article.sentence_at(narrators.captions[0][0]) or article.sentences[0]
    remote = REMOTE_WORDS.search(f"{title} {article.text[: narrators.captions[0][0] + 2000]}")
    kind = kind_from_evidence("meeting", remote.group(0) if remote else "")
    contact = FoundContact(speakers, kind, article.published, "day", False, sent.start, sent.end, sent)
    contact.shown = True
    return [contact]


def you_contacts(article: Article, sent: Sentence, found: list[FoundContact]) -> list[FoundContact]:
    """ "When you visited our capital in June": the speaker's earlier contact with the one addressed,
    the other of the transcript's two leaders, dated by the sentence."""
    narrators = article.narrators
    if narrators is None or " you" not in f" {article.lower(sent.start, sent.end)}":
        return []
    m = YOU_DID.search(article.text, sent.start, sent.end)
    speaker = narrators.caption_at(m.start()) if m else None
    if m is None or speaker is None or article.in_quote(m.start()) or article.published is None:
        return []
    pair = _pair_of(speaker, found)
    dated = [h for h in article.dates_in(m.end(), sent.end) if h.date < article.published]
    if pair is None or not (dated or LOOKED_BACK.search(article.text, sent.start, m.end())):
        return []
    kind = "phone_call" if m.group("verb") in ("called", "phoned") else "meeting"
    when, precision = (dated[0].date, dated[0].precision) if dated else (None, "day")
    contact = FoundContact(list(pair), kind, when, precision, False, sent.start, sent.end, sent)
    contact.recalled = True
    return [contact]


def _pair_of(speaker: Entity, found: list[FoundContact]) -> list[Entity] | None:
    return next((c.entities for c in found if len(c.entities) == 2 and speaker in c.entities), None)


# "in May we launched, via videoconference, the construction of ...": something the speaker and the
# other side did together by video is a video call between them.
WE_VIA_VIDEO = re.compile(
    r"(?<![\w-])[Ww]e\s+(?:(?:also|jointly|together|then)\s+)?[a-z]{3,}ed\s*,?\s+(?:via|by|over)\s+(?:a\s+)?"
    r"(?:video\s*(?:conference|link|call)|videoconference)\b"
)


def we_via_video(article: Article, sent: Sentence, found: list[FoundContact]) -> list[FoundContact]:
    """A transcript speaker's "we did X via videoconference", dated before the publication: a
    recalled video call of the speaker's two-person contact."""
    if article.narrators is None or article.published is None:
        return []
    m = WE_VIA_VIDEO.search(article.text, sent.start, sent.end)
    if m is None or article.in_quote(m.start()) or NEGATION.search(article.text, sent.start, m.end()):
        return []
    speaker = article.narrators.caption_at(m.start())
    dated = [h for h in article.dates_in(sent.start, sent.end) if h.date < article.published]
    if speaker is None or not dated:
        return []
    pair = next((c.entities for c in found if len(c.entities) == 2 and speaker in c.entities), None)
    if pair is None:
        return []
    best = min(dated, key=lambda h: abs(h.start - m.start()))
    contact = FoundContact(list(pair), "video_call", best.date, best.precision, False, sent.start, sent.end, sent)
    contact.recalled = True
    return [contact]
