"""A leader who "discussed X with" another leader talked with them: a contact, though no verb of
contact says so ("President Varen had discussed the grain deal with President Tol of Estralia").

Only between the narrator or a holder of a counterpart's office (a head of state or government, an
envoy) and holders of such offices whom the text ties to a country, of no one country: "discussed
the budget with Senator X", "with the Prime Minister" or "with reporters" is no diplomatic contact.
The medium is the sentence's ("by phone", "via video"), else unsaid, as for "had a conversation with".
"""

from __future__ import annotations

import re
from functools import partial

from .contact_dates import contact_dated
from .contact_nouns import VIDEO
from .context import Article, Sentence, distinct
from .narrator import first_person_before
from .participants import (
    OBJECT_GAP,
    FoundContact,
    counterpart_of_unnamed_head,
    group_backwards,
    group_forwards,
    holds_counterpart_office,
    is_domestic,
)
from .people import Mention
from .subjects import pronoun_subject, unnamed_head_joined

DISCUSSED = re.compile(r"\b(?:(?:had|has|have)\s+(?:also\s+)?)?(?:discussed|(?<![\w-])Discussed)\b")
# "repeatedly discussed", "often discussed": many talks, none of them the one reported.
HABITUAL = re.compile(r"\b(?:repeatedly|often|regularly|frequently|constantly|always|usually|routinely)\s+$")
# "with" opening the object, at most a few clauses' worth of topic after the verb.
WITH_AFTER = re.compile(r"[^.;:!?]{0,120}?\bwith\s+")
# "discussed his plans for the summit with X": the "with" is the noun's; X is not whom he spoke to.
NOUN_BEFORE_WITH = re.compile(
    r"\b(?:summit|meeting|talks|call|conversation|negotiations|consultations|visit|contacts?|relations|ties"
    r"|dialogue)\s+with\s+$",
    re.I,
)
PHONE = re.compile(r"\b(?:by|over\s+the|on\s+the)\s+(?:tele)?phone\b|\b(?:tele)?phone\s+(?:call|conversation)", re.I)
IN_PERSON = re.compile(
    r"\b(?:in\s+person|face[\s-]to[\s-]face|on\s+the\s+(?:margins|sidelines)\s+of|during\s+(?:his|her|the)\s+visit)\b"
)


def discussed_contacts(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    text = article.text
    words = text[sent.start : sent.end]
    if "discussed" not in words and not words.startswith("Discussed"):
        return []
    out = []
    for m in DISCUSSED.finditer(text, sent.start, sent.end):
        if article.in_quote(m.start()):
            continue
        w = WITH_AFTER.match(text, m.end(), sent.end)
        if w is None:
            out += _pair_discussed(article, sent, m, mentions)
            continue
        if NOUN_BEFORE_WITH.search(text, m.end(), w.end()):
            continue
        if HABITUAL.search(text, max(sent.start, m.start() - 20), m.start()):
            continue
        obj = group_forwards(text, [x for x in mentions if x.start >= w.end()], w.end())
        if not obj or not OBJECT_GAP.fullmatch(text, w.end(), obj[0].start):
            continue
        subject = _subject(article, sent, m, [x for x in mentions if x.end <= m.start()])
        sides = [x.entity for x in subject]
        others = distinct([x.entity for x in obj if x.entity.ident not in {e.ident for e in sides}])
        if not sides or not others or not all(holds_counterpart_office(e) and e.country for e in others):
            continue  # "discussed this with the Prime Minister": perhaps the speaker's own
        if not all(x.kind == "narrator" or holds_counterpart_office(x.entity) for x in subject):
            continue  # "The minister discussed ... with President X": a leader's contact only
        if is_domestic(sides, others, article.home, partial(article.countries_named, m.end(), sent.end)):
            continue
        kind = "video_call" if VIDEO.search(words) else "phone_call"
        if not PHONE.search(words) and kind == "phone_call" and IN_PERSON.search(words):
            kind = "meeting"
        contact = contact_dated(article, sent, m, distinct(sides + others), kind, subject)
        contact.medium_unsaid = kind == "phone_call" and not PHONE.search(words)
        contact.by_topic = True
        out.append(contact)
    return out


# "A and B discussed the grain deal in a call today": the contact the topic was discussed in.
IN_A_CONTACT = re.compile(
    r"[^.;:!?]{0,120}?\b(?:(?:in|during|on|over)\s+(?:a|an|the|their)\s+(?P<medium>(?:tele)?phone\s+|video\s+|virtual\s+)?"
    r"(?P<noun>call|conversation|meeting|talks)|by\s+(?P<phone>(?:tele)?phone))\b"
)


def _pair_discussed(article: Article, sent: Sentence, m: re.Match, mentions: list[Mention]) -> list[FoundContact]:
    """ "Tol and Lind discussed X in a call", "The Prime Minister and President Lind discussed X by
    phone": two leaders as the subject, and the contact named after the topic."""
    text = article.text
    how = IN_A_CONTACT.match(text, m.end(), sent.end)
    subject = group_backwards(text, [x for x in mentions if x.end <= m.start()])
    if how is None or not subject or text[subject[-1].end : m.start()].strip(" ,") not in ("", "also", "today"):
        return []
    sides = distinct([x.entity for x in subject])
    unnamed = len(sides) == 1 and article.is_release and unnamed_head_joined(text, sent.start, subject[0].start)
    if not all(holds_counterpart_office(e) for e in sides) or not (len(sides) >= 2 or unnamed):
        return []
    if unnamed and not counterpart_of_unnamed_head(sides[0]):
        return []
    if len(sides) >= 2 and is_domestic(sides[:1], sides[1:], article.home):
        return []
    medium = (how.group("medium") or "").strip()
    if how.group("phone") or medium in ("phone", "telephone"):
        kind = "phone_call"
    elif medium in ("video", "virtual"):
        kind = "video_call"
    else:
        kind = "meeting" if how.group("noun") in ("meeting", "talks") else "phone_call"
    contact = contact_dated(article, sent, m, sides, kind, subject)
    contact.medium_unsaid = kind == "phone_call" and not (medium or how.group("phone"))
    contact.unnamed_side = unnamed
    contact.by_topic = True
    return [contact]


def _subject(article: Article, sent: Sentence, m: re.Match, before: list[Mention]) -> list[Mention]:
    """Who discussed: the names just before the verb, "he" (the last sentence's subject), or "I"."""
    text = article.text
    subject = group_backwards(text, before)
    if subject and text[subject[-1].end : m.start()].strip(" ,") not in ("", "also", "then", "later", "today"):
        subject = []  # a name earlier in the sentence, not the verb's subject
    if subject:
        return subject
    narrator = article.narrators.at(m.start()) if article.narrators is not None else None
    if narrator is not None and first_person_before(text, sent.start, m.start()):
        return [Mention(m.start(), m.start(), narrator, "narrator")]
    opens = m.start() == sent.start and text.startswith("Discussed", m.start())
    if narrator is not None and article.is_release and opens:
        return [Mention(m.start(), m.start(), narrator, "narrator")]  # a leader's post: "Discussed X with Y."
    return pronoun_subject(article, sent, m.start())
