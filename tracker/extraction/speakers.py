"""Who is speaking where: the reported-speech events of an article, the gender its words give each
person, and the attributions that are not "X said" (a speaker label before a colon, the lead
sentence of a bulleted list). Speakers the people finder did not tag are in ``speaker_names``.
"""

from __future__ import annotations

import re

from .context import Article
from .names import AT_WORD_START
from .people import Entity, Mention
from .text import words_any_case

# Verbs that report speech, as news and releases write them; "he said" after any of them means the
# person they introduced ("agreed" only as a reply: "X agreed." or "agreed that", not "agreed to").
SPEECH_VERBS = (
    r"said|says|say|told|tells|added|adds|stated|states|noted|notes|stressed|stresses|explained|warned|wrote"
    r"|tweeted|posted|asked|replied|insisted|declared|argued|emphasi[sz]ed|emphasi[sz]es|continued|recalled"
    r"|acknowledged|cautioned|urged|announced|described|called|underscored|underlined|assured|summed\s+up"
    r"|remarked|pointed\s+out|observed|commented|concluded|affirmed|reaffirmed|reiterated|highlighted|expressed"
    r"|conveyed|suggested|proposed|mentioned|responded|answered|confirmed|vowed|pledged|promised|predicted"
    r"|admitted|conceded|claimed|maintained|complained|lamented|joked|quipped|recounted|shared|went\s+on"
    r"|thanked|welcomed|praised|commended|hailed|lauded|critici[sz]ed|denounced|reminded|condemned|called\s+on"
    r"|told\s+reporters|wrote\s+on|agreed(?=[,.;:])|agreed\s+that|concurred|echoed|retorted|elaborated"
).split("|")
SPEECH_VERB = f"(?:{'|'.join(SPEECH_VERBS)})"
# The same verbs for the patterns read case-insensitively, grouped by first letter (text.words_any_case):
# read at every mention, they tried a hundred branches where one letter's few can match.
SPEECH_VERB_ANY_CASE = f"(?:{words_any_case(SPEECH_VERBS, at_word_start=False)})"
ADVERBS = r"(?:\w+ly\s+|also\s+|later\s+|then\s+|again\s+|further\s+|once\s+again\s+){0,2}"
VERB_AFTER = re.compile(rf"[\s,]*{ADVERBS}{SPEECH_VERB_ANY_CASE}\b", re.I)
# "Tol, speaking at the summit, said" / "Tol, who chairs the council, told reporters" / "quoted Tol as saying"
VERB_AFTER_CLAUSE = re.compile(
    rf"\s*,[^,.;“”\"]{{2,120}},\s*{ADVERBS}{SPEECH_VERB_ANY_CASE}\b"
    r"|\s+(?:(?:was|were|is|has\s+been)\s+(?:also\s+)?quoted\s+(?:by\s+[^,.;“”\"]{1,60}?\s+)?)?as\s+(?:saying|telling|stating"
    r"|writing)\b",
    re.I,
)
# "Tol agreed, saying" / "Lind hailed the deal, adding": the participle reports the speech (an event
# of the sentence, never read after a quotation, where it begins the next sentence).
PARTICIPLE_AFTER = re.compile(
    r"\s+[a-z][a-z'’-]*(?:\s+[a-z][\w'’-]*){0,3},\s+(?:saying|adding|noting|telling|stressing|warning)\b"
)
# "a spokesman for Tol said": the words are the spokesman's, not Tol's.
ON_BEHALF = re.compile(
    words_any_case(
        r"spokes(?:man|woman|person) aide adviser advisor office official representative secretary ministry"
        r" government staff envoy lawyer".split()
    )
    + r"\s+(?:for|of|to)\s+(?:the\s+)?$",
    re.I,
)
# "said Tol" but not "told Tol" / "asked Tol" / "thanked Tol": after these verbs the name is who was addressed.
ADDRESSED = (
    r"told tells asked urged assured thanked welcomed praised condemned called\s+on cautioned warned congratulated"
    r" told\s+reporters"
).split()
VERB_BEFORE = re.compile(words_any_case([*SPEECH_VERBS, r"according\s+to"], at_word_start=False) + r"\s+$", re.I)
VERB_BEFORE_ADDRESSED = re.compile(words_any_case(ADDRESSED, at_word_start=False) + r"\s+$", re.I)
PRONOUN_SAID = re.compile(rf"(?P<p>[HhSs]{AT_WORD_START}(?:(?<=[Hh])e|(?<=[Ss])he))\s+{ADVERBS}{SPEECH_VERB}\b")
MALE = re.compile(r"\b(?:Mr|Sir|King|Prince|Sheikh|Emir|Amir|Sultan|Chairman|Spokesman|Lord|Grand\s+Duke)\b\.?")
FEMALE = re.compile(
    r"\b(?:Mrs|Ms|Madam|Madame|Dame|Queen|Princess|Sheikha|Chairwoman|Spokeswoman|Lady|Grand\s+Duchess)\b\.?"
)
# Subject pronouns only: "her" and "him" as often mean someone the sentence does not name.
HE = re.compile(rf"[Hh]{AT_WORD_START}(?:e|imself)\b")
SHE = re.compile(rf"[SsHh]{AT_WORD_START}(?:(?<=[Ss])he|(?<=[Hh])erself)\b")
LOWER_WORD = re.compile(r"(?<![\w'’-])(?!(?:of|the|and|for|de|van|von|al|bin|da|di|el)\b)[a-z]{2,}\b")
BULLET = re.compile(r"[ \t]*(?:[•▪◦·*–—-]|\d{1,2}[.)])[ \t]*")
# Compiled once: these are read at every mention, sentence or quotation.
CLAUSE_END_AFTER = re.compile(r"\s*(?:[,.;:]|$|\s(?:who|in|at|on|during|after|[a-z]+ing)\b)")
OF_BEFORE = re.compile(r"\bof[ \t]+$")
OPENING_PRONOUN = re.compile(r"\s*(He|She)\b")
LABEL_COLON = re.compile(r"(?:\([^)]{0,30}\)\s*)?:\s*$")
SENTENCE_END_INSIDE = re.compile(r"[.!?;]\s")


