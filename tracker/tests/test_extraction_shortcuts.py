"""The shortcuts that skip a pattern where it cannot match give exactly the pattern's own results."""

import re

from tracker.extraction import claim_shapes, names
from tracker.extraction.claim_shapes import ALL_CUES, CUE, CUE_WORDS, shapes_in
from tracker.extraction.contact_verb_starts import contact_verb_matches
from tracker.extraction.contacts import CONTACT_VERB
from tracker.extraction.names import LOWER_TITLE_STARTS, TITLE, WORD_RUN, _word_runs_set, title_matches
from tracker.extraction.offices import _OFFICES, _ROLES, COUNTERPART_NAME, ROLE_RUN, has_place_in, role_run_places
from tracker.extraction.people import QUALIFIER_WORDS
from tracker.extraction.quotes import DOCUMENT_BEFORE, DOCUMENT_NOUNS
from tracker.extraction.speakers import ADVERBS, SPEECH_VERB, SPEECH_VERBS, VERB_AFTER, VERB_BEFORE
from tracker.extraction.statements import ANY_CHANNEL, CHANNELS, SPEECH, SPEECH_VERB_FIRST
from tracker.extraction.text import (
    TRAILER_MARK,
    _first_legal_notice,
    is_run_char,
    is_word_char,
    lowered_same_offsets,
    words_any_case,
)
from tracker.extraction.vocabulary import TITLES
from tracker.rules import _ENGLISH_WORDS, _WORD, word_counts

# Every verb form the contact verb pattern knows, in sentences about fictional leaders.
CONTACT_SENTENCES = """
President Varen held a video call with Prime Minister Mira Tol. Varen had a phone conversation with Tol.
Tol holds talks with Varen; they have several meetings with him. Varen has a call with Tol.
Varen spoke by video with Tol. Varen met virtually with Tol. Tol telephoned Varen. Varen phoned Tol.
Varen spoke on the phone with Tol. Tol spoken with Varen. Varen speaks to Tol. Varen talked to Tol.
Tol talks with Varen. They talk by phone. Varen called Tol. Tol calls up Varen. Varen made a call to Tol.
Tol received a phone call from Varen. Varen took a call from Tol. Varen congratulated Tol by telephone.
Tol consulted Varen over the phone. Varen met with Tol. Tol meets Varen. They meet the Estovian President.
Varen sat down on Tuesday with Tol. Varen is meeting with Tol. They are meeting today. Tol is hosting Varen.
Varen convened with Tol. Tol hosted Varen. Varen hosts Tol. Tol welcomed Varen. Varen welcomes Tol.
Tol received Varen. Varen paid a visit to Norvania. Tol pays an official visit to Estovia. Varen visited Tol.
Tol visits Estralia. Varen and Tol spoke. Varen and Tol conferred. Varen and Tol met. HELD TALKS, Met Tol.
"""


def test_contact_verbs_found_from_their_stems_are_the_pattern_s_matches():
    expected = [(m.span(), m.groupdict()) for m in CONTACT_VERB.finditer(CONTACT_SENTENCES)]
    assert len(expected) > 40
    assert [
        (m.span(), m.groupdict())
        for m in contact_verb_matches(CONTACT_VERB, CONTACT_SENTENCES, CONTACT_SENTENCES.lower())
    ] == expected


def test_contact_verbs_in_a_text_whose_letters_fold_otherwise_are_the_pattern_s_matches():
    text = "Varen ſpoke with Tol. Tol İs meeting with Varen. Varen met Tol."
    expected = [m.span() for m in CONTACT_VERB.finditer(text)]
    assert lowered_same_offsets(text) is None
    assert [m.span() for m in contact_verb_matches(CONTACT_VERB, text, lowered_same_offsets(text))] == expected


def test_legal_notice_found_with_find_is_where_the_pattern_finds_it():
    for text in ("Story.\n© 2026 Norvania Post", "x copyrights; Copyright 2026", "All Rights Reserved", "nothing"):
        for pos in range(len(text) + 1):
            m = TRAILER_MARK.search(text, pos)
            assert _first_legal_notice(text, pos, lowered_same_offsets(text)) == (m.start() if m else None)


