"""Speakers read from where they speak when the people finder did not tag them: an office the text
ties to a name, a name new to the database before a speech verb, a signature line, the sender of a
greeting; "he said" after a speech verb reported inside another's words; and a quotation left open over
paragraphs, said by whom its last paragraph names. Fictional people only."""

from datetime import date

from tracker.extraction import Gazetteer, KnownCountry, extract

NORVANIA = KnownCountry("Norvania", ("the Republic of Norvania",), ("Norvanian",))
ESTRALIA = KnownCountry("Estralia", (), ("Estralian",))


def said(text: str) -> list[tuple[str, str]]:
    gz = Gazetteer(people=[], countries=[NORVANIA, ESTRALIA])
    ex = extract(text, published=date(2024, 3, 18), gazetteer=gz)
    for s in ex.statements:
        assert text[s.quote_span.start : s.quote_span.end] == s.quote
    return [(s.speaker, s.quote.rstrip(",")) for s in ex.statements]


def test_an_office_after_said_is_the_person_the_text_names_with_that_office():
    text = (
        "Head of the Office of the President of Norvania Jon Pell met the envoys on Monday.\n\n"
        '"We have discussed the next deliveries of equipment to our army," said the Head of the President\'s Office.'
    )
    assert said(text) == [("Jon Pell", "We have discussed the next deliveries of equipment to our army")]


def test_an_office_before_the_speech_verb_after_the_quotation():
    text = (
        "The report was presented by Deputy Head of the Office of the President Ilse Marn.\n\n"
        '"The price of gas for households will not rise during this heating season," the deputy head of the '
        "Office of the President said."
    )
    assert said(text) == [("Ilse Marn", "The price of gas for households will not rise during this heating season")]


def test_an_office_the_text_never_ties_to_a_name_attributes_nothing():
    text = '"We have discussed the next deliveries of equipment to our army," said the Head of the Trade Office.'
    assert said(text) == []


def test_the_leaders_spouse_is_the_person_the_text_names_as_first_lady_or_wife():
    quote = "Our children must grow up in peace and never know what war means"
    for opening in [
        "First Lady of Norvania Anna Varn visited a school on Monday.",
        "Anna Varn, the wife of President Ivo Lind, visited a school on Monday.",
    ]:
        for said_by in [
            f'"{quote}," the President\'s wife noted.',
            f'"{quote}," said the wife of the President of Norvania.',
            f'The President\'s wife noted: "{quote}".',
        ]:
            assert said(f"{opening}\n\n{said_by}") == [("Anna Varn", quote)], (opening, said_by)
    # Two first ladies: whose words these are, the text does not say.
    text = f'First Lady Anna Varn met First Lady Olga Tol on Monday. "{quote}," the President\'s wife noted.'
    assert said(text) == []


def test_a_new_name_with_an_apposition_before_said_and_a_colon():
    text = 'Jon Pell, the Estralian trade minister, said: "This is a historic day for both of our countries."'
    assert said(text) == [("Jon Pell", "This is a historic day for both of our countries.")]


def test_a_signature_line_under_a_quotation_names_its_speaker():
    text = (
        "Quote\n\n"
        "“Our two countries will keep working together for a greener future.”\n\n"
        "— The Rt. Hon. Mira Tol, Prime Minister of Estralia"
    )
    assert said(text) == [("Mira Tol", "Our two countries will keep working together for a greener future.")]


def test_a_greeting_quoted_after_the_message_reads_is_from_who_congratulated():
    text = (
        "President Aldo Varen of Norvania congratulated the country's transport workers on their day.\n\n"
        "The message reads, in part: “Our transport workers have made a great contribution to the economy.”"
    )
    assert said(text) == [("Aldo Varen", "Our transport workers have made a great contribution to the economy.")]


def test_he_said_passes_over_a_speaker_reported_inside_another_speakers_words():
    text = (
        "Jon Pell noted that in his speeches President Aldo Varen of Norvania stresses the need for more "
        "equipment. “We do not have enough equipment to hold the line through the winter,” he said."
    )
    assert said(text) == [("Jon Pell", "We do not have enough equipment to hold the line through the winter")]


def test_straight_single_marks_quote_in_british_style_and_apostrophes_stay_words():
    text = (
        "Prime Minister Mira Tol of Estralia met the leaders' group on Monday.\n\n"
        "'We won't walk away from our partners, whatever it costs us,' the Prime Minister said."
    )
    assert said(text) == [("Mira Tol", "We won't walk away from our partners, whatever it costs us")]


def test_a_quotation_in_single_marks_continued_over_paragraphs():
    text = (
        "Prime Minister Mira Tol of Estralia said:\n\n"
        "‘We will stand by you for as long as it takes.\n\n"
        "‘Our support will not waver, whatever happens next.’"
    )
    assert said(text) == [
        ("Mira Tol", "We will stand by you for as long as it takes."),
        ("Mira Tol", "Our support will not waver, whatever happens next."),
    ]


def test_i_said_before_a_quotation_is_the_speaker_of_the_caption():
    text = (
        "President Aldo Varen: Thank you. When we met in the spring, I said, “We will not leave before the "
        "job is done here.” That is still true.\n\n"
        "Prime Minister Mira Tol: We agree."
    )
    assert said(text) == [("Aldo Varen", "We will not leave before the job is done here.")]


