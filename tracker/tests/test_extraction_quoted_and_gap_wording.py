"""Contacts a quoted speaker reports as "I", passive and progressive contacts, and gap-claim
wordings, on fictional leaders: '"I spoke with President X this morning," Tol told reporters' is
Tol's call, dated by the quotation's words against the day they were said; an offer or a recent call
without a date is no dated contact; "was visited by", "is meeting X today"; a denied meeting and a
leader's supporters are no contact; a second coordinated verb, a relative clause's future and an
apposition between subject and verb; "spoke on Sunday for the first time since ..." and "had last
spoken in ..." are claims, "weeks after their last call" and "breaking months of silence" claims of
no stated length; a known person's surname written with accents; who "he" is after an opening
phrase; "after yesterday's summit with X, Y flew home"."""

from datetime import date

from tracker.extraction import Gazetteer, KnownPerson, extract
from tracker.tests.test_extraction_contacts import COUNTRIES

PUBLISHED = date(2024, 5, 6)  # a Monday
AGENCY = "Norvania News Agency"
PAIR = ["Ivo Lind", "Mira Tol"]
CALL = "Estralian President Ivo Lind spoke with Norvanian Prime Minister Mira Tol on Sunday. "


def run(text):
    return extract(text, published=PUBLISHED, gazetteer=Gazetteer(countries=COUNTRIES), publisher=AGENCY)


def contacts(text):
    return [(sorted(c.participants), c.kind, c.date, c.planned) for c in run(text).contacts]


def claims(text):
    return [(g.comparison, g.anchor, g.duration_days, g.duration_months) for g in run(text).gap_claims]


def test_a_call_the_quoted_speaker_reports_as_i_is_the_speakers_contact():
    text = (
        '"I spoke with President Ivo Lind of Estralia this morning and we agreed to keep the border open," '
        "Norvanian Prime Minister Mira Tol told reporters on Sunday."
    )
    assert contacts(text) == [(PAIR, "phone_call", date(2024, 5, 5), False)]


def test_a_quoted_yesterday_is_the_day_before_the_words_were_said():
    text = (
        'Norvanian Prime Minister Mira Tol said on Sunday: "I had a long conversation with President Ivo Lind '
        'of Estralia yesterday."'
    )
    assert contacts(text) == [(PAIR, "phone_call", date(2024, 5, 4), False)]


def test_a_quoted_call_without_a_date_is_undated_not_the_day_it_was_told():
    text = (
        '"The list was handed over. I recently spoke with President Ivo Lind of Estralia about it," '
        "Norvanian Prime Minister Mira Tol said on Sunday."
    )
    assert contacts(text) == [(PAIR, "phone_call", None, False)]


def test_an_offer_or_a_plan_in_a_quotation_is_no_contact():
    for text in [
        '"I am ready to talk to President Ivo Lind of Estralia, but only to him," Norvanian Prime Minister '
        "Mira Tol said on Sunday.",
        '"I will meet President Ivo Lind of Estralia next week," Norvanian Prime Minister Mira Tol said.',
        '"I have never met President Ivo Lind of Estralia," Norvanian Prime Minister Mira Tol said.',
    ]:
        assert contacts(text) == [], text


def test_someone_else_in_the_first_person_inside_a_quotation_is_not_the_speakers_contact():
    text = (
        '"He told me: we met with President Ivo Lind of Estralia in secret," Norvanian Prime Minister '
        "Mira Tol said on Sunday."
    )
    assert contacts(text) == []


def test_spoke_on_a_day_for_the_first_time_since_is_a_claim():
    pair_spoke = "Estralian President Ivo Lind and Norvanian Prime Minister Mira Tol spoke on Sunday "
    assert claims(pair_spoke + "for the first time since January.") == [("first_since", date(2024, 1, 1), None, None)]
    assert claims(pair_spoke + "for the first time in five years.") == [("at_least", None, None, 60)]


def test_spoke_on_a_topic_before_the_first_time_is_no_contact_of_the_claim():
    text = (
        "Estralian President Ivo Lind spoke with Norvanian Prime Minister Mira Tol on Sunday. Lind spoke on "
        "climate for the first time since his election."
    )
    assert claims(text) == []


def test_had_last_spoken_is_a_last_contact_claim():
    found = run(CALL + "They had last spoken in December.").gap_claims
    assert [(g.comparison, g.last_when) for g in found] == [("last_contact", "in December")]


def test_weeks_after_their_last_call_or_months_of_silence_is_a_claim_of_no_stated_length():
    assert claims(CALL.replace(". ", ", weeks after their last conversation.")) == [("at_least", None, None, None)]
    assert claims(CALL.replace(". ", ", breaking months of silence.")) == [("at_least", None, None, None)]
    assert claims(CALL.replace(". ", ", two weeks after their last conversation.")) == [("exactly", None, 14, None)]