def speech_events(article: Article) -> list[tuple[int, Entity]]:
    """Where the text reports someone speaking ("Tol said", "said Tol", "according to Tol"), in order."""
    text = article.text
    events = []
    for m in article.people.mentions:
        if article.in_quote(m.start) or ON_BEHALF.search(text, max(0, m.start - 40), m.start) or inside_office(text, m):
            continue
        if (
            VERB_AFTER.match(text, m.end, m.end + 60)
            or VERB_AFTER_CLAUSE.match(text, m.end, m.end + 160)
            or PARTICIPLE_AFTER.match(text, m.end, m.end + 80)
        ):
            events.append((m.start, m.entity))
            continue
        before = text[max(0, m.start - 25) : m.start]
        # "…, said Tol." but not "he said Tol was not focused": the name must end the clause.
        ends_clause = CLAUSE_END_AFTER.match(text[m.end : m.end + 20])
        if ends_clause and VERB_BEFORE.search(before) and not VERB_BEFORE_ADDRESSED.search(before):
            events.append((m.start, m.entity))
    return events


def inside_office(text: str, m: Mention) -> bool:
    """ "The Head of the Office of the President noted": "the President" there ends another
    person's office, and is not who speaks."""
    return m.kind == "definite" and bool(OF_BEFORE.search(text[max(0, m.start - 4) : m.start]))


# "Greeting Mira Tol in Kyiv, he stressed", "After meeting Tol, he said": the person named in an
# opening phrase is not the pronoun subject after it.
PHRASE_BEFORE_PRONOUN = re.compile(
    r"(?:[A-Z][a-z]+ing|After|Before|Following|During|Upon|On|When|While|As)\b[^,.;]*,\s+(?:he|she)\b"
)


def genders(article: Article) -> dict[int, str]:
    """What the text says of each person's gender ("m" or "f"): an honorific or a gendered title
    ("Ms. Tol", "King ..."), else the pronouns of a sentence that names only that person."""
    text = article.text
    out: dict[int, str] = {}
    for m in article.people.mentions:
        head = text[max(0, m.start - 10) : m.end]
        gender = "m" if MALE.search(head) else "f" if FEMALE.search(head) else None
        if gender:
            out.setdefault(m.entity.ident, gender)
    previous: list[Mention] = []
    for sent in article.sentences:
        named = [m for m in article.mentions_in(sent.start, sent.end) if not article.in_quote(m.start)]
        unknown = {m.entity.ident: m.entity for m in named if m.entity.ident not in out}
        others = {out[m.entity.ident] for m in named if m.entity.ident in out}
        # The pronouns are read only where they can decide.
        if len(unknown) == 1 and not PHRASE_BEFORE_PRONOUN.match(text, sent.start, sent.end):
            words = text[sent.start : sent.end]
            he, she = bool(HE.search(words)), bool(SHE.search(words))
            pronoun = "m" if he else "f"
            # The only person of unknown gender in a sentence with pronouns of one gender, which no
            # one else named there has ("Varen assured Ms. Tol that he would help"), is of that gender.
            if he != she and pronoun not in others:
                out[next(iter(unknown))] = pronoun
        opening = OPENING_PRONOUN.match(text[sent.start : sent.start + 6])
        if opening and len({m.entity.ident for m in previous}) == 1:
            out.setdefault(previous[0].entity.ident, "m" if opening.group(1) == "He" else "f")
        previous = named
    return out