def test_words_read_by_splitting_are_the_pattern_s_words():
    text = "“Tol’s talks,” Varen said (2024): x² well-known _ok_ a—b\u00a0c. the the said, said Tol’s 2024 x²"
    words = _WORD.findall(text)
    assert word_counts(text) == (len(words), sum(w in _ENGLISH_WORDS for w in words))
    for start in range(len(text) + 1):
        assert _word_runs_set(text, start, len(text)) == set(WORD_RUN.findall(text, start, len(text)))


def test_qualifier_searched_from_the_third_word_from_the_end_is_the_pattern_s_match():
    for before in ("said the Estovian ", "a x\nNorvania Gas Board ", "  Mr. Tol of Estralia ", "Tol", "x, NATO \n"):
        rest = before.rsplit(None, 3)
        m = QUALIFIER_WORDS.search(before, len(rest[0]) if len(rest) == 4 else 0)
        expected = QUALIFIER_WORDS.search(before)
        assert (m and m.span()) == (expected and expected.span())


def test_channel_gate_matches_wherever_a_channel_does():
    phrases = (
        "the readout said; a read-out; he tweeted; Tol posted on X; on Twitter; on Telegram; on social media;"
        " on Facebook; on Truth Social; in an interview; she told CNN; told the Norvania Post; told NBC;"
        ' on "Meet the Press"; in a written statement; in a statement; he wrote; in a letter; the statement said;'
        " told reporters; a briefing; a press conference; a news conference; at the White House; a speech;"
        " an address; his remarks; speaking at the forum"
    ).split(";")
    for phrase in phrases + [p.upper() for p in phrases] + ["\u017ftatement said", "xtweeted", "nothing here"]:
        assert bool(ANY_CHANNEL.search(phrase)) >= any(p.search(phrase) for _, p in CHANNELS), phrase
    assert sum(bool(ANY_CHANNEL.search(p)) for p in phrases) == len(phrases)
    # Each channel's words, read from their first letter, still find each phrase in any case.
    for phrase in phrases + [p.upper() for p in phrases]:
        assert any(p.search(phrase) for _, p in CHANNELS), phrase
    assert not any(p.search("xspeech, readouts, the Truth Socials") for _, p in CHANNELS)


def test_claim_cue_read_from_its_first_letter_matches_the_plain_alternation():
    plain = re.compile(r"\b(?:" + "|".join(CUE_WORDS) + r")\b", re.I)
    text = (
        "It was the FIRST call since 2021; their 12th meeting, the twelfth. Varen hasn't spoken to Tol"
        " and has not met her; they HAVE NEVER met. After the talks, x1st and _first are not cues; 21ST is."
        " The longest pause ended; ties broke. \u017feventh, previously, most recent, the end, breaks."
    )
    for start in range(len(text)):
        m, expected = CUE.search(text, start), plain.search(text, start)
        assert (m and m.span()) == (expected and expected.span())


# Sentences of each family of claim shapes, most holding one cue word only (each family must run on its own).
CLAIM_SENTENCES = [
    "Tol met Varen on Monday, their first meeting in more than a year.",
    "The call was the second since 2019.",
    "It was their 12th meeting.",
    "Tol visited Estralia, the first by a Norvanian leader since 1962.",
    "It is the second time the two have met.",
    "Tol is the first Norvanian leader to visit Estralia since 1962.",
    "It has been two years since they met.",
    "They have met five times since 2019.",
    "It was the longest gap since the war began.",
    "It was the highest-level visit since 2001.",
    "It was the most senior visit since 2001.",
    "The two have not spoken in two years.",
    "They haven't met since May.",
    "They last met in Lorvik.",
    "Their previous call was on Monday.",
    "Their most recent call was on Monday.",
    "They previously met in Lorvik.",
    "It ended a two-year freeze.",
    "It came after a gap of two years.",
    "It came two weeks after their call.",
    "It came, breaking months of silence.",
    "It came following a two-year freeze.",
    "It came after years without talks.",
]


