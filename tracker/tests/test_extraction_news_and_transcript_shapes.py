"""Shapes of news items and remarks transcripts, on fictional leaders: who a quotation is by when an
attribution after it leads into the next one, "X agreed, saying", "he said" after a sentence naming
two people, a question after "Q" and one space; "spoke to reporters after talks with", "told X during their
meeting", "we spoke by phone in March" (or "last month ... about the border") in two leaders' transcript,
quotations collected under their speakers' names, and the one who reports a gap claim."""

from datetime import date

from tracker.extraction import Gazetteer, extract
from tracker.tests.test_extraction_contacts import COUNTRIES

PUBLISHED = date(2024, 5, 6)  # a Monday
AGENCY = "Estralia Press Service"
PAIR = ["Ivo Lind", "Mira Tol"]


def run(text, title=None, publisher=AGENCY):
    gazetteer = Gazetteer(countries=COUNTRIES)
    return extract(text, published=PUBLISHED, gazetteer=gazetteer, publisher=publisher, title=title)


def said(text, **kw):
    return [(s.speaker, s.quote.rstrip(",")) for s in run(text, **kw).statements]


def held(text, **kw):
    return [(sorted(c.participants), c.kind, c.date) for c in run(text, **kw).contacts if not c.planned]


def test_an_attribution_that_ends_with_a_colon_introduces_the_next_quotation():
    text = (
        'Prime Minister Mira Tol of Norvania said, "This partnership has never been more important." '
        'President Ivo Lind of Estralia added: "We will build on the progress made today."'
    )
    assert said(text) == [
        ("Mira Tol", "This partnership has never been more important."),
        ("Ivo Lind", "We will build on the progress made today."),
    ]


def test_agreeing_saying_reports_the_speech_of_the_one_who_agreed():
    text = (
        'Estralian President Ivo Lind said, "Our alliance has never been stronger than it is today." '
        "Norvanian Prime Minister Mira Tol agreed, saying the two countries "
        '"share the same values and the same enemies."'
    )
    assert said(text) == [
        ("Ivo Lind", "Our alliance has never been stronger than it is today."),
        ("Mira Tol", "share the same values and the same enemies."),
    ]


def test_he_said_with_nobody_reported_speaking_yet_is_the_last_sentences_subject():
    text = (
        "Estralian President Ivo Lind met Norvanian Prime Minister Mira Tol on Monday. "
        '"I think we understand each other much better now," he said after the meeting.'
    )
    assert said(text) == [("Ivo Lind", "I think we understand each other much better now")]


TRANSCRIPT_TITLE = "Remarks by President Lind and Prime Minister Tol of Norvania in Joint Press Conference"


def test_a_question_written_q_and_one_space_is_the_journalists_turn_not_the_last_speakers():
    text = (
        "PRESIDENT LIND: Thank you. It was a good meeting with the Prime Minister.\n\n"
        "PRIME MINISTER TOL: Thank you, Mr. President.\n\n"
        "Q Mr. President, when you visited Norvania in March, what did you promise?\n\n"
        "PRESIDENT LIND: Nothing.\n\n"
        'Q I said "this is my last question for the two of you today" but I have one more.\n\n'
        "PRIME MINISTER TOL: Go ahead."
    )
    ex = run(text, title=TRANSCRIPT_TITLE, publisher="The White House")
    assert ex.statements == []  # the questioner's "I" is nobody's statement
    assert [(c.kind, c.date) for c in ex.contacts] == [("meeting", PUBLISHED)]  # "you visited": asked, not told


def test_speaking_to_reporters_after_talks_is_no_call():
    for text in [
        "Norvanian Prime Minister Mira Tol spoke to reporters after talks with Estralian President Ivo Lind on Monday.",
        "Norvanian Prime Minister Mira Tol spoke after a meeting with Estralian President Ivo Lind on Monday.",
    ]:
        assert held(text) == [(PAIR, "meeting", PUBLISHED)], text


def test_telling_someone_during_their_meeting_is_a_meeting():
    for text in [
        "Estralian President Ivo Lind told Norvanian Prime Minister Mira Tol during their meeting on Monday that "
        "the aid would continue.",
        "Estralian President Ivo Lind assured Norvanian Prime Minister Mira Tol during talks on Monday that "
        "the aid would continue.",
    ]:
        assert held(text) == [(PAIR, "meeting", PUBLISHED)], text


def test_we_spoke_by_phone_in_two_leaders_transcript_is_their_earlier_call():
    text = (
        "PRESIDENT LIND: Thank you all. Prime Minister Tol and I just had a very good meeting.\n\n"
        "PRIME MINISTER TOL: Thank you. We spoke by phone in March, and today we met in person.\n\n"
        "Q Question for both leaders.\n\n"
        "PRESIDENT LIND: Go ahead."
    )
    found = held(text, title=TRANSCRIPT_TITLE, publisher="The White House")
    assert (["Lind", "Tol"], "phone_call", 3) in [(p, k, d.month) for p, k, d in found]
    # "We met with the farmers in March": someone else is whom "we" met.
    other = text.replace("We spoke by phone in March", "We met with the farmers in March")
    assert [(k, d) for _, k, d in held(other, title=TRANSCRIPT_TITLE, publisher="The White House")] == [
        ("meeting", PUBLISHED)
    ]
    # "We also talked about new flights": what today's talks covered, no earlier call.
    topic = text.replace("We spoke by phone in March, and today we met in person.", "We also talked about new flights.")
    assert [(k, d) for _, k, d in held(topic, title=TRANSCRIPT_TITLE, publisher="The White House")] == [
        ("meeting", PUBLISHED)
    ]
    # "We spoke last month about the border": dated before the talks, an earlier call about it.
    earlier = text.replace("We spoke by phone in March", "We spoke last month on the phone about the border")
    found = held(earlier, title=TRANSCRIPT_TITLE, publisher="The White House")
    assert (["Lind", "Tol"], "phone_call", date(2024, 4, 1)) in found


