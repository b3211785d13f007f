"""Statements in transcripts with upper-case speaker labels, bare surnames after "said", and
quotations that are titles or findings rather than speech. Fictional leaders and countries only."""

from datetime import date

from tracker.extraction import Gazetteer, KnownCountry, extract

NORVANIA = KnownCountry("Norvania", (), ("Norvanian",))
ESTRALIA = KnownCountry("Estralia", (), ("Estralian",))
PUBLISHED = date(2024, 3, 18)


def said(text: str, title: str | None = None, publisher: str | None = None):
    gz = Gazetteer(people=[], countries=[NORVANIA, ESTRALIA])
    ex = extract(text, published=PUBLISHED, gazetteer=gz, title=title, publisher=publisher)
    return [(s.speaker, s.quote.rstrip(",")) for s in ex.statements]


TRANSCRIPT = (
    "President Aldo Varen of Norvania and Prime Minister Mira Tol of Estralia held a joint press conference.\n\n"
    "THE PRESIDENT: Thank you all for coming. When we spoke last week, I told the Prime Minister, “Norvania "
    "will stand with Estralia for as long as it takes.”\n\n"
    "PRIME MINISTER TOL: Thank you, Mr. President. I said to my cabinet on Friday: “We will open the northern "
    "border crossing next spring.”\n\n"
    "Q: Mr. President, you once said, “The harbour treaty is dead and buried for good.” Is it?\n\n"
    "THE PRESIDENT: I said that, and I was wrong about it."
)


def test_an_upper_case_label_names_who_says_i_in_its_turn():
    assert said(TRANSCRIPT) == [
        ("Aldo Varen", "Norvania will stand with Estralia for as long as it takes."),
        ("Mira Tol", "We will open the northern border crossing next spring."),
    ]


def test_the_office_in_a_label_is_the_narrator_the_title_names():
    text = (
        "THE PRESIDENT: Good afternoon. This morning I told our ministers: “The new bridge will be finished "
        "before the winter comes.”\n\n"
        "Q: Will it be open to trucks?\n\n"
        "THE PRESIDENT: Yes, from the first day."
    )
    title = "Remarks by President Aldo Varen on the Northern Bridge"
    assert said(text, title=title) == [("Aldo Varen", "The new bridge will be finished before the winter comes.")]


def test_a_question_label_is_a_journalist_whose_quotations_name_nobody():
    text = (
        "MINISTER PELL: We are ready to begin.\n\n"
        "Q: I said earlier today, “The talks will fail before the spring is over.” Do you agree?\n\n"
        "MINISTER PELL: No."
    )
    assert said(text) == []


def test_a_bare_surname_after_said_is_the_full_name_given_earlier():
    text = (
        "Ana Pell, a senator from the north of Estralia, welcomed the treaty on Monday.\n\n"
        "“This treaty will bring our two countries closer than ever before,” said Pell."
    )
    assert said(text) == [("Ana Pell", "This treaty will bring our two countries closer than ever before")]


def test_a_bare_surname_before_said_is_the_full_name_given_earlier():
    text = (
        "The treaty was criticised by Ana Pell, who leads the opposition in Estralia.\n\n"
        "“We are here to listen to every side of this conflict,” Pell said.\n\n"
        "Pell said: “Nobody asked the people of the north what they want.”"
    )
    assert said(text) == [
        ("Ana Pell", "We are here to listen to every side of this conflict"),
        ("Ana Pell", "Nobody asked the people of the north what they want."),
    ]


def test_a_bare_word_after_said_that_names_no_person_attributes_nothing():
    text = "“We will review every part of this agreement before we sign it,” said Norvania."
    assert said(text) == []


def test_a_finding_of_a_report_after_the_quotation_does_not_continue_the_last_speaker():
    text = (
        "Prime Minister Mira Tol of Estralia spoke at the launch.\n\n"
        "“We need clean water in every village by the end of the decade,” Tol said.\n\n"
        "“Nine in ten households in the north have no running water at all,” the report found."
    )
    assert said(text) == [("Mira Tol", "We need clean water in every village by the end of the decade")]


def test_a_document_title_in_sentence_case_is_not_a_statement():
    text = (
        "Prime Minister Mira Tol of Estralia spoke at the launch.\n\n"
        "“We need clean water in every village by the end of the decade,” Tol said.\n\n"
        "The study, “Why peace fails in the northern provinces of Estralia”, found that aid arrives late."
    )
    assert said(text) == [("Mira Tol", "We need clean water in every village by the end of the decade")]


def test_a_slogan_on_banners_is_not_a_statement():
    text = (
        "Prime Minister Mira Tol of Estralia spoke at the rally.\n\n"
        "“We need clean water in every village by the end of the decade,” Tol said.\n\n"
        "Banners reading “Water for every village and every family” hung over the square."
    )
    assert said(text) == [("Mira Tol", "We need clean water in every village by the end of the decade")]


def test_an_office_holder_is_not_a_name_in_a_phrase_before_the_office():
    text = (
        "In his message of greetings to President of the Republic of Estralia Jon Pell, the President of "
        "Norvania said he valued the friendship.\n\n"
        "“Our peoples have always stood together in difficult times,” the President of Norvania noted."
    )
    assert said(text) == []


def test_the_person_told_or_asked_before_the_quotation_is_not_its_speaker():
    text = (
        "President Aldo Varen of Norvania told Prime Minister Mira Tol, “Our engineers will finish the bridge "
        "before the winter.”\n\n"
        "Prime Minister Mira Tol asked President Aldo Varen: “Will the bridge be open to trucks from the first day?”"
    )
    assert said(text) == [
        ("Aldo Varen", "Our engineers will finish the bridge before the winter."),
        ("Mira Tol", "Will the bridge be open to trucks from the first day?"),
    ]


