"""Contacts, speakers and recalled contacts in phrasings other publishers use, on sentences about
fictional leaders: "caught up with", "joined X for a working lunch", "arrived in ... for talks with",
a counterpart named as the speaker, recalls dated to a year, and an unclosed quotation."""

from datetime import date

from tracker.extraction import Gazetteer, extract
from tracker.tests.test_extraction_contacts import COUNTRIES, MONDAY, contacts_in

TUESDAY = date(2024, 3, 12)
TOL_LIND = ["Ivo Lind", "Mira Tol"]


def test_catching_up_with_a_counterpart_is_a_talk_in_person_at_a_venue_and_never_a_lead_in_the_polls():
    text = "Prime Minister Mira Tol of Norvania caught up with President Ivo Lind of Estralia on Tuesday."
    assert contacts_in(text) == [(TOL_LIND, "phone_call", TUESDAY)]
    text = "Prime Minister Mira Tol caught up with President Ivo Lind of Estralia on the sidelines of the summit."
    assert contacts_in(text) == [(TOL_LIND, "meeting", MONDAY)]
    text = "President Ivo Lind of Estralia has caught up with Prime Minister Mira Tol of Norvania in the polls."
    assert contacts_in(text) == []


def test_joining_a_counterpart_for_a_meal_or_talks_is_a_meeting():
    for meal in ["a working lunch", "dinner", "a working breakfast", "talks"]:
        text = f"Prime Minister Mira Tol of Norvania joined President Ivo Lind of Estralia for {meal} on Tuesday."
        assert contacts_in(text) == [(TOL_LIND, "meeting", TUESDAY)], text
    for text in [
        "Prime Minister Mira Tol of Norvania joined President Ivo Lind of Estralia in calling for a ceasefire.",
        "Prime Minister Mira Tol of Norvania is expected to join President Ivo Lind of Estralia for dinner.",
        "Prime Minister Mira Tol joined Defence Minister Per Holm for lunch.",  # her own government
    ]:
        assert contacts_in(text) == [], text


def test_arriving_somewhere_for_talks_with_a_counterpart_is_a_meeting_with_them():
    for text in [
        "Prime Minister Mira Tol of Norvania arrived in Port Estra on Tuesday for talks with President Ivo Lind.",
        "Prime Minister Mira Tol of Norvania was in Port Estra on Tuesday for talks with President Ivo Lind.",
    ]:
        assert contacts_in(text, publisher="Norvania Times") == [(TOL_LIND, "meeting", TUESDAY)], text
    for text in [
        "Prime Minister Mira Tol of Norvania will arrive in Port Estra on Tuesday for talks with President Ivo Lind.",
        "Prime Minister Mira Tol of Norvania is in no hurry for talks with President Ivo Lind.",
        # The advisers arrived, not the one who received them.
        "President Ivo Lind received advisers to the leaders of Ostmark and Wendland who arrived in Port Estra for "
        "talks with Prime Minister Mira Tol.",
    ]:
        assert contacts_in(text, publisher="Norvania Times") == [], text


def test_a_dotted_honorific_between_met_and_the_name_keeps_the_meeting():
    for text in [
        "President Ivo Lind met Mrs. Mira Tol of Estralia on Tuesday.",
        "Ms Mira Tol of Estralia met Mr. Ivo Lind of Norvania on Tuesday.",
    ]:
        assert contacts_in(text) == [(TOL_LIND, "meeting", TUESDAY)], text


def said(text):
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher="Norvania Times")
    return [(s.speaker, s.quote.rstrip(",.")) for s in ex.statements]


MET = "President Ivo Lind of Estralia met Prime Minister Mira Tol of Norvania on Tuesday. "
WORDS = "We will keep working together on energy security"


def test_a_counterpart_who_speaks_is_the_other_participant_of_the_contact():
    for attribution, speaker in [
        (f'"{WORDS}," Lind\'s counterpart said.', "Mira Tol"),
        (f'"{WORDS}," his Norvanian counterpart said.', "Mira Tol"),
        (f'"{WORDS}," said her Estralian counterpart.', "Ivo Lind"),
        (f'Lind\'s Norvanian counterpart said: "{WORDS}."', "Mira Tol"),
    ]:
        assert said(MET + attribution) == [(speaker, WORDS)], attribution
    # "his" alone names one of the two only when the text gives their genders.
    text = MET.replace("Prime Minister", "Ms.") + f'"{WORDS}," said his counterpart.'
    assert said(text) == [("Mira Tol", WORDS)]


def test_a_counterpart_the_text_leaves_ambiguous_is_no_speaker():
    for text in [
        MET + f'"{WORDS}," said his counterpart.',  # whose "his" is, the text does not say
        MET + f'"{WORDS}," his Ostmarkian counterpart said.',  # no one of Ostmark took part
        MET.replace("on Tuesday", "and President Per Holm of Ostmark on Tuesday")
        + f'"{WORDS}," Lind\'s counterpart said.',
    ]:
        assert said(text) == [], text