def test_quotations_collected_under_their_speakers_names_are_no_meeting():
    text = (
        'Prime Minister Mira Tol of Norvania: "President Lind has done more for peace than others did."\n\n'
        'President Aldo Varen of Ostmark: "We thank President Lind for his strong and decisive leadership."'
    )
    ex = run(text, title="What They Are Saying: Leaders Praise President Lind", publisher="The White House")
    assert ex.contacts == []
    assert [s.speaker for s in ex.statements] == ["Mira Tol", "Aldo Varen"]


def test_the_one_who_reports_a_gap_claim_is_not_in_it():
    text = (
        "Estralian President Ivo Lind will meet Norvanian Prime Minister Mira Tol next week, the first meeting of "
        "the two leaders since 2019, press secretary Karl Moen told reporters."
    )
    assert [sorted(g.participants) for g in run(text).gap_claims] == [PAIR]


def test_he_said_after_a_passive_is_its_agent_not_an_office_named_in_it():
    text = (
        "Sanctions must grow, Norvania says. This was stated by Adviser to the Head of the President's Office "
        'Jon Pell at a briefing. "As the war goes on, the sanctions we have are simply not enough," he said.'
    )
    assert said(text) == [("Jon Pell", "As the war goes on, the sanctions we have are simply not enough")]


def test_landing_or_flying_somewhere_for_talks_with_someone_is_a_meeting():
    for verb in ["landed in", "flew to", "travelled to"]:
        text = f"Estralian President Ivo Lind {verb} Norvania on Monday for talks with Prime Minister Mira Tol."
        assert held(text) == [(PAIR, "meeting", PUBLISHED)], text


def test_a_second_verb_after_an_apposition_has_the_first_ones_subject():
    text = (
        "Norvanian Prime Minister Mira Tol paid an official visit to Estralia on Monday, the first by a Norvanian "
        "prime minister in more than a decade, and held talks with President Ivo Lind."
    )
    assert held(text) == [(["Ivo Lind", "Mira Tol"], "meeting", PUBLISHED)]


def test_a_long_relative_clause_between_the_speaker_and_said():
    text = (
        "Estralian President Ivo Lind, who spoke to reporters after talks with Norvanian Prime Minister Mira Tol "
        'on Monday, said "the two sides have narrowed their differences."'
    )
    assert said(text) == [("Ivo Lind", "the two sides have narrowed their differences.")]


def test_a_quoted_word_of_praise_before_the_noun_of_contact():
    for text in [
        'Estralian President Ivo Lind said Monday he had a "very good" meeting with Norvanian Prime Minister Mira Tol.',
        "Estralian President Ivo Lind held “productive” talks with Norvanian Prime Minister Mira Tol on Monday.",
    ]:
        assert held(text) == [(PAIR, "meeting", PUBLISHED)], text


def test_you_said_in_a_leaders_turn_quotes_the_other_leader_of_the_transcript():
    text = (
        "THE PRESIDENT: Thank you very much. It's a great honor to have the Prime Minister with us.\n\n"
        "PRIME MINISTER TOL: Thank you, Mr. President. Last time we met, in Wendland, you said, “Come to the "
        "capital and we will work it out,” and here I am.\n\n"
        "Q Mr. President, are tariffs on the table?\n\n"
        "THE PRESIDENT: Everything is on the table."
    )
    found = said(text, title=TRANSCRIPT_TITLE, publisher="The White House")
    assert [(who.split()[-1], quote) for who, quote in found] == [
        ("Lind", "Come to the capital and we will work it out")
    ]


def test_the_first_by_a_leader_since_leaves_the_noun_of_contact_out():
    for text, comparison in [
        (
            "Norvanian Prime Minister Mira Tol met Estralian President Ivo Lind in the capital on Monday, the first "
            "by a Norvanian prime minister since 1962.",
            "first_since",
        ),
        (
            "Norvanian Prime Minister Mira Tol paid an official visit to Estralia on Monday, the first by a Norvanian "
            "prime minister in more than a decade, and held talks with President Ivo Lind.",
            "more_than",
        ),
    ]:
        claims = [(sorted(g.participants), g.ends, g.comparison) for g in run(text).gap_claims]
        assert claims == [(PAIR, PUBLISHED, comparison)], text
    # A trip to other countries, the sentence reporting no contact: the pair is not the one counted.
    text = (
        "Estralian President Ivo Lind spoke today with Prime Minister Mira Tol of Norvania. Lind commended Tol for "
        "her visits to Ostmark and Wendland, the first by a Norvanian prime minister in decades."
    )
    assert run(text).gap_claims == []


def test_an_age_before_the_office_that_speaks():
    text = (
        "Estralian President Ivo Lind met Norvanian Prime Minister Mira Tol on Monday. "
        '"We have a plan, and we will implement it step by step," the 56-year-old president said.'
    )
    assert said(text) == [("Ivo Lind", "We have a plan, and we will implement it step by step")]