def test_said_and_a_name_with_two_particles_is_that_person():
    text = (
        "Commissioner Ilse von der Brandt met Prime Minister Mira Tol of Estralia on Monday.\n\n"
        "“Our partners are very interested in supporting the reconstruction of the north,” said Ilse von der "
        "Brandt."
    )
    quote = "Our partners are very interested in supporting the reconstruction of the north"
    assert said(text) == [("Ilse von der Brandt", quote)]


def test_a_quotation_that_lost_its_closing_mark_ends_before_the_next_attributed_one():
    text = (
        'Envoy Jon Pell of Estralia spoke on Monday. Pell stressed: "We are realists. The nations of the world '
        'would ask their governments: "What are you doing?" According to the envoy, the talks went on. "We have '
        'proved to everyone that we are a partner who will have to be respected," said Jon Pell.'
    )
    assert said(text) == [
        ("Jon Pell", 'We are realists. The nations of the world would ask their governments: "What are you doing?'),
        ("Jon Pell", "We have proved to everyone that we are a partner who will have to be respected"),
    ]


def test_she_added_after_a_quotation_attributed_by_office_is_that_speakers():
    text = (
        "Mrs. Ilse Brandt, the President of the Northern Commission, met President Aldo Varen of Norvania.\n\n"
        "“We give a positive answer to your request for membership,” said the President of the Northern "
        "Commission addressing Aldo Varen. “Your journey to the commission begins today,” she added."
    )
    assert said(text) == [
        ("Ilse Brandt", "We give a positive answer to your request for membership"),
        ("Ilse Brandt", "Your journey to the commission begins today"),
    ]


def test_the_words_of_someone_named_in_a_long_lead_are_that_persons():
    text = (
        "President Aldo Varen of Norvania received the new ambassadors on Monday.\n\n"
        "The President quoted the words of the national poet of Estralia Mira Tol that aptly describe both "
        "of our nations: “Strength is in the absence of fear, not in the number of our soldiers.”"
    )
    assert said(text) == [("Mira Tol", "Strength is in the absence of fear, not in the number of our soldiers.")]


def test_he_in_a_transcript_turn_is_never_the_turns_own_speaker():
    text = (
        "President of Norvania Aldo Varen: Colleagues, let us begin. As I said, “we will keep the border open "
        "for trade all year,” and I stand by it. The same is typical of the talks: when no press is around, "
        "he says bluntly that “we simply cannot abide by the harbour treaty any longer.”\n\n"
        "Prime Minister of Estralia Mira Tol: Thank you."
    )
    assert said(text) == [("Aldo Varen", "we will keep the border open for trade all year")]


def test_a_role_after_the_quotation_is_the_one_person_holding_it():
    text = (
        "Prime Minister Mira Tol of Estralia met Navy Adm. Jon Pell of Norvania on Monday.\n\n"
        "“We will open the northern border crossing next spring,” the Estralian leader said.\n\n"
        "“Our ships will escort the first convoys through the strait,” the admiral said.\n\n"
        "Jon Pell was quoted as saying: “The strait will stay open to every flag.”"
    )
    assert said(text) == [
        ("Mira Tol", "We will open the northern border crossing next spring"),
        ("Jon Pell", "Our ships will escort the first convoys through the strait"),
        ("Jon Pell", "The strait will stay open to every flag."),
    ]


def test_a_signature_with_the_style_and_no_dash_names_the_speaker():
    text = (
        "Prime Minister Mira Tol today announced new funding for the northern ports.\n\n"
        "Quote\n\n“These ports will carry our trade for the next fifty years.”\n\n"
        "The Rt. Hon. Mira Tol, Prime Minister of Estralia"
    )
    assert said(text) == [("Mira Tol", "These ports will carry our trade for the next fifty years.")]


def test_a_short_quotation_before_the_noun_it_names_is_not_a_statement():
    text = (
        "Prime Minister Mira Tol of Estralia said that nine regions have left the “red” zone, and that "
        "the “Roads without Borders” community had grown.\n\n"
        "“We will open the northern border crossing next spring,” she said."
    )
    assert said(text) == [("Mira Tol", "We will open the northern border crossing next spring")]


def test_a_briefings_q_without_a_colon_opens_a_journalists_turn():
    text = (
        "Press Secretary Ana Pell of Norvania briefed reporters on Monday.\n\n"
        "MS. PELL: Good afternoon. This morning I told our partners: “The bridge will open before the winter "
        "comes.”\n\n"
        "Q    I said last week, “The bridge will never open before the winter comes.” Was I wrong?\n\n"
        "MS. PELL: You were."
    )
    assert said(text) == [("Ana Pell", "The bridge will open before the winter comes.")]


def test_the_head_of_an_office_named_for_the_president_is_not_the_president():
    text = (
        "President Aldo Varen of Norvania met the council. Head of the Office of the President of Norvania "
        "Jon Pell reported on the talks.\n\n"
        "The Head of the Office of the President also noted that the new law matters. “I think we all "
        "understand that only a strong army will keep our country safe,” he said."
    )
    assert said(text) == [("Jon Pell", "I think we all understand that only a strong army will keep our country safe")]


def test_a_quotation_that_lost_its_mark_where_the_report_went_on_is_not_taken():
    text = (
        'Envoy Jon Pell of Estralia addressed the council. "All leaders on the ground must understand this, '
        'h e said. He said that the talks had gone well. The law "On Defence" matters. '
        '"I think we all understand that only a strong army will keep our country safe," said Jon Pell.'
    )
    assert said(text) == [("Jon Pell", "I think we all understand that only a strong army will keep our country safe")]
