"""Contacts stated by a noun rather than a verb, and earlier contacts an article recalls.

"the conversation between X and Y", "his talks with X in the capital", "following talks with X",
"X's meeting with Y on Wednesday", "During their telephone conversation, X and Y ...", "Talks with X
were held today", "their last call, on 15 February", "the 14 March videoconference". The other
side of "his/the talks with X" is the sentence's subject, else the person the article is about.
"""

from __future__ import annotations

import re
from datetime import timedelta

from tracker.rules import later_than

from .context import Article, Sentence, distinct
from .participants import OBJECT_GAP, FoundContact, group_backwards, group_forwards, is_domestic
from .people import Entity, Mention
from .vocabulary import MONTH_NAMES

NOUN = (
    r"(?P<noun>(?:(?:tele)?phone\s+|video\s*|online\s+|virtual\s+|bilateral\s+|face-to-face\s+|in-person\s+)?"
    r"(?:conversations?|calls?|talks|meetings?|videoconferences?|video\s*conferences?|summits?|negotiations"
    r"|consultations|joint\s+(?:news|press)\s+conferences?))\b"  # a joint news conference: both in one room
)
# "the conversation between X and Y", "talks held between X and Y"
# (a sentence may open with it: "Talks between X and Y took place in the capital")
BETWEEN = re.compile(
    rf"\b(?i:{NOUN})\s+(?:held\s+|that\s+took\s+place\s+|took\s+place\s+)?"
    # "A phone call took place on Sunday between X and Y": the day may come before the names
    r"(?:(?:on\s+[A-Z][a-z]+(?:\s+\d{1,2})?|today|yesterday|earlier\s+today)\s+)?between\s+"
)
# "The meeting of X and Y began in the capital", "The talks of X and Y, who is on a visit, have begun"
OF_PAIR = re.compile(rf"(?<![\w-])[Tt]he\s+{NOUN}\s+of\s+(?=[A-Z])")
# After the names of OF_PAIR: a verb that says the contact is taking or took place.
OCCURRED = re.compile(
    r"(?:\s*,[^,.;:]{1,80},)?\s*(?:(?:has|have)\s+(?:begun|started|opened|ended)|began|started|opened|ended"
    r"|took\s+place|(?:was|were|has\s+been|have\s+been)\s+held|(?:is|are)\s+(?:taking\s+place|under\s*way))\b"
)
# "his talks with X", "the meeting with X", "a phone call with X", "X's meeting with Y"
WITH = re.compile(rf"\b{NOUN}(?P<mid>\s+(?:[^.;:\n]{{0,60}}?\s+)?)with\s+")
# What comes before the noun: a determiner or possessive, then up to three modifiers (no determiner
# or preposition among them: "a day after his call" is his call).
DETERMINER = re.compile(
    r"(?:(?<![\w-])(?P<det>[Tt]he|[Tt]heir|[Hh]is|[Hh]er|[Mm]y|[Oo]ur|[Aa]n?)|(?P<poss>['’]s))\s+"
    r"(?:(?!(?i:the|their|his|her|an?|after|before|following|during|since|with|of|for|in|on|at|to)\s)[\w-]+\s+){0,3}$"
)
# A possessive that says when, not whose: "yesterday's summit", "Monday's call", "last week's talks".
TIME_POSSESSOR = re.compile(
    r"(?<![\w-])(?:yesterday|today|tonight|weekend|week|month|year|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)$",
    re.I,
)
# A plural that counts contacts ("conversations with A and B"), unlike "talks", which may be one.
SEPARATE_NOUN = re.compile(r"(?:(?:tele)?phone\s+|video\s*)?(?:conversations|calls|meetings|videoconferences)", re.I)
# "During their telephone conversation, X and Y exchanged greetings"
THEIR = re.compile(rf"\b[Tt]heir\s+(?:(?!with\b)[\w-]+\s+){{0,3}}?{NOUN}\s*,?\s+")
RECALLED = re.compile(r"\b(?:last|previous|most\s+recent|recent|prior|earlier|first|former|past)\b", re.I)
RECALLED_BEFORE = re.compile(r"\b(?:last|previous|recent|prior|earlier|former|past)\s+$", re.I)
# Words that make the noun a contact still to come, a wish or a topic, not one that took place.
NOT_HELD = re.compile(
    r"\b(?:upcoming|next|future|forthcoming|planned|proposed|possible|potential|new|further|another|any|no"
    r"|ready|readiness|prepar\w+|propos\w+|call(?:ed|s)?\s+for|invit\w+|request\w*|hope\w*|await\w*"
    # what is waited for, or could, would or will happen ("can be ended by talks between X and Y")
    r"|waiting|will|shall|(?-i:can|could|would|should|might|may|must)"
    r"|agreed|agree|expect\w*|look\w*\s+forward|wish\w*|offer\w*|organi[sz]\w*|arrang\w*"
    # wanting, seeking or urging talks is not holding them: "is interested in talks with", "urged talks with"
    # ("urgent", "interesting" or "demanding" talks were held: not these)
    r"|interested|wants?|wanted|wanting|seek\w*|sought|open\s+to|push\w*\s+for|urg(?:e|es|ed|ing)|demand(?:s|ed)?"
    r"|cancel\w*|postpon\w*|call(?:ed|s|ing)?\s+off|scrap\w*|delay\w*|put\s+off)"  # "cancelled his meeting with"
    r"\b[^.;]{0,40}$",
    re.I,
)
# The noun as the anchor of "since" ("their first call since the meeting with X"), not a contact
# a clause after "since" tells ("since taking office included talks with X": a verb between).
SINCE_ANCHOR = re.compile(r"\bsince\s+(?:(?![\w-]*(?:ed|ing)\b)[\w'’-]+\s+){0,3}$", re.I)
SINCE_PHRASE = re.compile(r"\bsince\b[^,;.]*$")
AFTER_PLANNED = re.compile(
    r"[^.;]{0,80}?\b(?:scheduled|planned|expected|to\s+be\s+held|will|would|is\s+to|are\s+to"
    r"|(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:cancel\w*|postponed|called\s+off|scrapped|delayed|put\s+off))\b",
    re.I,
)
# "the meeting between X and Y is an opportunity to ...": a present copula right after the names
# says what the contact is for, not that it took place ("are taking place", "is under way" do).
PRESENT_COPULA = re.compile(r"[\s,]*(?:is|are)\b(?![ \t]+(?:being|now|taking|under\s*way|held|over|ongoing)\b)", re.I)
HELD = re.compile(r"[^.;]{0,100}?\b(?:(?:was|were)\s+held|took\s+place)\b", re.I)
HAVE_BEFORE = re.compile(r"\b(?:had|has|have|held|hold|holds|having)\s+(?:[\w-]+\s+){0,4}$", re.I)
VIDEO = re.compile(r"\b(?:video|videoconference|virtual(?:ly)?|online)\b", re.I)
IN_PERSON = re.compile(
    r"\b(?:on\s+the\s+(?:margins|sidelines)|in\s+person|face[\s-]to[\s-]face|reception|during\s+(?:his|her|their|the)"
    r"\s+(?:visit|trip)|visit(?:ed|ing)?\s+|in\s+(?:the\s+)?[A-Z][\w-]+\s*(?:[,.]|$))"
)
EARLIER = re.compile(
    r"\b(?:[Tt]heir|[Tt]he)\s+(?:last|previous|most\s+recent|prior|earlier)\s+(?:known\s+)?(?:in-person\s+)?"
    r"(?P<noun>(?:tele)?phone\s+call|video\s+call|call|conversation|meeting|talks|summit|visit)\b"
)
_MONTH = "|".join(MONTH_NAMES)
# "the March 14 call", "the 14 March videoconference", "the November 2021 North American Leaders' Summit"
DATED_NOUN = re.compile(
    rf"\b(?:[Tt]he|[Tt]heir)\s+(?P<date>(?:{_MONTH})(?:\s+\d{{1,2}})?(?:,?\s+\d{{4}})?|\d{{1,2}}\s+(?:{_MONTH})"
    rf"(?:\s+\d{{4}})?)\s+(?:(?:[A-Z][\w-]*(?:['’]s?)?)\s+){{0,4}}(?P<noun>(?:tele)?phone\s+call|video\s+call"
    rf"|videoconference|call|meeting|[Ss]ummit|talks|visit)\b"
)
DATE_BEFORE_NOUN = re.compile(
    rf"\b(?:[Tt]he|[Tt]heir|[Hh]is|[Hh]er)\s+(?:{_MONTH})\s+\d{{1,2}}(?:,?\s+\d{{4}})?\s+.$|"
    rf"\b(?:[Tt]he|[Tt]heir|[Hh]is|[Hh]er)\s+\d{{1,2}}\s+(?:{_MONTH})(?:\s+\d{{4}})?\s+.$|"
    r"(?<![\w-])(?:[Yy]esterday|[Tt]oday|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)['’]s\s+.$|"  # "yesterday's summit"
    r"['’]s\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s+.$"  # "Lind's Sunday call"
)
MEDIUM_NOUN = re.compile(r"phone|call|virtual|online", re.I)
FIRST_PERSON = re.compile(r"(?<![\w-])I[ \t]+(?:also[ \t]+)?[a-z]")
SUBJECT_VERB = re.compile(
    r",?\s+(?:also\s+|then\s+|later\s+)?(?:[a-z]+ed|said|says|told|spoke|met|had|has|held|was|is|will|would|thanks|notes)\b"
)
# "In his meeting with X, ...", "After her talks with X, ...": a phrase that opens the sentence.
OPENING_PREPOSITION = re.compile(r"\s*(?:In|After|During|Following|At|Before)\s+")
THEY = re.compile(r"\b(?:[Tt]hey|[Tt]heir|[Tt]he\s+two\s+(?:leaders|presidents|men|women|sides|heads\s+of\s+state))\b")