def test_i_said_under_a_caption_the_people_finder_could_not_read_names_nobody():
    text = (
        "President Aldo Varen: Thank you for coming today.\n\n"
        "Question: When we met in the spring, I said, “You will not leave before the job is done here.” "
        "Is that still true?\n\n"
        "President Aldo Varen: Yes."
    )
    assert said(text) == []


def test_a_quotation_inside_a_sentence_of_a_transcript_turn_is_not_the_speakers_own():
    text = (
        "President Aldo Varen: I asked them, “What are we supposed to do about the northern border now?” "
        "They say they will never sign because “this would destroy the whole coalition in the parliament.”\n\n"
        "Prime Minister Mira Tol: We disagree."
    )
    assert said(text) == [("Aldo Varen", "What are we supposed to do about the northern border now?")]


def test_a_quotation_nested_in_straight_marks_stays_inside_the_speakers_words():
    text = (
        'Prime Minister Mira Tol of Estralia spoke on Monday. "For us, the proposal on "alternatives to '
        'membership" is unacceptable, and we will say so in every capital," she said.'
    )
    assert said(text) == [
        (
            "Mira Tol",
            'For us, the proposal on "alternatives to membership" is unacceptable, and we will say so in every capital',
        )
    ]


def test_a_nested_quotation_whose_opening_mark_lost_its_space_stays_inside():
    text = (
        "President Aldo Varen of Norvania congratulated the transport workers.\n\n"
        'The message reads, in part:"It is important to reach real results in such issues as"debottlenecking" '
        'and upgrading the railways of the whole country."'
    )
    assert said(text) == [
        (
            "Aldo Varen",
            'It is important to reach real results in such issues as"debottlenecking" and upgrading the railways '
            "of the whole country.",
        )
    ]


def test_a_closing_mark_whose_opening_the_text_lost_opens_no_quotation():
    text = (
        "Prime Minister Mira Tol of Estralia opened the new site. "
        'Its goal is to help the elderly and everyone else," said Mira Tol. '
        'Information will be presented on the site. "We will add new sections every month," she said.'
    )
    assert said(text) == [("Mira Tol", "We will add new sections every month")]


def test_the_name_of_a_decree_a_programme_or_an_event_is_not_a_statement():
    text = (
        'President Aldo Varen of Norvania signed the decree of 14 May "On the appointment of new judges to the '
        'Constitutional Court" and spoke at the press marathon "Thirty questions to the President of the '
        'Republic". He said his programme "Large construction of roads across the whole country" goes on.'
    )
    assert said(text) == []


def test_a_quotation_after_a_sentence_ending_with_such_a_noun_is_a_statement():
    text = (
        "President Aldo Varen of Norvania spoke at the initiative of the Estralian side. "
        '"We try all sorts of ways to reach a real result in these talks," the President of Norvania said.'
    )
    assert said(text) == [("Aldo Varen", "We try all sorts of ways to reach a real result in these talks")]


def test_the_head_of_state_is_the_publishers_head_of_state_the_text_names():
    text = (
        "President Aldo Varen met students of the capital's universities on Monday.\n\n"
        '"I strongly believe that in these crucial days our country will receive the status," the Head of '
        "State said during the conversation."
    )
    gz = Gazetteer(people=[], countries=[NORVANIA, ESTRALIA])
    ex = extract(text, published=date(2024, 3, 18), gazetteer=gz, publisher="Office of the President of Norvania")
    assert [(s.speaker, s.quote.rstrip(",")) for s in ex.statements] == [
        ("Aldo Varen", "I strongly believe that in these crucial days our country will receive the status")
    ]


def test_words_the_speaker_quotes_are_of_whom_they_name_or_of_nobody():
    text = (
        "President Aldo Varen: Let me recall the words of Prime Minister Mira Tol: “A border is a promise kept by "
        "both sides.” And I quote: “Every citizen has the right to leave the country and to return.”\n\n"
        "Prime Minister Mira Tol: Thank you."
    )
    assert said(text) == [("Mira Tol", "A border is a promise kept by both sides.")]


def test_a_number_in_quotation_marks_is_a_name_not_a_statement():
    text = 'President Aldo Varen of Norvania welcomed the signing of the "123" agreement on civil nuclear work.'
    assert said(text) == []


def test_a_quotation_left_open_over_paragraphs_is_said_by_whom_its_last_paragraph_names():
    text = (
        "Prime Minister Mira Tol of Estralia spoke at length on Tuesday.\n\n"
        "“Our economy has grown every year for a decade. We have built schools across the country.\n\n"
        "“We have paid our debts on time.\n\n"
        "“Now we want to build the railway our grandparents dreamed about,” Tol said.\n\n"
        "“This is a different matter,” said Aldo Varen, the Norvanian President."
    )
    assert said(text) == [
        ("Mira Tol", "Our economy has grown every year for a decade. We have built schools across the country."),
        ("Mira Tol", "We have paid our debts on time."),
        ("Mira Tol", "Now we want to build the railway our grandparents dreamed about"),
        ("Aldo Varen", "This is a different matter"),
    ]
