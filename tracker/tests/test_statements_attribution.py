"""Who said a quotation: speaker labels, bullet lists, offices, pronouns, names new to the database,
single marks and quotations running over paragraphs. Fictional leaders and countries only."""

from datetime import date

from tracker.extraction import Gazetteer, KnownCountry, KnownOffice, KnownPerson, extract

NORVANIA = KnownCountry("Norvania", ("the Republic of Norvania",), ("Norvanian",))
ESTRALIA = KnownCountry("Estralia", (), ("Estralian",))
PUBLISHED = date(2024, 3, 18)


def said(text: str, people=()):
    gz = Gazetteer(people=list(people), countries=[NORVANIA, ESTRALIA])
    ex = extract(text, published=PUBLISHED, gazetteer=gz)
    for s in ex.statements:
        assert text[s.quote_span.start : s.quote_span.end] == s.quote
    return [(s.speaker, s.quote.rstrip(",")) for s in ex.statements]


def test_a_speaker_label_before_a_colon_names_the_speaker():
    text = (
        "The two leaders spoke to reporters after their talks.\n\n"
        "Norvanian Prime Minister Mira Tol: “We have agreed to open the northern border crossing next spring.”\n\n"
        "Estralian President Aldo Varen: “Our ministers will meet again before the end of the year.”"
    )
    assert said(text) == [
        ("Mira Tol", "We have agreed to open the northern border crossing next spring."),
        ("Aldo Varen", "Our ministers will meet again before the end of the year."),
    ]


def test_a_message_quoted_after_reads_is_its_senders():
    text = (
        "President Aldo Varen of Norvania sent a message of greetings to the forum.\n\n"
        "The message reads, in part: “Our cooperation in education helps both nations grow stronger every year.”"
    )
    assert said(text) == [("Aldo Varen", "Our cooperation in education helps both nations grow stronger every year.")]


def test_quotations_in_a_bullet_list_belong_to_the_speaker_of_the_lead_sentence():
    text = (
        "Prime Minister Mira Tol of Estralia made the following points at the summit:\n\n"
        "• “Trade between our countries doubled in the last five years.”\n"
        "• “We will build the new railway line together with our partners.”\n\n"
        "President Aldo Varen of Norvania did not comment."
    )
    assert said(text) == [
        ("Mira Tol", "Trade between our countries doubled in the last five years."),
        ("Mira Tol", "We will build the new railway line together with our partners."),
    ]


def test_a_speaker_given_by_office_is_the_person_the_text_gives_that_office():
    text = (
        "President Aldo Varen of Norvania received Prime Minister Mira Tol of Estralia on Monday.\n\n"
        "“We will sign the water agreement before the summer is over,” said the President of Norvania.\n\n"
        "“Our farmers have waited for this agreement for many years,” the Estralian prime minister said."
    )
    assert said(text) == [
        ("Aldo Varen", "We will sign the water agreement before the summer is over"),
        ("Mira Tol", "Our farmers have waited for this agreement for many years"),
    ]


def test_a_speaker_given_by_office_alone_is_who_held_it_that_day():
    varen = KnownPerson(
        "aldo-varen", "Aldo Varen", (), "Norvania", (KnownOffice("President", "Norvania", date(2020, 1, 1), None),)
    )
    text = "“We will sign the water agreement before the summer is over,” said the President of Norvania."
    assert said(text, [varen]) == [("Aldo Varen", "We will sign the water agreement before the summer is over")]


def test_a_pronoun_is_the_last_speaker_of_its_gender_whatever_the_speech_verb():
    text = (
        "Prime Minister Mira Tol of Estralia underscored the need for calm. President Aldo Varen of Norvania "
        "assured Ms. Tol that he would help.\n\n"
        "“We cannot let the harbour close again this winter,” she said.\n\n"
        "“Norvania will send engineers to help within the month,” he said."
    )
    assert said(text) == [
        ("Mira Tol", "We cannot let the harbour close again this winter"),
        ("Aldo Varen", "Norvania will send engineers to help within the month"),
    ]


def test_said_and_a_full_name_new_to_the_database_is_that_person():
    text = (
        "Prime Minister Mira Tol of Estralia met the press.\n\n"
        "“The talks were long, but they were worth every hour we spent,” said Mira Tol.\n\n"
        "“Nothing has been decided about the pipeline yet,” said Jon Pell, her spokesman."
    )
    assert said(text) == [
        ("Mira Tol", "The talks were long, but they were worth every hour we spent"),
        ("Jon Pell", "Nothing has been decided about the pipeline yet"),
    ]


def test_single_marks_quote_when_the_text_uses_them_and_apostrophes_are_not_quotes():
    text = (
        "Prime Minister Mira Tol of Estralia spoke after the meeting.\n\n"
        "‘We don’t expect a deal this week, but we’re closer than ever,’ Tol said."
    )
    assert said(text) == [("Mira Tol", "We don’t expect a deal this week, but we’re closer than ever")]


def test_a_quotation_nested_in_single_marks_stays_inside_the_speakers_words():
    text = (
        "Prime Minister Mira Tol of Estralia spoke after the meeting.\n\n"
        "“He told me, ‘We will never close the border,’ and I believe him,” Tol said."
    )
    assert said(text) == [("Mira Tol", "He told me, ‘We will never close the border,’ and I believe him")]