def test_claim_shapes_tried_by_the_cue_words_a_sentence_holds_are_those_of_every_family(monkeypatch):
    def shapes(text):
        return [repr(s) for s in shapes_in(text, 0, len(text), [], None)]

    expected = []
    with monkeypatch.context() as m:
        m.setattr(claim_shapes, "cues_in", lambda text, start, end: set(ALL_CUES))
        expected = [shapes(text) for text in CLAIM_SENTENCES]
    assert all(expected)  # each sentence holds a shape
    assert [shapes(text) for text in CLAIM_SENTENCES] == expected


def _title_text() -> str:
    """Every title, written capitalised, in lower case and in capitals, beside fictional names, and
    the places a title's words stand inside other words or run into the next title."""
    lines = []
    for title in TITLES:
        lower = " ".join(w[0].lower() + w[1:] for w in title.split())
        capital = " ".join(w[0].upper() + w[1:] for w in title.split())
        lines.append(f"The {lower} Mira Tol met {capital} Aldo Varen; ex{lower} and {lower}'s aide, {title}.")
    lines.append("prime\nminister Tol, Prime minister Varen, vice-president Tol, the President and Vice President.")
    lines.append("presidential, vicepresident, kingdom, PRESIDENT Tol, president-elect Varen, Gen. Tol")
    return "\n".join(lines)


def _title_spans(matches) -> list:
    return [(m.span(), m.group("title")) for m in matches]