def test_a_passive_visit_or_greeting_is_a_contact_with_the_agent():
    assert contacts("Estralian President Ivo Lind was visited by Norvanian Prime Minister Mira Tol on Tuesday.") == [
        (PAIR, "visit", date(2024, 4, 30), False)
    ]
    text = "Norvanian Prime Minister Mira Tol was greeted by Estralian President Ivo Lind upon her arrival on Tuesday."
    assert contacts(text) == [(PAIR, "meeting", date(2024, 4, 30), False)]


def test_is_meeting_a_named_person_is_a_meeting_under_way():
    text = "Estralian President Ivo Lind is meeting Norvanian Prime Minister Mira Tol today."
    assert contacts(text) == [(PAIR, "meeting", PUBLISHED, False)]


def test_a_denied_meeting_is_no_contact():
    text = "Estralian President Ivo Lind denied that he had met Norvanian Prime Minister Mira Tol in secret."
    assert contacts(text) == []


def test_the_supporters_of_a_leader_are_not_the_leader():
    for text in [
        "Supporters of Estralian President Ivo Lind met Norvanian Prime Minister Mira Tol on Tuesday.",
        "On Tuesday, members of Estralian President Ivo Lind's party met Norvanian Prime Minister Mira Tol.",
    ]:
        assert contacts(text) == [], text


def test_a_second_coordinated_verb_after_a_time_is_the_subjects_contact_on_its_own_day():
    text = (
        "Estralian President Ivo Lind met Norvanian Prime Minister Mira Tol on Tuesday and spoke by phone with "
        "Ostmarkian President Aldo Varen on Wednesday."
    )
    assert sorted(contacts(text)) == [
        (["Aldo Varen", "Ivo Lind"], "phone_call", date(2024, 5, 1), False),
        (PAIR, "meeting", date(2024, 4, 30), False),
    ]


def test_a_relative_clauses_future_does_not_make_the_main_verb_planned():
    text = "Estralian President Ivo Lind, whose term ends next year, met Norvanian Prime Minister Mira Tol on Tuesday."
    assert contacts(text) == [(PAIR, "meeting", date(2024, 4, 30), False)]


def test_an_apposition_of_office_or_circumstance_between_subject_and_verb_keeps_the_subject():
    for text in [
        "Ivo Lind, Estralia's president since 2019, spoke with Norvanian Prime Minister Mira Tol on Tuesday.",
        "Estralian President Ivo Lind, under pressure at home over rising prices, met Norvanian Prime Minister "
        "Mira Tol on Tuesday.",
    ]:
        assert [c[0] for c in contacts(text)] == [PAIR], text


def test_a_known_persons_surname_written_with_accents_is_them_when_written_bare_later():
    known = KnownPerson("aldo-varen", "Aldo Varen", (), "Ostmark")
    text = (
        'Ostmarkian President Aldo Varén spoke with Norvanian Prime Minister Mira Tol on Sunday. "We are ready to '
        'host the talks at any time," Varén said.'
    )
    found = extract(text, published=PUBLISHED, gazetteer=Gazetteer([known], COUNTRIES), publisher=AGENCY)
    assert [(s.speaker, s.speaker_key) for s in found.statements] == [("Aldo Varen", "aldo-varen")]


def test_the_person_named_in_an_opening_phrase_is_not_the_he_after_it():
    text = (
        "Estralian President Ivo Lind met Norvanian Prime Minister Mira Tol on Sunday. Greeting Mira Tol in "
        'Port Estra, he stressed the two countries\' friendship. "I saw the damage myself," she said.'
    )
    assert [(s.speaker, s.quote) for s in run(text).statements] == [("Mira Tol", "I saw the damage myself,")]


def test_a_release_does_not_date_a_contact_its_speaker_looks_back_on_by_its_publication():
    text = (
        "President of Estralia Ivo Lind: Back then we did not know what the response would be. There were all "
        "kinds of conversations. I had conversations, and Mr Lind talked with Prime Minister Mira Tol of Norvania "
        "as well."
    )
    found = extract(
        text, published=PUBLISHED, gazetteer=Gazetteer(countries=COUNTRIES), publisher="Estralian Presidency"
    )
    assert [(sorted(c.participants), c.date) for c in found.contacts] == [(PAIR, None)]
    same_day = text.replace("Back then we did not know", "We do not know")
    found = extract(
        same_day, published=PUBLISHED, gazetteer=Gazetteer(countries=COUNTRIES), publisher="Estralian Presidency"
    )
    assert [(sorted(c.participants), c.date) for c in found.contacts] == [(PAIR, PUBLISHED)]


def test_a_contact_noun_owned_by_a_time_is_the_subjects_contact_that_day():
    text = "After yesterday's summit with Norvanian Prime Minister Mira Tol, Estralian President Ivo Lind flew home."
    assert contacts(text) == [(PAIR, "meeting", date(2024, 5, 5), False)]


def test_an_opening_phrases_person_is_not_listed_with_the_subject_after_the_comma():
    text = "After the summit with Norvanian Prime Minister Mira Tol, Estralian President Ivo Lind flew home."
    assert [c[0] for c in contacts(text)] == [PAIR]