def test_a_quotation_continued_over_paragraphs_without_a_closing_mark():
    text = (
        'Prime Minister Mira Tol of Estralia said: "We have worked on this treaty for ten long years.\n\n'
        '"Today our two peoples can finally look forward to open borders," Tol said.'
    )
    assert said(text) == [
        ("Mira Tol", "We have worked on this treaty for ten long years."),
        ("Mira Tol", "Today our two peoples can finally look forward to open borders"),
    ]


def test_a_clause_between_the_speaker_and_the_verb_and_quoted_as_saying():
    text = (
        "Prime Minister Mira Tol of Estralia, speaking at the summit, said: “We are ready to open the border "
        "to trade next month.”\n\n"
        "Her office quoted President Aldo Varen of Norvania as saying: “Our engineers will start the work "
        "on the bridge this week.”"
    )
    assert said(text) == [
        ("Mira Tol", "We are ready to open the border to trade next month."),
        ("Aldo Varen", "Our engineers will start the work on the bridge this week."),
    ]


def test_a_spokesperson_for_someone_is_not_that_person():
    text = (
        "Prime Minister Mira Tol of Estralia met the press.\n\n"
        "“No decision on the pipeline has been taken yet,” a spokesperson for Tol said."
    )
    assert said(text) == []


def test_a_quotation_opening_the_paragraph_after_a_colon_is_the_lead_speakers():
    text = (
        "Prime Minister Mira Tol of Estralia told reporters after the talks:\n\n"
        "“We have agreed on the route of the new pipeline and on who will pay for it.”\n\n"
        "“Work on it starts in the spring, if the weather allows it.”"
    )
    assert said(text) == [
        ("Mira Tol", "We have agreed on the route of the new pipeline and on who will pay for it."),
        ("Mira Tol", "Work on it starts in the spring, if the weather allows it."),
    ]


def test_the_value_of_a_markup_attribute_is_no_quotation():
    text = (
        "Vice President Aldo Varen met faith leaders on Monday. Varen said that he looks forward to working with "
        'them. <span style="text-decoration: underline">Participants included:</span> Pastor Jon Pell.\n\n'
        '"We will keep building coalitions across faiths in every state," Varen said.'
    )
    assert said(text) == [("Aldo Varen", "We will keep building coalitions across faiths in every state")]


def test_a_message_quoted_in_a_release_that_names_no_sender_is_the_publishers_head_of_state():
    varen = KnownPerson(
        "aldo-varen", "Aldo Varen", (), "Norvania", (KnownOffice("President", "Norvania", date(2020, 1, 1), None),)
    )
    gz = Gazetteer(people=[varen], countries=[NORVANIA, ESTRALIA])
    own = "The message reads, in part:“Our teachers carried the nation through hard years, and we owe them thanks.”"
    ministry = "The statement of the Foreign Ministry reads:“The embassy will stay closed until further notice.”"
    speakers = {}
    for text in (own, ministry):
        ex = extract(text, published=PUBLISHED, gazetteer=gz, publisher="Office of the President of Norvania")
        speakers[text] = [s.speaker for s in ex.statements]
    assert speakers == {own: ["Aldo Varen"], ministry: []}


def test_a_nested_quotation_that_lost_its_closing_mark_stays_inside_the_speakers_words():
    text = (
        "President Aldo Varen of Norvania met Prime Minister Mira Tol of Estralia on Monday. "
        '"What they call a "peace mission is in fact an occupation of our land," Varen said. '
        '"Our two nations have worked together for decades. "We will keep doing so, whatever comes," he added.'
    )
    assert said(text) == [
        ("Aldo Varen", 'What they call a "peace mission is in fact an occupation of our land'),
        ("Aldo Varen", "Our two nations have worked together for decades."),
        ("Aldo Varen", "We will keep doing so, whatever comes"),
    ]


def test_a_date_the_sentence_before_reports_another_event_by_is_not_when_the_words_were_said():
    gz = Gazetteer(people=[], countries=[NORVANIA, ESTRALIA])
    quote = '"Eighty foreign representatives came to support our state," Ivo Lind said.'
    reported = "President Ivo Lind of Norvania said that last week he had talks with the leaders of Estralia."
    ex = extract(f"{reported} {quote}", published=PUBLISHED, gazetteer=gz)
    assert [(s.speaker, s.date) for s in ex.statements] == [("Ivo Lind", PUBLISHED)]
    # Nor does a month long past that the sentence before gives to a visit.
    visit = "President Ivo Lind of Norvania recalled the agreements of his visit to Estralia in April 2021."
    ex = extract(f"{visit} {quote}", published=PUBLISHED, gazetteer=gz)
    assert [(s.speaker, s.date) for s in ex.statements] == [("Ivo Lind", PUBLISHED)]
    # The day the sentence before gives to the saying itself still dates it.
    ex = extract(
        f"President Ivo Lind of Norvania gave an interview on Tuesday. {quote}", published=PUBLISHED, gazetteer=gz
    )
    assert [(s.speaker, s.date) for s in ex.statements] == [("Ivo Lind", date(2024, 3, 12))]