def test_titles_found_in_two_halves_are_the_pattern_s_matches():
    text = _title_text()
    regions = [(0, len(text)), (1, len(text) - 1), (len(text) // 3, len(text) // 2)]
    regions += [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    for start, end in regions:
        assert _title_spans(title_matches(text, start, end)) == _title_spans(TITLE.finditer(text, start, end))
    assert len(list(TITLE.finditer(text))) > 4 * len(TITLES)


def test_every_lower_case_title_start_is_needed_for_the_titles_found(monkeypatch):
    text = _title_text()
    expected = _title_spans(TITLE.finditer(text))
    for word in LOWER_TITLE_STARTS:
        monkeypatch.setattr(names, "LOWER_TITLE_STARTS", tuple(w for w in LOWER_TITLE_STARTS if w != word))
        names._lower_title_places.cache_clear()
        assert _title_spans(title_matches(text, 0, len(text))) != expected, word
    names._lower_title_places.cache_clear()


def test_document_nouns_read_from_their_first_letter_match_the_plain_alternation():
    tail = DOCUMENT_BEFORE.pattern[len(words_any_case(DOCUMENT_NOUNS)) :]
    plain = re.compile(r"\b(?:" + "|".join(DOCUMENT_NOUNS) + ")" + tail, re.I)
    samples = ["decree", "Studies", "STRATEGY", "communiqué", "t-shirts", "titled", "law", "headlines"]
    for noun in DOCUMENT_NOUNS:
        samples.append(re.sub(r"\(\?:y\|ies\)", "y", re.sub(r"\[ée\]", "é", noun)).replace("?", ""))
    for noun in samples:
        for before in (f"the {noun} ", f"a {noun} of 14 May ", f"x{noun} ", f"{noun}s, the ", f"{noun} saying, "):
            for text in (before, before.title(), before.upper()):
                m, expected = DOCUMENT_BEFORE.search(text), plain.search(text)
                assert (m and m.span()) == (expected and expected.span()), text
    assert all(DOCUMENT_BEFORE.search(f"the {noun} ") for noun in samples[8:])


def _verb_text() -> str:
    """Every speech verb after fictional names, in lower case, capitalised and in capitals, inside
    words too ("unsaid"), with the letters case-insensitive matching folds ("ſaid", "İnsisted")."""
    forms = [re.sub(r"\\s\+", " ", re.sub(r"\[(.)[^]]*\]", r"\1", verb)) for verb in SPEECH_VERBS]
    lines = [f"Tol {v} it. Varen, {v.title()} that. PELL {v.upper()}: un{v} according to Tol" for v in forms]
    return "\n".join(lines + ["Tol ſaid. Varen İnsisted. Pell ınsisted and told reporters, according to Varen."])


def test_speech_verbs_read_from_their_first_letter_are_the_plain_alternation_s_matches():
    text = _verb_text()
    pairs = [
        (re.compile(rf"\b{SPEECH_VERB}\b|\baccording\s+to\b", re.I), SPEECH),
        (re.compile(rf"{SPEECH_VERB}\s+", re.I), SPEECH_VERB_FIRST),
        (re.compile(rf"(?:{SPEECH_VERB}|according\s+to)\s+$", re.I), VERB_BEFORE),
    ]
    for plain, grouped in pairs:
        for start in range(0, len(text), 7):
            expected = plain.search(text, start)
            m = grouped.search(text, start)
            assert (m and m.span()) == (expected and expected.span()), text[start : start + 40]
    ends = [m.end() for m in re.finditer(r"Tol|Varen|PELL", text)]
    plain_after = re.compile(rf"[\s,]*{ADVERBS}{SPEECH_VERB}\b", re.I)
    assert [bool(VERB_AFTER.match(text, e)) for e in ends] == [bool(plain_after.match(text, e)) for e in ends]
    assert sum(bool(VERB_AFTER.match(text, e)) for e in ends) >= len(SPEECH_VERBS)


def test_opening_words_read_from_their_first_letter_match_the_plain_alternation():
    lists = [
        ["have", "has", "had"],
        "ending ended ends end breaking broke breaks after following".split(),
        ["the", r"for\s+the", r"for\s+a"],
        [r"it\s+has", r"it['’]s", r"it\s+had", r"it\s+was", r"it\s+will\s+have"],
        [r"highest[- ]level", r"most\s+senior", r"highest[- ]ranking"],
        ["foreign", "overseas", "international", "first", "longest"],
    ]
    samples = "has had have ending ended ends end breaking broke after following the for the for a it has it's it’s"
    samples += " it had it was it will have highest-level most senior highest ranking foreign overseas first longest"
    text = " ".join([samples, samples.title(), samples.upper(), "x" + samples.replace(" ", " x"), "İt has ſeen ıt was"])
    for words in lists:
        grouped = re.compile(words_any_case(words) + r"\b", re.I)
        plain = re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)], words
        assert grouped.search(text)


def test_role_runs_are_found_only_where_a_role_word_starts_one():
    words = re.sub(r"l\?", "l", f"{_ROLES}|{_OFFICES}").split("|") + ["Counselor"]
    text = "\n".join(f"The {w} of the Norvanian Gas Board Mira Tol met the {w} for Trade Aldo Varen." for w in words)
    places = role_run_places(text)
    for m in ROLE_RUN.finditer(text):
        assert has_place_in(places, m.start(), m.start() + 1), m.group()
    assert len(list(ROLE_RUN.finditer(text))) >= len(words)
    assert not has_place_in(places, 0, 4) and has_place_in(places, 4, 5)


def test_counterparts_are_looked_for_only_where_the_word_is_written_in_lower_case():
    # counterpart_mentions skips a paragraph without "counterpart": the pattern matches nowhere else.
    assert COUNTERPART_NAME.search("met his Estovian counterpart, Mira Tol")
    for text in ("his Estovian Counterpart, Mira Tol", "his Estovian COUNTERPART Mira Tol", "his Estovian peer"):
        assert COUNTERPART_NAME.search(text) is None


def test_word_characters_read_with_string_methods_are_the_pattern_s():
    chars = [chr(c) for c in range(0x3000)] + list("ſİıK²½Ⅻ١\u0301\u00a0\u2009—–-_")
    assert [is_word_char(c) for c in chars] == [bool(re.match(r"\w", c)) for c in chars]
    assert [is_run_char(c) for c in chars] == [bool(re.match(r"[\w-]", c)) for c in chars]