def recalled_in(text):
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher="Norvania Times")
    return [(c.kind, c.date, c.precision) for c in ex.contacts if c.span.start > text.index(". ")]


def test_a_first_or_last_contact_dated_only_to_a_year_is_the_pairs_undated_earlier_contact():
    # FORMAT.md dates a contact to its day or month: a year alone leaves it undated.
    for recall, kind in [
        ("The two leaders first met in 2019.", "meeting"),
        ("The two leaders first met in Lorvik in 2019.", "meeting"),
        ("They had last met in person in 2022.", "meeting"),
        ("They first spoke last year.", "phone_call"),
    ]:
        assert recalled_in(MET + recall) == [(kind, None, "day")], recall
    assert recalled_in(MET + "The two leaders last spoke in June.") == [("phone_call", date(2023, 6, 1), "month")]
    for recall in ["They will first meet in 2025.", "The two leaders first met in 2025."]:
        assert recalled_in(MET + recall) == [], recall


def statements_in(text):
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher="Norvania Times")
    return [(s.speaker, s.quote.rstrip(","), s.date) for s in ex.statements]


FRIDAY = date(2024, 3, 15)
LEAD = "President Ivo Lind of Estralia met Prime Minister Mira Tol of Norvania.\n"


def test_a_quotation_that_lost_its_closing_mark_ends_with_its_line_in_a_text_of_one_line_paragraphs():
    text = (
        LEAD + f"Lind said on Tuesday: “{WORDS} for the region.\n"
        "On Friday, Tol spoke by phone with President Per Holm of Ostmark. “We agreed to meet in April,” Holm said."
    )
    assert statements_in(text) == [
        ("Ivo Lind", f"{WORDS} for the region.", TUESDAY),
        ("Per Holm", "We agreed to meet in April", FRIDAY),  # not the date of Lind's words
    ]
    assert (["Mira Tol", "Per Holm"], "phone_call", FRIDAY) in contacts_in(text, publisher="Norvania Times")
    # A quotation wrapped over lines that closes further on is one quotation.
    text = LEAD + f"Lind said: “{WORDS}\nfor the region,” he told reporters."
    assert [s[:2] for s in statements_in(text)] == [("Ivo Lind", f"{WORDS}\nfor the region")]


def test_a_quotation_that_lost_its_closing_mark_ends_where_the_next_one_opens():
    text = (
        LEAD.strip() + f" Lind said: “{WORDS} for the region. “Our ministers will meet again before the end of the "
        "year,” Tol said on Friday."
    )
    assert statements_in(text)[1] == ("Mira Tol", "Our ministers will meet again before the end of the year", FRIDAY)


def test_two_leaders_who_discussed_a_topic_in_a_call_or_meeting_had_that_contact():
    release = "Prime Minister of Norvania"
    for text, expected in [
        ("Prime Minister Mira Tol and President Ivo Lind of Estralia discussed trade in a call today.",
         (TOL_LIND, "phone_call", MONDAY)),
        # The release's own leader, named by office only.
        ("The Prime Minister and President Ivo Lind of Estralia discussed trade by phone this morning.",
         (["Ivo Lind"], "phone_call", MONDAY)),
        ("The Prime Minister and President Ivo Lind of Estralia discussed trade in a video call today.",
         (["Ivo Lind"], "video_call", MONDAY)),
    ]:  # fmt: skip
        assert contacts_in(text, publisher=release) == [expected], text
    for text in [
        "The Prime Minister and Defence Minister Per Holm discussed the budget in a meeting today.",
        "Prime Minister Mira Tol and President Ivo Lind of Estralia will discuss trade in a call next week.",
    ]:
        assert contacts_in(text, publisher=release) == [], text


def test_a_talk_at_the_summit_is_in_person():
    text = "The Prime Minister spoke with President Ivo Lind of Estralia at the summit this morning."
    assert contacts_in(text, publisher="Prime Minister of Norvania") == [(["Ivo Lind"], "meeting", MONDAY)]


def test_readout_shapes_of_a_prime_ministers_office():
    release = "Prime Minister of Norvania"
    for text, kind in [
        ("The Prime Minister hosted a dinner for President Ivo Lind of Estralia this evening.", "meeting"),
        ("The Prime Minister congratulated President Ivo Lind of Estralia on his re-election in a call today.",
         "phone_call"),
        ("The Prime Minister and President Ivo Lind of Estralia held a joint press conference today.", "meeting"),
        # "counterpart" gives the office the name does not.
        ("The Prime Minister held talks with his Estralian counterpart, Ivo Lind, in Lorvik today.", "meeting"),
    ]:  # fmt: skip
        assert contacts_in(text, publisher=release) == [(["Ivo Lind"], kind, MONDAY)], text
    assert contacts_in("The Prime Minister held a press conference today.", publisher=release) == []