# Words every match of a pattern holds: a sentence without them is not searched (a substring test
# is a hundred times cheaper than the patterns, which no literal starts).
NOUN_WORDS = (
    "conversation", "call", "talks", "meeting", "video", "summit", "negotiation", "consultation", "visit", "conference"
)  # fmt: skip
NEEDS = {
    "BETWEEN": ("between",),
    "WITH": ("with",),
    "THEIR": ("their",),
    "OF_PAIR": (" of ",),
    "EARLIER": ("last", "previous", "recent", "prior", "earlier"),
    "DATED_NOUN": (),
}


def _matches(article: Article, pattern: re.Pattern, start: int, end: int) -> list[re.Match]:
    """Matches of ``pattern`` inside [start, end), when the range holds the words they need."""
    seen = article.__dict__.setdefault("_noun_ranges", {})
    if (start, end) not in seen:
        low = article.lower(start, end)
        seen[(start, end)] = low if any(w in low for w in NOUN_WORDS) else None
    low = seen[(start, end)]
    if low is None:
        return []
    needed = NEEDS[_NAMES[pattern]]
    if needed and not any(w in low for w in needed):
        return []
    return list(pattern.finditer(article.text, start, end))


_NAMES = {
    BETWEEN: "BETWEEN", WITH: "WITH", THEIR: "THEIR", OF_PAIR: "OF_PAIR", EARLIER: "EARLIER", DATED_NOUN: "DATED_NOUN"
}  # fmt: skip