def main_clause_events(article: Article, events: list[tuple[int, Entity]]) -> list[tuple[int, Entity]]:
    """The events that are not reported inside another's words: in "Pell noted that Varen stresses
    the need for arms", Pell speaks; Varen's "stresses" is what Pell said."""
    out = []
    for i, (p, e) in enumerate(events):
        sent = article.sentence_at(p)
        inner = sent is not None and any(
            sent.start <= p0 < p and e0.ident != e.ident and re.search(r"\bthat\b", article.text[p0:p])
            for p0, e0 in events[:i]
        )
        if not inner:
            out.append((p, e))
    return out


def last_speaker(article: Article, events, pos: int, gender: str | None, known: dict[int, str]) -> Entity | None:
    """Whom "he"/"she" at ``pos`` means: the last person reported speaking (``events`` in order, the
    main clauses' only), passing over those the text gives the other gender."""
    earlier = [e for p, e in events if p < pos]
    if not earlier:
        # Nobody reported speaking yet: "he" is most often the subject of the last sentence that names
        # people ("Lind met Tol on Monday. '…,' he said" is Lind's), so that sentence's first comes last.
        named = [m for m in article.people.mentions if m.end <= pos and not article.in_quote(m.start)]
        last = article.sentence_at(named[-1].start) if named else None
        tail = [m for m in named if last is not None and m.start >= last.start]
        ordered = _by_role(article, last, tail)
        earlier = [m.entity for m in named[: len(named) - len(tail)]] + [m.entity for m in reversed(ordered)]
    for e in reversed(earlier):
        if gender is None or known.get(e.ident, gender) == gender:
            return e
    return None


# "This was stated by X", "was announced by X": the agent of a passive is who acts.
PASSIVE_BY = re.compile(r"\b(?:was|were|has\s+been|had\s+been)\s+(?:\w+ly\s+)?[a-z]+(?:ed|en|id|ld)\s+by\s+")
AGENT_PHRASE_END = re.compile(r"(?<![\w'’-])(?!(?:of|the|for|to|and)\b)[a-z]+\b|[,.;:]")
POSSESSIVE = re.compile(r"['’]s\b")


def _by_role(article: Article, sent, mentions: list[Mention]) -> list[Mention]:
    """A sentence's people, the one most likely its subject first: the passive's agent, else the
    first; a possessor ("the President's Office", "Tol's spokesman") is not who acts, so last."""
    text = article.text
    acting = [m for m in mentions if not POSSESSIVE.match(text, m.end)]
    owners = [m for m in mentions if POSSESSIVE.match(text, m.end)]
    by = PASSIVE_BY.search(text, sent.start, mentions[-1].start) if mentions else None
    # The agent's phrase runs to its first lowercase word but "of", "the", "for", "to", "and": its
    # last person is the agent ("by Minister for Reintegration of the Occupied Territories Iryna Vereshchuk").
    phrase = [m for m in acting if by and m.start >= by.end() and not AGENT_PHRASE_END.search(text, by.end(), m.start)]
    agents = phrase[-1:]
    return agents + [m for m in acting if m not in agents] + owners


def label_speaker(article: Article, quote_start: int) -> Entity | None:
    """ "Norvanian Prime Minister Mira Tol: “…”": a person named just before a colon that opens the quotation."""
    text = article.text
    line_start = text.rfind("\n", 0, quote_start) + 1
    head = text[line_start : quote_start - 1]
    # Every label ends with the colon: a line that does not is searched no further.
    m = LABEL_COLON.search(head) if head.rstrip().endswith(":") else None
    if not m:
        return None
    label_end = line_start + m.start()
    mentions = [x for x in article.mentions_in(line_start, label_end) if not article.in_quote(x.start)]
    if not mentions or text[mentions[-1].end : label_end].strip(" ,"):
        return None
    before = text[line_start : mentions[-1].start]
    if SENTENCE_END_INSIDE.search(before) or len(before.split()) > 6 or LOWER_WORD.search(before):
        return None  # the name ends a sentence: "… met Tol: …", "Tol asked Varen: …" label nobody
    return mentions[-1].entity


def lead_speaker(article: Article, quote_start: int, speaker_of) -> Entity | None:
    """A quotation in a bulleted list, or opening the line after one that ends with a colon, is said
    by the speaker of the sentence that leads into it ("Tol made the following points:", "Tol told
    reporters:"). ``speaker_of(mention)`` names who speaks at a mention."""
    text = article.text
    line_start = text.rfind("\n", 0, quote_start) + 1
    item = BULLET.match(text, line_start)
    opens_line = text[line_start : quote_start - 1].strip() == ""
    if not opens_line and (item is None or item.end() != quote_start - 1):
        return None
    pos = line_start - 1
    for _ in range(30):  # walk up over the list's other items to its lead
        if pos <= 0:
            return None
        prev_start = text.rfind("\n", 0, pos) + 1
        line = text[prev_start:pos].strip()
        if line and not BULLET.match(text, prev_start):
            if not line.endswith(":"):
                return None
            lead_start = prev_start
            for x in reversed(article.mentions_in(lead_start, pos)):
                if not article.in_quote(x.start):
                    return speaker_of(x) or x.entity
            return None
        pos = prev_start - 1
    return None
