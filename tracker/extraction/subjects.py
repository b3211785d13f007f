"""Who did what a contact verb says, when no name stands right before it: "he" (the last
sentence's subject), the subject of the verb it is coordinated with ("X met Y and later spoke with
Z"), or the publisher's own leader named only by office ("The Prime Minister spoke to ...")."""

from __future__ import annotations

import re

from .context import Article, Sentence
from .people import Mention

# "He met", "Later, she also spoke with": a pronoun opening the clause of the verb.
PRONOUN_BEFORE_VERB = re.compile(
    # "On Sunday he held talks", "The following day she met": an opening phrase of time or place,
    # with no comma, may stand before the pronoun.
    r"(?:^\s*(?:(?:On|In|At|During|After|Later|Earlier|Then|Afterwards|The|A|An|One|Two|Three|Several)\s+[^,.;:\"“”]{0,40}?\s+(?=he\b|she\b))?"
    r"|,\s*)(?:[Hh]e|[Ss]he)\s+(?:(?:also|later|then|subsequently|separately)\s+)?$"
)
# "..., and later spoke by phone with": a verb that shares the subject of the verb before it.
# "met X on Tuesday and spoke with Y": the first verb's time or place may stand before the "and".
COORDINATED = re.compile(
    r"(?:\s+(?:on|in|at|during|last|this|earlier|later)\s+[^,.;:]{1,40}?)?"
    r"[\s,]*and\s+(?:(?:also|later|then|subsequently|separately|afterwards)\s+)?$"
)
# "X visited Estralia on Monday, the first visit in a decade, and met Y": the subject's own verb
# first, then "and" before this one, which the same subject governs (the commas hold an apposition).
SECOND_PREDICATE = re.compile(
    r"\s+(?:also\s+)?(?:[a-z]+ed|paid|met|held|made|went|flew|came|began)\b(?:(?!\bwho\b)[^;:()\n])*?,\s+and\s+"
    r"(?:(?:also|later|then)\s+)?"
)
# "The Prime Minister spoke to ...", "Today the President also met ...": a head of state or government
# named only by office, with no country: the publisher's own, whom a readout need not name.
# "called the Estralian President X", "called the President of Estralia, X": the head a call reaches
# ("called the shots", "called the meeting" are none).
HEAD_AFTER_THE = r"(?:[A-Z][\w'’-]+\s+)?(?:President|Prime\s+Minister|Chancellor|Premier|Taoiseach)\b"
UNNAMED_HEAD_BODY = (
    r"[,;]\s*|\b(?:Today|Yesterday|Earlier\s+today|This\s+(?:morning|afternoon|evening))\s*,?\s+)[Tt]he\s+"
    r"(?:Prime\s+Minister|President|Chancellor|Premier|Taoiseach)\s+"
    r"(?:(?:also|today|then|later|yesterday|this\s+(?:morning|afternoon|evening))\s+)?$"
)
UNNAMED_HEAD = re.compile(r"(?:^\s*|" + UNNAMED_HEAD_BODY)
# In a release the office opens any sentence or line, after a preamble ("A spokesperson said:") or
# in a later paragraph ("The Prime Minister also spoke to ..."): the search starts at the sentence's
# start, where "^" does not match past the text's first sentence.
UNNAMED_HEAD_IN_RELEASE = re.compile(r"(?:(?:^|(?<![^\n])|(?<=[.!?:]))\s*|" + UNNAMED_HEAD_BODY)


# "The Prime Minister and President X spoke this morning": the publisher's leader, by office alone,
# joined to the named counterpart as the verb's subject.
UNNAMED_HEAD_AND = re.compile(
    r"(?:^|(?<![^\n])|(?<=[.!?:]))\s*(?:(?:Today|Yesterday|Earlier\s+today|This\s+(?:morning|afternoon|evening))\s*,?\s+)?"
    r"[Tt]he\s+(?:Prime\s+Minister|President|Chancellor|Premier|Taoiseach)\s+and\s+$"
)


def unnamed_head_joined(text: str, start: int, subject_start: int) -> bool:
    """Whether the subject that begins at ``subject_start`` follows "The Prime Minister and" opening
    the sentence: in a release, the publisher's own leader is the subject's other half."""
    return UNNAMED_HEAD_AND.search(text, start, subject_start) is not None


# A sentence whose subject is a head named only by office: "The Prime Minister (also) met ...".
UNNAMED_HEAD_OPENS = re.compile(
    r"\s*(?:(?:Today|Yesterday|Earlier\s+today|This\s+(?:morning|afternoon|evening))\s*,?\s+)?[Tt]he\s+"
    r"(?:Prime\s+Minister|President|Chancellor|Premier|Taoiseach)\s+(?:(?:also|then|later|today)\s+)?[a-z]"
)


def pronoun_subject(article: Article, sent: Sentence, verb_start: int) -> list[Mention]:
    """The person "he" or "she" before the verb means: the one the sentence before begins with, when
    it names one person first."""
    if not PRONOUN_BEFORE_VERB.search(article.text[sent.start : verb_start]):
        return []
    before = article.sentence_before(sent)
    if before is not None and UNNAMED_HEAD_OPENS.match(article.text, before.start, before.end):
        # "The Prime Minister met X. He also spoke with Y": the office, not X; a release's own leader.
        return [Mention(verb_start, verb_start, None, "unnamed")] if article.is_release else []
    named = article.mentions_in(before.start, before.end) if before else []
    if not named or named[0].kind == "narrator":
        return []
    return [Mention(verb_start, verb_start, named[0].entity, "pronoun")]


def coordinated(text: str, after_object: int, verb_start: int) -> bool:
    """Whether the words between the last person named and the verb are "and (later)": the verb is
    the second of two the same subject governs, the person before it the first one's object."""
    return COORDINATED.fullmatch(text, after_object, verb_start) is not None


def and_before(text: str, start: int, verb_start: int) -> bool:
    """Whether "and" (perhaps "and later") joins the verb at ``verb_start`` to what comes before."""
    return COORDINATED.search(text, start, verb_start) is not None


def unnamed_head_before(text: str, start: int, verb_start: int, release: bool = False) -> int | None:
    """Where "the Prime Minister" (or President ...) begins when it is the verb's subject, with no
    name or country; None otherwise. Past the text's first sentence only in a release, whose own
    leader the office means."""
    m = (UNNAMED_HEAD_IN_RELEASE if release else UNNAMED_HEAD).search(text, start, verb_start)
    return m.end() - len(m.group(0).lstrip(" \t\n,;")) if m else None