def noun_kind(noun: str, after: str, context: str = "") -> str:
    """The kind of contact a noun names (``after``: the words that follow it; ``context``: the
    paragraph so far); a conversation in person is a meeting."""
    noun = noun.lower()
    if "video" in noun or (not re.search(r"phone|call", noun) and VIDEO.search(after[:80])):
        return "video_call"
    if re.search(r"phone|call|virtual|online", noun):
        return "phone_call"
    if noun.startswith(("conversation", "consultation")):
        if re.search(r"\b(?:tele)?phone\b", context + after, re.I):
            return "phone_call"  # "in a telephone call on Saturday ... the conversation between X and Y"
        return "meeting" if IN_PERSON.search(context + after) else "phone_call"
    return "meeting"


def noun_contacts(article: Article, sent: Sentence, mentions: list[Mention], context: str) -> list[FoundContact]:
    """Contacts the sentence names by a noun. ``context`` is the paragraph so far, for the venue."""
    text = article.text
    out: list[FoundContact] = []
    for pattern in (BETWEEN, WITH, THEIR, OF_PAIR):
        for m in _matches(article, pattern, sent.start, sent.end):
            if article.in_quote(m.start()):
                continue
            before = text[max(sent.start, m.start() - 60) : m.start("noun")]
            if NOT_HELD.search(before) or SINCE_ANCHOR.search(before) or AFTER_PLANNED.match(text, m.end(), sent.end):
                continue
            if HAVE_BEFORE.search(before):
                continue  # "had talks with X": the verb's contact, found with its verb
            if re.search(r"\brespective\s+$", before) or (
                pattern is THEIR and re.match(r"with|between", text[m.end() :])
            ):
                continue  # "their respective conversations with X and Y": who spoke with whom is not said
            after = [x for x in mentions if x.start >= m.end()]
            group = group_forwards(text, after, m.end())
            if group and not OBJECT_GAP.fullmatch(text, m.end(), group[0].start):
                continue  # "the meeting with the leadership of the ministry ...": no person is its object
            if pattern is WITH:
                det = DETERMINER.search(text, max(sent.start, m.start() - 50), m.start())
                word = (det.group("det") or "").lower() if det else ""
                if det and det.group("poss") and TIME_POSSESSOR.search(text, max(0, det.start() - 12), det.start()):
                    det, word = None, "the"  # "after yesterday's summit with X": a time, not whose summit
                # "told a joint news conference with X": one held, by the words that report it.
                joint = m.group("noun").lower().startswith("joint")
                if word in ("", "a", "an") and not (det and det.group("poss")) and not joint:
                    # "a meeting with X" or a bare noun says a contact only as a past event.
                    # "began a meeting with X": a contact under way as the release is written.
                    if not re.search(
                        # "the visit included talks with X" (past: "the programme includes" is a plan)
                        r"\b(?:after|following|during|at|in|from|of|began|begun|begins|started|starts|opened|included"
                        r"|featured)"
                        r"\s+(?:an?\s+)?$",
                        before,
                        re.I,
                    ) and not (HELD.match(text, m.end(), sent.end)):
                        continue
                others = [x.entity for x in group]
                own = _other_side(article, mentions, m, det, others)
                if own is None:
                    continue  # "said after talks with X and Y": the two are one side; the other is not named
                entities = distinct([own] + others)
            else:
                entities = distinct([x.entity for x in group])
            if len(entities) < 2 or is_domestic(entities[:1], entities[1:], article.home):
                continue  # "a meeting between the Governor and the state's Secretary of Transportation"
            kind = noun_kind(m.group("noun"), text[m.end("noun") : sent.end], context)
            end_of_names = group[-1].end if group else m.end()
            if pattern is OF_PAIR and not OCCURRED.match(text, end_of_names, sent.end):
                continue  # "the meeting of X and Y is an opportunity": only one that took place
            if group and PRESENT_COPULA.match(text, end_of_names):
                continue
            # "the July 27 meeting between X and Y": the date right before the noun is its own.
            own_date = DATE_BEFORE_NOUN.search(text, max(sent.start, m.start() - 40), m.start() + 1)
            hits = [
                h
                for h in article.dates_in(own_date.start() if own_date else m.start(), min(sent.end, end_of_names + 50))
                if not re.search(r"\b(?:since|until|before|after|for)\s+$", text[max(0, h.start - 8) : h.start])
                # "their first call since the meeting with X in June": June is the anchor's
                and not (h.start > m.end("noun") and SINCE_PHRASE.search(text, m.end("noun"), h.start))
            ]
            # "the recent phone call between X and Y", "their last talks with Z": looked back on.
            recalled = bool(RECALLED.search(text, m.start(), m.start("noun")) or RECALLED_BEFORE.search(before))
            when, precision = (hits[0].date, hits[0].precision) if hits else (None, "day")
            # "the outcome of my meeting with X tomorrow": still to come
            planned = later_than(when, article.published, timedelta())
            recalled = recalled or bool(hits and article.published and hits[0].date < article.published)
            own = pattern is WITH and _speakers_own(det)
            sides = [entities]
            if pattern is WITH and len(entities) > 2 and SEPARATE_NOUN.fullmatch(m.group("noun")):
                sides = [[entities[0], e] for e in entities[1:]]  # "my conversations with A and B": one each
            for side in sides:
                found = FoundContact(side, kind, when, precision, planned, sent.start, sent.end, sent)
                found.recalled = recalled
                found.own_undated = own and not hits
                found.by_noun = True
                found.medium_unsaid = kind == "phone_call" and not MEDIUM_NOUN.search(m.group("noun"))
                out.append(found)
    return out


