"""Calls, meetings and visits between named people, found sentence by sentence.

A contact needs a verb of contact ("spoke by phone", "met with", "held a video call with", "had a
telephone conversation with") with named people on both sides. Negated contacts ("have not spoken
since") are skipped; contacts still to come ("will meet on Friday") are flagged planned.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta

from tracker.rules import kind_class, kind_from_evidence

from .agency_shapes import agency_contacts, reported_that_day
from .claim_terms import NUMBER, duration_of
from .contact_dates import RELATIVE_BEFORE_VERB, contact_dated
from .contact_nouns import THEY, during_contacts, earlier_contacts, noun_contacts
from .contact_verb_starts import contact_verb_matches
from .context import Article, Sentence, distinct
from .discussed import discussed_contacts
from .names import AT_WORD_START
from .narrator import WE_OBJECT, first_person_start, we_before
from .participants import (
    NEGATION,
    OBJECT_GAP,
    FoundContact,
    counterpart_of_unnamed_head,
    countries_around,
    group_backwards,
    group_forwards,
    is_domestic,
    is_own_side_meeting,
    list_goes_on,
    list_skipped,
    own_body,
    separate_contacts,
)
from .people import Entity, Mention
from .recalled import recalled_contacts
from .same_contact import contacts_merged
from .subjects import (
    HEAD_AFTER_THE,
    SECOND_PREDICATE,
    and_before,
    coordinated,
    pronoun_subject,
    unnamed_head_before,
    unnamed_head_joined,
)
from .took_part import took_part_contacts
from .transcript_contacts import we_via_video, you_contacts

__all__ = ["THEY", "FoundContact", "find_contacts"]  # re-exported: gap claims read these from here

CONTACT_VERB = re.compile(
    # Each verb starts with one of these letters, then one of these pairs: a cheap test that skips most words.
    r"""(?ix:\b(?=[hstmcprwvjailfg](?:el|ad|as|av|ol|po|pe|al|et|ee|ho|ak|ec|oo|os|ai|ay|is|on|at|au|oi|rr|re|er|an|ra|le|ot|la|s\s))(?:
    (?P<video>
        HAVE\s+DET\s+(?:[\w-]+\s+){0,3}?(?:video\s*call|video\s*conference|videoconference
            |virtual\s+(?:meeting|summit|talks|call)|(?:meeting|conversation|talks)\s*,?\s+(?:held\s+)?(?:via|by|over)
            \s+(?:a\s+)?video\s*(?:conference|link)?)
        | spoke\s+(?:by|via|over)\s+video(?:\s*link)? | (?:met|meets|meet|spoke|speaks|talked)\s+virtually
        # "joined a video call with X and Y": a call of its own (joining "the call" adds to one reported).
        | (?:joined|joins)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:video\s*call|video\s*conference|videoconference
            |virtual\s+(?:meeting|summit|call))\s+with
    )
    | (?P<phone>
        # "had a call from X", "got a phone call from X" (before HAVE's "had a call", which stops short of "from")
        (?:got|gets|get|had|has|have)\s+a\s+(?:[\w-]+\s+)?(?:(?:tele)?phone\s+)?call
            \s+(?:(?:today|yesterday|earlier)\s+)?from
        | HAVE\s+(?:DET\s+)?(?:(?!NOT_HAD\b)QW\s+){0,4}?
            (?:(?:tele)?phone\s+(?:calls?|conversations?|talks?|consultations)|calls?|conversations?|chats?)
        | (?:tele)?phoned
        | rang(?-i:(?=\s+(?:[A-Z]|(?:the|his|her)\s+[A-Z])))  # "rang X" (not "rang the bell")
        # ("spoke to X by phone": the person between is the object, read by the "spoke to" form)
        | (?:spoke|spoken|speaks|speak|talked|talks|talk|conferred|confers)(?:\s+(?!(?:to|with)\b)\w+){0,2}?
            \s+(?:by|on\s+the|over\s+the)
            \s+(?:tele)?phone
        | (?:joined|joins)\s+(?:a|an)\s+(?:[\w-]+\s+){0,2}?(?:tele)?phone\s+call\s+with
        # Not "spoke to reporters after talks with X": the talks are another contact, the speech no call.
        | (?:spoke|spoken|speaks|speak|talked|talk)\s+(?:(?!(?:after|before|following|ahead|during)\b)[\w-]+\s+){0,8}?
            with
        | (?:caught|catches|catching|catch)\s+up\s+(?:[\w-]+\s+){0,3}?with  # a talk of unsaid medium, like "spoke with"
        | (?:got|gets|get|getting)\s+off\s+(?:the\s+)?(?:tele)?phone\s+with  # "I just got off the phone with X"
        | (?:was|were|is|got|gets|get)\s+on\s+the\s+(?:tele)?phone\s+with
        | (?:spoke|spoken|speaks|speak|talked|talk)\s+(?:\w+\s+){0,2}?to(?!\s+(?:the\s+)?(?:PRESS_WORDS)\b)
        # ("called her again on Sunday" is a call; "called her a liar" and "called him to account" are not)
        | (?:called|calls)(?:\s+up)?(?!\s+(?:on|upon|for|in|off|out|it|them|back|a|an|the(?!\s+HEADT)
            |(?:him|her)(?!\s+(?:again|on|today|yesterday|last|this|twice|back|[A-Z][a-z]+day)\b|[,.;]))\b)
            # "called X a liar" (the name's capitals read as capitals: "called Tol on Sunday in a bid" is a call)
            (?!(?:\s+(?:the|(?-i:[A-Z])[\w'’.-]*)){1,6}\s+(?:a|an)\s+(?!day|week|month|year|few|couple|second)\w)
        | (?:made|received|took|placed)\s+a\s+(?:(?:tele)?phone\s+)?call\s+(?:(?:today|yesterday|earlier|late)\s+)?
            (?:from|with|to)
        # "congratulated Mira Tol by telephone on ...": a verb of address whose medium is the phone.
        | (?:congratulated|congratulates|consulted)(?=\s+(?:[\w'’.-]+\s+){1,8}?(?:(?:by|over\s+the|on\s+the)
            \s+(?:tele)?phone\b|in\s+a\s+(?:(?:tele)?phone\s+)?call\b))
    )
    | (?P<meeting>
        (?:met|meets|meet)\b(?:,?\s+[\w-]+){0,6}?,?\s+with | (?:met|meets|meet)(?-i:(?=\s+[A-Z]))
        | (?:met|meets|meet)(?=\s+(?:the|his|her|their)\s+(?:[\w'’-]+\s+){0,3}?(?-i:[A-Z]))  # "met his Estralian ..."
        | (?:sat|was\s+sitting|were\s+sitting)\s+down\s+(?:\w+\s+){0,2}?with  # "sat down on Tuesday with X"
        | (?<=\b(?:is|am)\s)meeting\s+(?:\w+\s+){0,2}?with | (?<=\bare\s)meeting\s+(?:\w+\s+){0,2}?with
        # "is meeting X today": a meeting under way
        | (?:(?<=\bis\s)|(?<=\bam\s)|(?<=\bare\s))meeting(?-i:(?=\s+(?:[A-Z]|(?:the|his|her|their)\s)))
        | (?:(?<=\bis\s)|(?<=\bare\s))hosting
        | HAVE\s+(?:DET\s+)?(?:(?!NOT_HAD\b)QW\s+){0,4}?(?:meeting|summit|talks|bilateral|discussion|consultation
            |negotiation|joint\s+(?:press|news)\s+conference)s?(?:\s+with)?
        | (?:hosted|hosts)\s+an?\s+(?:[\w-]+\s+){0,2}?(?:dinner|lunch|luncheon|breakfast|reception)
            \s+(?:for|in\s+honou?r\s+of)  # "hosted a dinner for X"
        | (?:held|hold|holds)\s+talks | (?:convened|convenes|convene)\s+with
        # "joined X for a working lunch": the other person straight after, then the meal or talks.
        | (?:joined|joins)(?=\s+(?:[\w'’.-]+\s+){1,8}?for\s+(?:(?:a|an|the|their)\s+)?(?:[\w-]+\s+){0,2}?
            (?:lunch|luncheon|dinner|breakfast|supper|talks|meeting|discussions)\b)
        # "arrived in (landed in, flew to) Port Estra on Tuesday for talks with X", "is in Port Estra for
        # talks with X" (a place, not "is in no hurry for talks"): the visitor, then whom they came to meet.
        | (?:(?:arrived|landed)\s+in\s+|(?:travell?ed|flew)\s+to\s+
            |(?:is|are|was|were)\s+in\s+(?=(?-i:[A-Z])|the\s+(?:[\w-]+\s+)?capital\b))
            (?:[\w'’,-]+\s+){1,6}?for\s+(?:[\w-]+\s+){0,3}?(?:talks|meetings?|discussions)\s+with
        | (?:hosted|hosts|host|welcomed|welcomes|welcome|received|receives|receive)(?!\s+by\b)
    )
    | (?P<visit>(?:paid|pays|paying|pay|made|make)\s+an?\s+(?:\w+\s+){0,2}?visit\s+to
        | (?:visited|visits|visit)(?!\s+by\b))
    # "X and Y spoke today": two people as the subject, no object.
    # ("met the interests of" is no meeting)
    | (?P<pair>(?:spoke|talked)(?!\s+to\s+(?:the\s+)?(?:PRESS_WORDS)\b)|conferred
        | met(?!\s+(?:the|a|an|its|their|his|her|all|every|our)\b)
        | (?:(?<=\bare\s)|(?<=\bwere\s))meeting  # "X and Y are meeting at this hour"
        | (?<=,\s)meeting(?=\s+(?:in|at|on)\s)  # "X and Y, meeting in Lorvik on Monday, pledged ..."
        # "X and Y were in contact by phone"
        | (?:were|was)\s+in\s+(?:contact|touch)(?=\s+(?:by|over|via)\s+(?:the\s+)?(?:tele)?phone\b))
    )\b)""".replace(
        "HAVE",
        r"(?:held|had|holds|has|hold|have|conducted|conducts|(?<=\bis\s)holding|(?<=\bare\s)(?<![Ww]e\sare\s)holding)",
    )
    .replace("PRESS_WORDS", "press|media|reporters")
    .replace("QW", r"[“\"]?[\w-]+[”\"]?")  # a word, perhaps quoted: 'had a "very good" meeting with X'
    # "has no plans to call", "has no intention of meeting", "had been in talks": no contact had.
    .replace("NOT_HAD", r"(?:to|been|no|not|never|plans?|intention|intentions|desire|wish)")
    .replace("HEADT", HEAD_AFTER_THE)
    .replace("DET", r"(?:a|an|his|her|their|its|another|several|separate|two|three)")
)
# "X's wife ", "X's foreign minister ": the subject is someone of X's, whom the text does not name.
POSSESSED_SUBJECT = re.compile(r"['’]s?\s+[a-z][\w-]*(?:\s+[\w-]+){0,3}\s+(?:(?:also|then|later)\s+)?")
# After the object's name: "X's spokesman", "X's foreign minister": the object is someone of X's.
OWNED_AFTER = re.compile(r"['’]s?[ \t]+(?:[a-z][\w-]*[ \t]+){0,2}(?!(?:call|phone)\b)[a-z][\w-]*")
# "Supporters of X met Y", "members of X's delegation": the subject is the people the noun names.
# (A capital only where it opens the sentence: "Heads of State X and Y met" is a title.)
OWNED_BY_NOUN = re.compile(r"(?:(?<![\w-])[a-z]|^[A-Z])[a-z-]*s\s+of\s+(?:the\s+)?$")
DIRECT_OBJECT_VERBS = (
    "welcome", "receive", "hosted", "hosts", "host", "visited", "visits", "visit", "met", "meet",
    "called", "calls", "phoned", "telephoned", "congratulat", "consulted", "joined", "joins",
)  # fmt: skip
DIRECT_GAP = (
    r"[\s,]*(?:[\w'’-]+\.?\s+){0,3}?(?:counterpart,\s+)?(?:with\s+)?"  # "met Mrs. Tol": a dotted honorific
    r"(?:(?:His|Her)\s+(?:Royal\s+)?(?:Majesty|Highness|Excellency)\s+)?"
)
# "X received advisers who arrived for talks with Y": the verb is a restrictive relative clause's,
# whose subject is the noun before "who", not X.
RELATIVE_OF_ANOTHER = re.compile(r"[^.;]*[^\s,.;]\s+(?:who|that)\s+(?:(?:also|later|then|had|have|has)\s+)?", re.I)
# "has caught up with X in the polls": drawing level in a race, not a talk.
CAUGHT_UP_IN_A_RACE = re.compile(r"[^.;]*?\b(?:polls?|race|ratings|standings|surveys?)\b")
COUNTERPART_BEFORE = re.compile(r"\bcounterpart,?\s+$")
SPOKE = re.compile(r"(?:spoke|spoken|speaks|speak|talked|talks|talk|caught|catch\w*)\b(?!.*\bphone\b)")
# Where a "spoke with" happened in person: at a summit, on its margins, during a visit.
VENUE = re.compile(
    r"\b(?:on\s+the\s+(?:margins|sidelines)\s+of|in\s+person|face[\s-]to[\s-]face|at\s+the\s+(?:[A-Z]-?\d{1,2}\b"
    r"|(?:[A-Z][\w'’-]*\s+){1,4}(?:Summit|Palace|House|Residence|Castle|Chancellery|Conference|Leaders['’]\s+Meeting))"
    r"|during\s+(?:his|her|their)\s+(?:visit|trip)|at\s+the\s+(?:[\w-]+\s+){0,2}summit\b)"  # "at the leaders' summit"
)
# A paragraph that sets a contact at a reception or on a summit's margins: its "spoke with" is in person.
IN_PERSON_EVENT = re.compile(
    r"\b(?:reception|on\s+the\s+(?:sidelines|margins)|in\s+person|face[\s-]to[\s-]face|joint\s+(?:news|press)\s+conference)\b",
    re.I,
)
# "the visit", "his upcoming State Visit", "the May 31 visit", "last week's visit": a noun, not the verb.
NOUN_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|his|her|their|its|upcoming|state|official|working)|['’]s)\s+"
    r"(?:(?:[A-Z][a-z]+\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)(?:,?\s+\d{4})?\s+)?$",
    re.I,
)
# "a three-day visit", "her first official visit": a determiner and modifiers before the bare form.
MODIFIED_VISIT_NOUN = re.compile(r"\b(?:the|a|an|his|her|their|its|this|that)\s+(?:[\w-]+\s+){1,2}$", re.I)
# "visit of X to Y", "visits by": the noun, whoever its subject seems to be.
VISIT_NOUN_AFTER = re.compile(r"\s+(?:of|by)\b")
# "Participants in the call included ...": the named people join the contact just reported.
# These two are searched over the whole text: their first letter is read case-sensitively, as a
# class, so that the engine skips to it in C (a case-insensitive pattern is tried at every position).
PARTICIPANT_LIST = re.compile(
    rf"[pPtTjJ]{AT_WORD_START}(?i:(?<=[pP])articipants?\s+(?:in|on)\s+the\s+(?:call|meeting|conversation|summit)"
    r"|(?<=[tT])(?:aking\s+part\s+in\s+the\s+(?:call|meeting|conversation|talks|summit|videoconference|conference)"
    r"|hose\s+on\s+the\s+call)|(?<=[jJ])oined\s+(?:the\s+(?:call|meeting)\s+)?by)\b"
)
# "X joined the call", "Joining the call were": the named people join the contact just reported.
JOINED = re.compile(
    rf"[jJ]{AT_WORD_START}(?i:(?:oined|oins|oin|oining)\s+(?:[\w.]+\s+){{0,3}}?(?:(?:on|at|in)\s+)?(?:the|this|that)\s+"
    r"(?:(?:phone|video|telephone)\s+)?(?:call|meeting|conversation|talks|videoconference)\b)"
)
# "X joined Y's call with Z": X is one more participant of the contact the possessive names.
JOINED_OWNED = re.compile(
    rf"[jJ]{AT_WORD_START}(?:oined|oins)[ \t]+(?=(?:[A-Z][\w.-]*[ \t]+){{0,4}}[A-Z][\w-]*['’]s[ \t]+"
    r"(?:(?:phone|video|telephone)[ \t]+)?(?:call|meeting|conversation|talks|videoconference)\b)"
)
# "with the leaders of ...", "with the Bucharest Nine group of allies": a side named as a body.
COLLECTIVE = re.compile(
    r"\bwith\s+(?:the\s+)?(?:[\w-]+\s+|\([\w-]+\)\s+){0,10}?(?:leaders|counterparts|heads\s+of\s+(?:state|government)"
    r"|allies|presidents|prime\s+ministers)\b",
    re.I,
)
# Words that set a "we" contact before the one reported: "We first met", "We also had telephone calls".
RECALL_WORDS = re.compile(
    r"\b(?:first|last|previous|also|earlier|already|before|often|regularly|(?:tele)?phone)\b", re.I
)
# Words that set a contact before the one a transcript is of ("also", "regularly" do not).
LOOKED_BACK_ON = re.compile(r"\b(?:first|last|previous|earlier|already|before|ago)\b", re.I)
TOPIC_AFTER = re.compile(r"\s+(?:about|of|over)\b")
# "We had a meeting before the New Year": set before a named time, so an earlier contact.
BEFORE_AN_EVENT = re.compile(r"[^.;,]{0,40}?\bbefore\s+(?:the\s+)?[A-Z]")
WITH_WORD = re.compile(r"\bwith\s+")
# "Head of the Republic of X", "Governor of the Region of X": a head of a region when X is no country.
REGION_HEAD = re.compile(
    r"\b(?:Head|Governor|Mayor|Chairman|Premier)\s+of\s+(?:the\s+)?(?:Republic|Region|Territory|Province|Oblast"
    r"|Krai|State|Autonomous\s+\w+)\s+of\s+(?P<place>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
)
# Words that say a talk was held at a distance; without them "had a conversation with" says no medium.
MEDIUM_WORDS = re.compile(r"phone|call|video|virtual|online|remote|by\s+(?:tele)?phone|tele", re.I)
REMOTE_AFTER = re.compile(
    r"[\s,]*(?:[\w-]+\s+){0,3}?(?:via|by|over|through)\s+(?:a\s+)?(?:video(?:\s*(?:conference|link|call))?"
    r"|videoconference)\b",
    re.I,
)


def find_contacts(article: Article, seed: tuple[FoundContact, ...] = ()) -> list[FoundContact]:
    """Every contact the text reports, after ``seed`` (a transcript's own meeting, which "we" and "you" mean)."""
    text = article.text
    found: list[FoundContact] = list(seed)
    # One pass each over the whole text; sentences look up theirs.
    verbs = contact_verb_matches(CONTACT_VERB, text, article.lowered)
    verb_starts = [m.start() for m in verbs]
    lists = [m for m in PARTICIPANT_LIST.finditer(text)] + [m for m in JOINED.finditer(text)]
    list_starts = sorted(m.start() for m in lists)
    for n, sent in enumerate(article.sentences):
        mentions = article.mentions_in(sent.start, sent.end)
        mentions = [m for m in mentions if not article.in_quote(m.start)]
        context = text[article.paragraph_start(sent) : sent.end]
        here: list[FoundContact] = []
        earlier: list[FoundContact] = []  # told in a relative clause of the subject
        first = bisect.bisect_left(verb_starts, sent.start)
        own_verbs = verbs[first : bisect.bisect_left(verb_starts, sent.end, first)]  # the verbs starting in it
        for m in own_verbs:
            if m.end() > sent.end or article.in_quote(m.start()):
                continue
            # "Had a good conversation with X." in a leader's own release or post: a verb in the past
            # opens the sentence ("Talks with X resumed" is the noun's).
            opens = m.start() == sent.start or OPENING_ADVERB.fullmatch(text, sent.start, m.start()) is not None
            subjectless = opens and article.is_release and PAST_VERB_OPENING.match(text, m.start()) is not None
            contacts = contacts_at(article, sent, m, mentions, context, subjectless=subjectless)
            if contacts and verb_opens_relative_clause(text, mentions, m.start()):
                # "X and Y, who last met in Lorvik in March, spoke on Sunday": an earlier contact,
                # of the clause's own words, which leaves the main verb its own.
                clause_end = text.find(",", m.end(), sent.end)
                for c in contacts:
                    c.recalled, c.kind_span = True, (m.start(), clause_end if clause_end > 0 else sent.end)
                earlier += contacts
                continue
            if here and SINCE_THEY.search(text, max(sent.start, m.start() - 30), m.start()):
                # "their first call since they met in Lorvik in June": the same two, at that earlier time.
                earlier += _since_they(article, sent, m, here[-1])
                continue
            after_they = AFTER_THEY.search(text, max(sent.start, m.start() - 50), m.start()) if here else None
            if after_they:
                # "called X on Sunday, a week after they met in Lorvik": that long before the call.
                earlier += _since_they(article, sent, m, here[-1], before=after_they)
                continue
            seen = {e.ident for c in here for e in c.entities}
            # A second verb counts when it names someone new ("met X and later called Y"), or the same
            # people at another time ("met X on Monday and phoned her again on Tuesday").
            times = {(c.date, kind_class(c.kind)) for c in here}
            contacts = [
                c
                for c in contacts
                if not here
                or any(e.ident not in seen for e in c.entities)
                or (c.date is not None and (c.date, kind_class(c.kind)) not in times and not c.planned)
            ]
            here += contacts
        if not here:
            here = you_contacts(article, sent, found)  # "When you visited our capital in June"
        if not here:
            here = _we_contacts(article, sent, own_verbs, found)
        if not here and "video" in text[sent.start : sent.end]:
            here = we_via_video(article, sent, found)
        if not here:
            here = _they_contacts(article, sent, own_verbs[0] if own_verbs else None, mentions, found)
        i = bisect.bisect_left(list_starts, sent.start)
        is_list = i < len(list_starts) and list_starts[i] < sent.end
        if not here and not is_list and " part" in text[sent.start : sent.end]:
            here = took_part_contacts(article, sent, mentions)
        if not here:
            here = discussed_contacts(article, sent, mentions)
        here += agency_contacts(article, sent, mentions, here)  # "He met X before meeting Y": new pairs
        found += here + earlier
        if is_list and found:
            last = found[-1]
            if sent.paragraph - last.sentence.paragraph <= 1:
                joining = mentions + article.bullet_mentions(n)
                before = len(last.entities)
                last.entities = distinct(last.entities + [x.entity for x in joining])
                last.awaiting = last.awaiting and len(last.entities) == before
        by_noun = noun_contacts(article, sent, mentions, context)
        joined_owned(article, sent, mentions, by_noun)
        found += by_noun
        if not here:
            found += during_contacts(article, sent, mentions)
        found += earlier_contacts(article, sent, mentions, found)
        found += recalled_contacts(article, sent, found)
    found = [c for c in found if len(c.entities) >= (1 if c.unnamed_side else 2) and not c.awaiting]
    found = reported_that_day(article, found)  # a transcript's own meeting; a news item's undated contacts
    for c in found:
        undated = c.date is None and c.by_noun and not c.recalled and not c.own_undated
        if undated and article.is_release and article.published:
            c.date, c.precision = article.published, "day"  # "the talks with X" a release reports: that day's
        a, b = c.kind_span or (c.start, c.end)
        decided = kind_from_evidence(c.kind, text[a:b])
        if decided != c.kind:
            c.reported_kind, c.kind = c.kind, decided  # "talks, held via videoconference": a video call
    return contacts_merged(found)


def joined_owned(article: Article, sent: Sentence, mentions: list[Mention], by_noun: list[FoundContact]) -> None:
    """ "X joined Y's call with Z": X joins the contact "Y's call with Z", one of the sentence's
    ``by_noun`` contacts (its participants are extended in place)."""
    text = article.text
    for m in JOINED_OWNED.finditer(text, sent.start, sent.end) if "joined" in text[sent.start : sent.end] else ():
        owner = next((x for x in mentions if x.start >= m.end()), None)
        joiners = group_backwards(text, [x for x in mentions if x.end <= m.start()])
        if (
            owner is None
            or not joiners
            or not re.fullmatch(r"[ \t]+(?:also[ \t]+)?", text[joiners[-1].end : m.start()])
        ):
            continue
        contact = next((c for c in by_noun if owner.entity in c.entities), None)
        if contact is not None:  # of either side: "Vice President X joined the President's call with Y"
            contact.entities = distinct(contact.entities + [x.entity for x in joiners])


# A verb in the passive, its agent after "by" (not the medium: "reached by phone").
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|is|are)\s+(?:\w+ly\s+)?$", re.I)
AGENT_AFTER = re.compile(r"\s+by\s+(?!(?:tele)?phone\b|video|letter\b)")
# ", who last met": a contact verb opening a relative clause of the people just named.
RELATIVE_VERB_BEFORE = re.compile(r"\s*,\s*who\s+(?:(?:last|first|previously|recently|also|had|have|has)\s+)*")


def verb_opens_relative_clause(text: str, mentions: list[Mention], verb_start: int) -> bool:
    before = [x for x in mentions if x.end <= verb_start]
    return bool(before) and RELATIVE_VERB_BEFORE.fullmatch(text, before[-1].end, verb_start) is not None


def asks(article: Article, sent: Sentence) -> bool:
    """Whether the sentence is a question of the text's own (its "?" outside any quotation)."""
    body = article.text[sent.start : sent.end].rstrip()
    return body.endswith("?") and not article.in_quote(sent.start + len(body) - 1)


# Between an object and the date after it ("Tol on Tuesday"), and between that date and a second object.
BEFORE_OWN_DATE = re.compile(r"[ \t]+(?:(?:on|in)[ \t]+)?")
AND_NEXT_OBJECT = re.compile(r"[ \t]*,?[ \t]+and[ \t]+(?:(?:then|later|also)[ \t]+)?(?:(?:with|to)[ \t]+)?")


def second_dated_object(
    article: Article, sent: Sentence, first_end: int, after: list[Mention]
) -> tuple[list[Entity], int] | None:
    """The people of "... A on Tuesday and B on Wednesday" after the first object (ending at
    ``first_end``), and where they start: a date right after A, "and", B, then another date right
    after B; None otherwise."""
    text = article.text
    hits = article.dates_in(first_end, sent.end)
    if len(hits) < 2 or not BEFORE_OWN_DATE.fullmatch(text, first_end, hits[0].start):
        return None
    joint = AND_NEXT_OBJECT.match(text, hits[0].end, sent.end)
    if joint is None:
        return None
    group = group_forwards(text, [x for x in after if x.start >= joint.end()], joint.end())
    own = next((h for h in hits[1:] if group and h.start >= group[-1].end), None)
    if not group or own is None or not BEFORE_OWN_DATE.fullmatch(text, group[-1].end, own.start):
        return None
    if own.date == hits[0].date or text[joint.end() : group[0].start].count(",") > 1:
        return None
    return distinct([x.entity for x in group]), group[0].start


# "They spoke by phone again on Friday", "The two leaders also held talks in Lorvik": the sentence
# opens with a plural subject the text does not name again, then the contact verb.
THEY_SUBJECT = re.compile(
    r"\s*(?:They|The\s+two(?:\s+(?:leaders|presidents|prime\s+ministers|heads\s+of\s+state|men|women))?"
    r"|The\s+(?:leaders|presidents|prime\s+ministers))"
    r"\s+(?:(?:also|later|then|again|subsequently|briefly|have|had|will|would|are\s+to|plan\s+to)\s+){0,2}"
)

PAST_VERB_OPENING = re.compile(r"(?:[A-Z][a-z]+ed|Met|Had|Held|Spoke|Took|Made|Sat|Got|Rang)\b")
# Words a leader's post may open with before its verb: "Today, spoke with X", "Earlier today met X".
OPENING_ADVERB = re.compile(
    r"(?:Today|Yesterday|Tonight|Earlier\s+today|This\s+(?:morning|afternoon|evening)|Just)[ \t]*,?[ \t]*"
)
# "since they met", "since the two leaders last spoke": an earlier contact of the pair just told.
SINCE_THEY = re.compile(
    r"\bsince\s+(?:they|the\s+two(?:\s+(?:leaders|presidents|men|women))?)\s+(?:(?:last|first|had)\s+)?$"
)


# "a week after they met", "two days after the two leaders spoke": an earlier contact that long before.
AFTER_THEY = re.compile(
    rf"\b(?P<num>{NUMBER})\s+(?P<unit>days?|weeks?|months?)\s+after\s+"
    r"(?:they|the\s+two(?:\s+(?:leaders|presidents|men|women))?)\s+(?:(?:last|first|had)\s+)?$",
    re.I,
)


def _kind_of_verb(m: re.Match) -> str:
    """The kind a contact verb names with no one else's words: its group's, and a pair's verb other
    than "met" ("X and Y spoke") a call."""
    if m.group("pair") and m.group(0).lower() != "met":
        return "phone_call"
    return "video_call" if m.group("video") else "phone_call" if m.group("phone") else "meeting"


def _since_they(
    article: Article, sent: Sentence, m: re.Match, told: FoundContact, before: re.Match | None = None
) -> list[FoundContact]:
    """The earlier contact a "since they <verb> <when>" clause names, dated by its own words only;
    ``before``, an AFTER_THEY match, dates it that long before the contact ``told``."""
    text = article.text
    clause_end = min((i for i in (text.find(mark, m.end(), sent.end) for mark in ",;") if i > 0), default=sent.end)
    if NEGATION.search(text, m.start(), m.end()):
        return []
    kind = _kind_of_verb(m)
    hits = article.dates_in(m.end(), clause_end)
    when, precision = (hits[0].date, hits[0].precision) if hits else (None, "day")
    if before is not None and not hits and told.date is not None:
        days, months = duration_of(before.group("num"), before.group("unit"))
        if days:
            when, precision = told.date - timedelta(days=days), "day"
        elif months:
            total = told.date.year * 12 + told.date.month - 1 - months
            when, precision = date(total // 12, total % 12 + 1, 1), "month"
    if when is not None and article.published is not None and when > article.published:
        return []
    found = FoundContact(list(told.entities), kind, when, precision, False, sent.start, sent.end, sent)
    found.recalled, found.kind_span = True, (m.start(), clause_end)
    return [found]


ANOTHER_TIME = re.compile(r"\b(?:again|also|later|subsequently|last|previously|before)\b")


def _they_contacts(
    article: Article, sent: Sentence, m: re.Match | None, mentions: list[Mention], found: list[FoundContact]
) -> list[FoundContact]:
    """ "X met Y on Monday. They spoke by phone again on Friday": the pair of the contact told just
    before (this paragraph or the one before, in a sentence before that names one of them), when no
    one else is named after the verb and the words set it at a time of its own (a date, "again").
    ``m``: the sentence's first contact verb."""
    text = article.text
    if m is None or m.end() > sent.end or article.in_quote(m.start()):
        return []
    if not THEY_SUBJECT.fullmatch(text, sent.start, m.start()) or NEGATION.search(text, m.start(), m.end()):
        return []
    verb = m.group(0).lower()
    named_after = any(x.start >= m.end() for x in mentions)
    needs_object = verb.startswith(DIRECT_OBJECT_VERBS) and not verb.startswith(("met", "meet"))
    if named_after or needs_object or re.search(r"(?:with|to)$", verb):
        return []  # "They met X", "They spoke with X": someone else's contact, found by its names
    last = next((c for c in reversed(found) if len(c.entities) >= 2 and not c.planned), None)
    if last is None or sent.paragraph - last.sentence.paragraph > 1:
        return []
    if not article.dates_in(sent.start, sent.end) and not ANOTHER_TIME.search(text, sent.start, sent.end):
        return []  # "The two leaders had an in-depth discussion": the contact just told, told again
    before = article.sentence_before(sent)
    pair = {e.ident for e in last.entities}
    if before is None or not any(x.entity.ident in pair for x in article.mentions_in(before.start, before.end)):
        return []  # "Protesters gathered outside. They met again": "they" are whom the sentence before names
    kind = "video_call" if REMOTE_AFTER.match(text, m.end(), sent.end) else _kind_of_verb(m)
    unsaid = kind == "phone_call" and not MEDIUM_WORDS.search(text, sent.start, sent.end)
    if unsaid and not article.dates_in(sent.start, sent.end):
        return []  # "They talked for two hours": the talk of the contact just told, of no medium of its own
    contact = contact_dated(article, sent, m, list(last.entities), kind, [])
    contact.medium_unsaid = unsaid
    if RECALL_WORDS.search(text, sent.start, m.start()) and not contact.planned:
        contact.recalled = True
    return [contact]


def _we_contacts(article: Article, sent: Sentence, verbs: list[re.Match], found: list[FoundContact]):
    """In a transcript of talks, "we held a videoconference" or "We first met 13 years ago": the
    speaker of the caption and the one they are talking with, the other side of the speaker's
    two-person contact that the transcript reports."""
    if article.narrators is None:
        return []
    text = article.text
    for m in verbs:
        if m.start() >= sent.end:
            break
        speaker = article.narrators.caption_at(m.start())
        if m.end() > sent.end or speaker is None or article.in_quote(m.start()):
            continue
        if not we_before(text, sent.start, m.start()) or NEGATION.search(text, m.start(), m.end()):
            continue
        verb = m.group(0).lower()
        if verb.startswith(DIRECT_OBJECT_VERBS) and not verb.startswith(("met", "meet")) or verb == "meeting":
            continue  # "we can receive test results": these verbs need a person after them; "we are
            # meeting" is the talks the transcript is of
        dated = [h for h in article.dates_in(sent.start, sent.end) if h.date < (article.published or h.date)]
        looked_back = RECALL_WORDS.search(text, sent.start, m.end()) or BEFORE_AN_EVENT.match(text, m.end(), sent.end)
        if not (dated or m.group("video") or looked_back):
            continue  # "We had a candid conversation": the talks the transcript is of
        # Not a meeting the turns only show: its "we" is as often the speaker's state ("we regularly meet ...").
        pair = next((c.entities for c in found if len(c.entities) == 2 and speaker in c.entities and not c.shown), None)
        if (
            pair is None
            and not re.search(r"(?:with|to)$", m.group(0))
            and not WE_OBJECT.match(text, m.end())
            and (dated or m.group("video") or m.group("phone") or LOOKED_BACK_ON.search(text, sent.start, m.end()))
            and (dated or not TOPIC_AFTER.match(text, m.end()))
        ):
            # "We spoke by phone in March", "when we last met in Wendland": no one else named as the
            # object, so "we" are the two leaders whose turns the transcript shows; "we also talked
            # about flights" is what these talks covered, "we spoke last month about it" an earlier call.
            pair = next((c.entities for c in found if len(c.entities) == 2 and speaker in c.entities), None)
        if pair is None:
            return []
        kind = "video_call" if REMOTE_AFTER.match(text, m.end(), sent.end) else _kind_of_verb(m)
        contact = contact_dated(article, sent, m, list(pair), kind, [])
        if contact.planned:
            return []
        # Looked back on: dated by the words, never by the publication day.
        contact.recalled = True
        contact.date, contact.precision = (dated[0].date, dated[0].precision) if dated else (None, "day")
        return [contact]
    return []


# "called her again on Sunday", "after meeting him in Lorvik": a pronoun object ("her" before a
# noun is a possessive: "met her counterpart").
OBJECT_PRONOUN = re.compile(
    r"[ \t]+(?:him|her)(?=[ \t]*(?:[,.;]|$)|[ \t]+(?:on|in|at|by|again|today|yesterday|last|this|for|to|from|and|after"
    r"|before|during|over|via|twice|briefly|[A-Z][a-z]+day)\b)"
)


def _pronoun_object(
    article: Article, sent: Sentence, subject: list[Mention], verb_start: int, pronoun: re.Match
) -> list[Mention]:
    """Whom "him" or "her" after a contact verb means: the one person named before the verb, in its
    sentence or the one before, who is not its subject."""
    own = {x.entity.ident for x in subject if x.entity is not None}
    before = article.sentence_before(sent)
    start = before.start if before is not None else sent.start
    named = [x for x in article.mentions_in(start, verb_start) if x.entity.ident not in own]
    if not subject or len({x.entity.ident for x in named}) != 1:
        return []  # "A met B. C called him": A or B, the words do not say
    at = pronoun.end() - 3  # "him" and "her" are three letters
    return [Mention(at, pronoun.end(), named[-1].entity, "pronoun")]


def contacts_at(
    article: Article,
    sent: Sentence,
    m: re.Match,
    mentions: list[Mention],
    context: str,
    narrator: Entity | None = None,
    subjectless: bool = False,
) -> list[FoundContact]:
    """The contacts the contact verb ``m`` reports, between the ``mentions`` around it; "I" is
    ``narrator``, else whoever speaks at the verb (a transcript's caption, the document's narrator).
    ``subjectless``: the verb opens its sentence ("Just spoke with X" in a post), ``narrator`` its subject."""
    text = article.text
    if asks(article, sent):
        return []  # "Did X meet Y on Sunday?", "Would X call Y?": asked, not reported
    if PASSIVE_BEFORE.search(text, max(sent.start, m.start() - 30), m.start()) and AGENT_AFTER.match(text, m.end()):
        return []  # "they were met by X": X met them, which the verb's subject and object do not say
    verb = m.group(0).lower()
    kind = "video_call" if m.group("video") else "phone_call" if m.group("phone") else "meeting"
    if m.group("visit"):
        kind = "visit"
    if kind == "meeting" and re.search(r"\b(?:video|virtual|online)\b", verb):
        kind = "video_call"  # "held video consultations with ..."
    if kind in ("meeting", "phone_call") and REMOTE_AFTER.match(text, m.end(), sent.end):
        kind = "video_call"  # "held talks, via videoconference, with ..."
    before = [x for x in mentions if x.end <= m.start()]
    after = [x for x in mentions if x.start >= m.end()]
    subject = group_backwards(text, before)
    if narrator is None and article.narrators is not None:
        narrator = article.narrators.at(m.start())
    clause_start = subject[-1].end if subject else sent.start
    narrated_from = first_person_start(text, clause_start, m.start()) if narrator is not None else None
    if narrated_from is None and subjectless and narrator is not None:
        narrated_from = m.start()
    if narrated_from is not None:
        subject = [Mention(m.start(), m.start(), narrator, "narrator")]  # "I spoke with ..."
    # "The Prime Minister and President X spoke": X is the counterpart of the release's unnamed leader.
    head_joined = bool(subject) and article.is_release and unnamed_head_joined(text, sent.start, subject[0].start)
    kind_from = sent.start
    if subject and coordinated(text, subject[-1].end, m.start()):
        # "X met Y and later spoke by phone with Z": Z's contact is X's, not Y's.
        first = [v for v in CONTACT_VERB.finditer(text, sent.start, subject[0].start)]
        subject = group_backwards(text, [x for x in before if x.end <= first[-1].start()]) if first else []
        kind_from = m.start()
    # The words that say the kind end where a verb coordinated with this one begins.
    kind_to = next(
        (v.start() for v in CONTACT_VERB.finditer(text, m.end(), sent.end) if and_before(text, m.end(), v.start())),
        sent.end,
    )
    own_from = kind_from if kind_from != sent.start else None  # the second of two coordinated verbs
    if not subject:
        subject = pronoun_subject(article, sent, m.start())  # "He also met with ...": the last sentence's subject
    head_at = None if subject else unnamed_head_before(text, sent.start, m.start(), article.is_release)
    unnamed = head_at is not None or bool(subject) and subject[0].kind == "unnamed"  # or "He" for that head
    if head_at is not None:
        # "The Prime Minister spoke to President X": the publisher's leader, whom the text does not
        # name, is no participant it can list; the contact with X still took place.
        subject = [Mention(head_at, head_at, None, "unnamed")]
    if not subject or POSSESSED_SUBJECT.fullmatch(text, subject[-1].end, m.start()):
        return []  # "X's wife met Y": the one who met Y is not X
    if subject[0].kind not in ("narrator", "unnamed") and OWNED_BY_NOUN.search(text[sent.start : subject[0].start]):
        return []
    if RELATIVE_OF_ANOTHER.fullmatch(text, subject[-1].end, m.start()):
        return []
    if (
        text[subject[-1].end : m.start()].count(",") >= 2
        and not RELATIVE_BEFORE_VERB.fullmatch(text, subject[-1].end, m.start())
        and not SECOND_PREDICATE.fullmatch(text, subject[-1].end, m.start())
    ):
        return []  # the verb belongs to a relative or parenthetical clause
    if m.group("visit") and (
        NOUN_BEFORE.search(text, max(0, m.start() - 30), m.start())
        or VISIT_NOUN_AFTER.match(text, m.end())
        or (verb == "visit" and MODIFIED_VISIT_NOUN.search(text, max(0, m.start() - 40), m.start()))
    ):
        return []  # "his upcoming State Visit with ...": a noun, not the verb
    if m.group("pair"):
        # "X and Y spoke today": both sides are the subject; a name after the verb is a topic.
        if (unnamed or len(distinct([x.entity for x in subject])) < 2) and not head_joined:
            return []
        obj = []
        kind = "meeting" if verb in ("met", "meeting") else "phone_call"
    else:
        obj = group_forwards(text, after, m.end())
        pronoun = OBJECT_PRONOUN.match(text, m.end()) if not obj else None
        if pronoun:
            obj = _pronoun_object(article, sent, subject, m.start(), pronoun)  # "called her again on Sunday"
    if verb.startswith(DIRECT_OBJECT_VERBS) and not verb.endswith("with"):
        # These verbs take the other person straight after them ("met Prime Minister X").
        gap = (
            # "called the Estralian President X": CONTACT_VERB saw a head after "the"; "the outgoing ...".
            r"[\s,]*(?:the\s+)?(?:(?-i:outgoing|incoming|new|former|acting|interim)\s+)?"
            if verb.startswith(("called", "calls", "phoned", "telephoned", "congratulat", "consulted"))
            else DIRECT_GAP
        )
        between = text[m.end() : obj[0].start] if obj else ""
        if verb.startswith(("welcome", "receive")):
            ok = OBJECT_GAP.fullmatch(between) is not None and len(between) < 90
        else:
            ok = re.fullmatch(gap, between, re.I) is not None
        if obj and (not ok or text.startswith(("’s", "'s"), obj[0].end)):
            obj = []  # "welcomed President Tol's commitment": the person owns the object
    if obj and len(obj) == 1 and OWNED_AFTER.match(text, obj[0].end):
        obj = []  # "spoke to X's spokesman", "met with X's envoy": someone of X's, not X
    if not obj and not m.group("pair"):
        # "spoke by phone Monday with Israeli Prime Minister ..." puts "with" after the verb phrase.
        tail = text[m.end() : after[0].start] if after else ""
        with_at = WITH_WORD.search(tail)
        if with_at and with_at.start() < 60:
            obj = group_forwards(text, after, m.end() + with_at.end())
    if obj and (
        list_goes_on(text, obj[-1].end, sent.end, article.is_place)
        or list_skipped(text[m.end() : obj[0].start], article.is_place)
    ):
        return []  # "with A, B, Adviser to the President of X on trade C": C was not found; a partial list
    if verb.startswith(("caught", "catch")) and obj and CAUGHT_UP_IN_A_RACE.match(text, obj[-1].end, sent.end):
        return []
    window = text[subject[-1].end if narrated_from is None else narrated_from : m.start()]  # "I have never met"
    if NEGATION.search(window) or NEGATION.search(text[m.start() : m.end()]):
        return []
    if kind == "phone_call" and SPOKE.match(verb) and (VENUE.search(context) or IN_PERSON_EVENT.search(context)):
        kind = "meeting"  # "spoke with ... on the margins of the NATO Summit" was face to face
    unsaid = kind == "phone_call" and not MEDIUM_WORDS.search(text, sent.start, sent.end)
    if head_joined and not obj and len(distinct([x.entity for x in subject])) == 1:
        unnamed, obj, subject = True, subject, []
    subject = [x for x in subject if x.kind != "unnamed"]
    sides = [x.entity for x in subject]
    others = distinct([x.entity for x in obj if x.entity.ident not in {e.ident for e in sides}])
    if is_domestic(sides, others, article.home, lambda: article.countries_named(m.end(), sent.end)):
        return []  # a president with his own legislators or regional heads
    if article.is_release and is_own_side_meeting(
        sides,
        others,
        article.home,
        # The paragraph and the next: a heading's "met with X" is told again, with X's country, below it.
        lambda: countries_around(article, article.paragraph_start(sent), article.paragraph_after_end(sent)),
        lambda name: own_body(name, article.gazetteer, article.home),
        working="working" in verb,
        call=kind == "phone_call" and not unsaid,
    ):
        return []  # a head of state with his own officials, managers and citizens
    # "his Estralian counterpart, Ivo Lind": the words give the office the name does not.
    introduced = {x.entity.ident for x in obj if COUNTERPART_BEFORE.search(text, max(0, x.start - 20), x.start)}
    if unnamed and not all(counterpart_of_unnamed_head(e) or e.ident in introduced for e in others):
        return []  # "The President spoke with Governor X": only a counterpart makes it a contact
    if not others and len(sides) > 1 and is_domestic(sides[:1], sides[1:], article.home):
        return []  # "the President and Speaker Tol spoke by phone"
    region = REGION_HEAD.search(text, m.end(), obj[0].start) if obj else None
    if region and not article.gazetteer.country_named(region.group("place")):
        return []  # "a working meeting with Head of the Republic of Nordmark X": a region's, not a state's
    entities = distinct(sides + others)
    # "X and Y held talks" needs no object; "welcomed", "met with", "spoke to" do: without one the
    # subjects welcomed something else ("welcomed the return of ...").
    needs_object = not m.group("pair") and (
        verb.endswith("with") or (verb.startswith(DIRECT_OBJECT_VERBS) and not verb.startswith(("met", "meet")))
    )
    if (not others if unnamed else len(entities) < 2) or (needs_object and not others):
        # "held a secure video call with European leaders": the names may follow in a list.
        if COLLECTIVE.search(text, m.start(), sent.end):
            contact = contact_dated(article, sent, m, entities, kind, subject, own_from)
            contact.awaiting = True
            return [contact]
        return []
    lead = article.sentence_before(sent)
    lead_text = text[lead.start : lead.end] if lead is not None and lead.paragraph == sent.paragraph else ""
    if len(others) >= 2 and separate_contacts(verb, kind, subject, text[sent.start : sent.end], lead_text):
        out = [contact_dated(article, sent, m, distinct(sides + [o]), kind, subject, own_from) for o in others]
    else:
        out = [contact_dated(article, sent, m, entities, kind, subject, own_from)]
    if len(out) == 1 and obj and not m.group("pair"):
        # "met A on Tuesday and B on Wednesday": one verb, a second object with a date of its own.
        second = second_dated_object(article, sent, obj[-1].end, after)
        people, own_start = second or ([], None)
        known = {e.ident for e in entities}
        if people and all(e.ident not in known for e in people) and not is_domestic(sides, people, article.home):
            out.append(contact_dated(article, sent, m, distinct(sides + people), kind, subject, own_start))
    for c in out:
        c.medium_unsaid = unsaid
        c.unnamed_side = unnamed
        if (kind_from, kind_to) != (sent.start, sent.end):
            c.kind_span = (kind_from, kind_to)
    return out