# "During a telephone conversation, X congratulated Y on ...": the noun's contact is the clause's subject's
# with the one the verb after it acts on.
# "During a lengthy telephone conversation initiated by the President of X, ...": its modifiers too.
DURING = re.compile(
    rf"\b(?:[Dd]uring|[Ii]n)\s+(?:an?|the)\s+(?:[a-z][\w-]*\s+){{0,2}}?{NOUN}"
    rf"(?:\s+(?:held|initiated|requested|proposed|arranged)\s+[^,.;]{{1,60}})?\s*,\s+"
)
# "During the conversation, X and Y discussed ...": the two subjects are its sides.
PAIR_VERB = re.compile(r"\s+(?:also\s+)?(?:[a-z]{3,}ed|had|held|spoke|gave|made)\b")
# "X congratulated Y", "X offered his heartfelt congratulations to Y", "X expressed condolences to Y".
ACTS_ON = re.compile(
    r"\s+(?:[a-z]+ly\s+)?[a-z]+ed\s+(?:(?:his|her|their|the)\s+)?"
    r"(?:(?:[a-z]+\s+){0,2}(?:congratulations|condolences|greetings|gratitude|thanks|wishes)\s+to\s+(?:the\s+)?)?"
)


def during_contacts(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    text = article.text
    m = DURING.search(text, sent.start, sent.end) if "uring" in text[sent.start : sent.end] else None
    if m is None and "uring" in text[sent.start : sent.end]:
        return _during_after(article, sent, mentions)
    if m is None or article.in_quote(m.start()) or NOT_HELD.search(text, max(sent.start, m.start() - 60), m.start()):
        return []
    after = [x for x in mentions if x.start >= m.end()]
    if len(after) < 2 or after[0].start != m.end():
        return []
    pair = group_forwards(text, after, m.end())
    if len(pair) >= 2 and PAIR_VERB.match(text, pair[-1].end):
        entities = distinct([x.entity for x in pair])
    elif ACTS_ON.fullmatch(text, after[0].end, after[1].start):
        entities = distinct([after[0].entity, after[1].entity])
    else:
        return []
    if len(entities) < 2 or is_domestic(entities[:1], entities[1:], article.home):
        return []
    kind = noun_kind(m.group("noun"), text[m.end() : sent.end])
    found = FoundContact(entities, kind, None, "day", False, sent.start, sent.end, sent)
    found.by_noun = True  # dated by the release that reports it, as "the talks with X" are
    return [found]


# "X assured Y of his support during a meeting in Lorvik": the noun after the clause it sets.
DURING_AFTER = re.compile(
    rf"\s+during\s+(?:an?|the|their)\s+(?:[a-z][\w-]*\s+){{0,2}}?{NOUN}"
    r"(?!\s+(?:with|between|of|about)\b|\s+on\s+(?![A-Z\d]))"  # "on Sunday" dates it; "on trade" is its topic
)


def _during_after(article: Article, sent: Sentence, mentions: list[Mention]) -> list[FoundContact]:
    """ "X assured Y of his support during a meeting in Lorvik on Thursday": a contact of the
    clause's subject and the one its verb acts on, the sentence's first two people."""
    text = article.text
    m = DURING_AFTER.search(text, sent.start, sent.end)
    if m is None or article.in_quote(m.start()) or len(mentions) < 2 or mentions[1].end > m.start():
        return []
    first, second = mentions[0], mentions[1]
    if text[sent.start : first.start].strip() or not ACTS_ON.match(text, first.end, second.start):
        return []  # the subject opens the sentence; a verb in the past acts on the second
    if NOT_HELD.search(text, sent.start, m.start()) or NEGATION_WORDS.search(text, first.end, second.start):
        return []
    entities = distinct([first.entity, second.entity])
    if len(entities) < 2 or is_domestic(entities[:1], entities[1:], article.home):
        return []
    kind = noun_kind(m.group("noun"), text[m.end() : sent.end])
    hits = article.dates_in(m.end(), sent.end)
    when, precision = (hits[0].date, hits[0].precision) if hits else (None, "day")
    planned = later_than(when, article.published, timedelta())
    found = FoundContact(entities, kind, when, precision, planned, sent.start, sent.end, sent)
    found.by_noun = True
    return [found]


NEGATION_WORDS = re.compile(r"\b(?:not|never|no)\b")


def _speakers_own(det: re.Match | None) -> bool:
    """Whether DETERMINER's match is "my" or "our": the contact is the speaker's ("my talks with X")."""
    return det is not None and (det.group("det") or "").lower() in ("my", "our")


def _other_side(article: Article, mentions: list[Mention], m: re.Match, det, others: list[Entity]):
    """Who had "the talks with X": the possessor ("Tol's talks"), the speaker of "I/we" and "my/our",
    the sentence's first named person, else the person the article is most about."""
    exclude = {e.ident for e in others}
    speaker = article.narrators.at(m.start()) if article.narrators is not None else None
    sentence = article.sentence_at(m.start())
    if _speakers_own(det) or sentence is not None and FIRST_PERSON.search(article.text, sentence.start, sentence.end):
        # "In a conversation with X, I also raised ...": the narrator's, when the text says who that is.
        return speaker if speaker is not None and speaker.ident not in exclude else None
    if det is not None and det.group("poss"):
        owner = [x for x in mentions if x.end == det.start("poss")]
        if owner and owner[0].entity.ident not in exclude:
            return owner[0].entity
    # Not one of a pair named by "between A and B" elsewhere in the sentence: that is another contact.
    paired = {
        x.start for b in BETWEEN_WORD.finditer(article.text, m.end()) for x in _between_pair(article, mentions, b)
    }
    candidates = [x for x in mentions if x.entity.ident not in exclude and x.start not in paired]
    acting = [x for x in candidates if SUBJECT_VERB.match(article.text, x.end)]
    if det is not None and (det.group("det") or "").lower() in ("his", "her", "their"):
        # "X told Y about the results of his talks with Z": "his" is the last one who did something.
        earlier = [x for x in acting if x.end <= det.start()] or [x for x in candidates if x.end <= det.start()]
        if earlier:
            return earlier[-1].entity
        if sentence is not None and not OPENING_PREPOSITION.fullmatch(article.text, sentence.start, det.start()):
            # "The secretary said that his meeting with X took place as Y was meeting ...": "his" points
            # back; only an opening "After his talks with X, Y said" points to the subject after it.
            acting, candidates = [], []
    if acting:
        return acting[0].entity  # the one the sentence says did something: "..., the Head of State said"
    if candidates:
        return candidates[0].entity
    if article.narrators is not None:
        speaker = article.narrators.at(m.start())
        if speaker is not None and speaker.ident not in exclude:
            return speaker
    return article.principal(exclude)


BETWEEN_WORD = re.compile(r"\bbetween\s+")


def _between_pair(article: Article, mentions: list[Mention], b: re.Match) -> list[Mention]:
    sentence = article.sentence_at(b.start())
    if sentence is None or b.start() >= sentence.end:
        return []
    return group_forwards(article.text, [x for x in mentions if x.start >= b.end()], b.end())


def _they_outside_nouns(article: Article, sent: Sentence, pattern: re.Pattern) -> bool:
    """Whether the sentence speaks of "they" / "the two leaders" other than as the "their" of a
    recalled noun ("their May 26 call and the May 31 visit of ...": the visit is not theirs)."""
    owned = {m.start() for m in _matches(article, pattern, sent.start, sent.end)}
    return any(t.start() not in owned for t in THEY.finditer(article.text, sent.start, sent.end))


BETWEEN_AFTER = re.compile(r"\s+(?:held\s+)?between\s+")
WITH_AFTER = re.compile(r"\s+with\s")


def earlier_contacts(article: Article, sent: Sentence, mentions: list[Mention], found: list[FoundContact]):
    """Earlier contacts an article recalls: "Their last phone call ... was on February 15"."""
    text = article.text
    out = []
    for pattern in (EARLIER, DATED_NOUN):
        for m in _matches(article, pattern, sent.start, sent.end):
            if article.in_quote(m.start()) or re.search(r"\bsince\s+$", text[max(0, m.start() - 7) : m.start()]):
                continue  # "since the October 7 attacks" anchors a gap; it is no contact
            noun = m.group("noun").lower()
            kind = noun_kind(noun, text[m.end() : sent.end])
            if noun == "visit":
                kind = "visit"
            if pattern is EARLIER:
                hits = [
                    h
                    for h in article.dates_in(m.end(), sent.end)
                    if re.search(r"\b(?:was|were|came|took\s+place|on|in)\b", text[m.end() : h.start])
                ]
                hits = [
                    h
                    for h in hits
                    if not re.search(r"\b(?:before|after|since|until)\s+$", text[max(m.end(), h.start - 8) : h.start])
                ]
            else:
                hits = article.dates_in(m.start("date"), m.end("date"))
            if not hits:
                continue
            hit = hits[0]
            of = re.compile(r"\s+(?:of|by)\s").match(text, m.end())
            if of and any(OBJECT_GAP.fullmatch(text, of.end(), x.start) for x in mentions if x.start >= of.end()):
                continue  # "the May 31 visit of her adviser X to the capital": whom X met is not said
            named = [x.entity for x in mentions if x.start < m.start()]
            pair = None
            between = BETWEEN_AFTER.match(text, m.end())
            if between:
                # "the April 26 meeting between X and Y": its own two, whoever the sentence is about.
                group = group_forwards(text, [x for x in mentions if x.start >= between.end()], between.end())
                if len(distinct([x.entity for x in group])) < 2:
                    continue
                pair = named = distinct([x.entity for x in group])
            elif WITH_AFTER.match(text, m.end()):
                named = []  # "the April 26 meeting with X": whose, the sentence's people do not say
            # "between A and B during their first summit": the two named just before "their".
            just_before = group_backwards(text, [x for x in mentions if x.end <= m.start()])
            theirs = m.group(0).lower().startswith("their")
            if pair is None and theirs and len(distinct([x.entity for x in just_before])) == 2:
                if re.fullmatch(r"[\s,]*(?:[a-z]+\s+){0,3}", text[just_before[-1].end : m.start()]):
                    pair = distinct([x.entity for x in just_before])
            if pair is None and (m.group(0).lower().startswith("their") or _they_outside_nouns(article, sent, pattern)):
                pair = found[-1].entities if found else None
            if pair is None and len(distinct(named)) >= 2:
                pair = distinct(named)
            if not pair or len(pair) < 2:
                continue
            contact = FoundContact(list(pair), kind, hit.date, hit.precision, False, sent.start, sent.end, sent)
            contact.recalled = True
            contact.kind_span = (m.start(), m.end())
            out.append(contact)
    return out
