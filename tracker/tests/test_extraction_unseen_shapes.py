"""Contacts in the shapes other publishers write them, on sentences about fictional leaders: the
publisher's own leader named only by office, an office and country before the name, coordinated and
progressive verbs, forms of address, and a head of state's meetings with his own people."""

from tracker.extraction import Gazetteer, extract
from tracker.tests.test_extraction_contacts import COUNTRIES, MONDAY, contacts_in


def people_of(text, publisher="Norvania Government"):
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher=publisher)
    return {(p.name, p.office, p.country) for p in ex.people}


def test_a_counterpart_of_the_publishers_leader_named_only_by_office_is_the_contact_found():
    # The readout does not name its own leader: the contact is listed with the one person it names.
    for text, expected in [
        ("The Prime Minister spoke to President Aldo Varen of Estralia today.", (["Aldo Varen"], "phone_call")),
        ("Today, the Prime Minister also met the Prime Minister of Estralia, Mira Tol, in the capital.",
         (["Mira Tol"], "meeting")),
        # The text names the holder of the office it gave with a country elsewhere.
        ("The Prime Minister spoke to the President of Estralia today. President Aldo Varen thanked him.",
         (["Aldo Varen"], "phone_call")),
    ]:  # fmt: skip
        assert [(c[0], c[1]) for c in contacts_in(text)] == [expected], text
    for text in [
        "The Prime Minister did not speak to President Aldo Varen of Estralia today.",
        "The Prime Minister met with Defence Minister Ivo Lind today.",  # his own government
        "The President spoke this morning with Governor Ivo Lind about the floods.",  # no counterpart
    ]:
        assert contacts_in(text) == [], text


def test_an_office_and_its_country_before_a_comma_name_the_person_after_it():
    text = (
        "Prime Minister Ivo Lind today spoke with the Prime Minister of Estralia, Mira Tol. Prime Minister Tol "
        "thanked him."
    )
    assert contacts_in(text) == [(["Ivo Lind", "Mira Tol"], "phone_call", MONDAY)]
    assert ("Mira Tol", "Prime Minister", "Estralia") in people_of(text)
    # An opening phrase ends with its comma: the name after it is the subject, not the office's holder.
    text = (
        "President Aldo Varen of Norvania spoke with Prime Minister Mira Tol of Estralia. At the request of the "
        "President of Ostmark, Aldo Varen informed him of the talks."
    )
    assert {p for p in people_of(text) if p[0] == "Aldo Varen"} == {("Aldo Varen", "President", "Norvania")}
    assert "Aldo Varen" in {p[0] for p in people_of("President Ivo Lind met the President of Estralia, Mr Aldo Varen.")}


def test_a_second_contact_verb_joined_by_and_shares_the_subject_of_the_first():
    text = (
        "President Aldo Varen of Norvania met Prime Minister Mira Tol of Estralia and later spoke by phone with "
        "President Ivo Lind of Ostmark."
    )
    assert contacts_in(text) == [
        (["Aldo Varen", "Ivo Lind"], "phone_call", MONDAY),
        (["Aldo Varen", "Mira Tol"], "meeting", MONDAY),
    ]


def test_two_leaders_meeting_now_and_a_date_between_met_and_with_are_contacts():
    text = (
        "President Aldo Varen of Norvania and Prime Minister Mira Tol of Estralia are meeting at this hour in the "
        "capital."
    )
    assert contacts_in(text) == [(["Aldo Varen", "Mira Tol"], "meeting", MONDAY)]
    text = "President Aldo Varen of Norvania met on Friday, March 15, 2024 with Prime Minister Mira Tol of Estralia."
    assert [(c[0], c[1], str(c[2])) for c in contacts_in(text)] == [
        (["Aldo Varen", "Mira Tol"], "meeting", "2024-03-15")
    ]


def test_forms_of_address_of_religious_leaders_are_no_part_of_a_name():
    text = "President Aldo Varen of Norvania met today with His All-Holiness Ecumenical Patriarch Bartholomew."
    assert contacts_in(text) == [(["Aldo Varen", "Bartholomew"], "meeting", MONDAY)]
    assert ("Bartholomew", "Ecumenical Patriarch", None) in people_of(text)


def test_a_release_meeting_with_people_tied_to_no_other_state_is_no_contact():
    for text in [
        "President Aldo Varen had a working meeting with Head of the Federal Space Agency (FSA) Ivo Lind.",
        "President Aldo Varen had a working meeting with CEO of the Norvanian Investment Fund (NIF) Ivo Lind. "
        "Ivo Lind reported on investments.",
        "President Aldo Varen had a working meeting with Kelt Board Chairman Ivo Lind.",
        "President Aldo Varen met with Ivo Lind, a veteran of the northern campaign. Ivo Lind told the President "
        "about his town.",
    ]:
        assert contacts_in(text) == [], text
    for text in [
        "President Aldo Varen had a meeting with Director General of the International Energy Agency (IEA) Ivo Lind.",
        "President Aldo Varen met with Ivo Lind, Secretary General of Estralia's Security Secretariat.",
        "President Aldo Varen had a working meeting with Prime Minister Mira Tol of Estralia.",
        "President Aldo Varen met with Secretary General of the Council of Europe Ivo Lind. Ivo Lind thanked him.",
    ]:
        assert len(contacts_in(text)) == 1, text


def test_an_office_that_completes_another_persons_title_is_not_his_office():
    text = (
        "President Aldo Varen signed a decree. Deputy head of the Office of the President Ivo Lind met with "
        "Ambassador Mira Tol of Estralia. The President thanked him."
    )
    people = people_of(text)
    assert ("Ivo Lind", None, None) in people and ("Ivo Lind", "President", None) not in people
    assert contacts_in(text) == [(["Ivo Lind", "Mira Tol"], "meeting", MONDAY)]


def test_a_person_after_a_long_office_is_found_with_the_country_its_words_name():
    text = (
        "President Ivo Lind of Norvania met with Chairperson of the Upper House of the Estralian Parliament Mira "
        "Tol and Chairperson of the Lower House of the Estralian Parliament Per Holm."
    )
    assert contacts_in(text) == [(["Ivo Lind", "Mira Tol", "Per Holm"], "meeting", MONDAY)]
    assert {("Mira Tol", "Chairperson", "Estralia"), ("Per Holm", "Chairperson", "Estralia")} <= people_of(text)
    text = (
        "Adviser Ivo Lind met with Chairman of the Committee on Foreign Affairs of the Parliament of the Republic of "
        "Ostmark Per Holm."
    )
    assert contacts_in(text) == [(["Ivo Lind", "Per Holm"], "meeting", MONDAY)]
    assert ("Per Holm", "Chairman", "Ostmark") in people_of(text)
    text = "Adviser Ivo Lind met yesterday with Foreign Minister Mira Tol and Chief of Cabinet Per Holm of Estralia."
    assert ("Per Holm", "Chief", "Estralia") in people_of(text)
    # The clause after the name is not part of the office, nor is a body named before a common noun.
    text = "Adviser Ivo Lind spoke today with Estralian Presidential Advisor Mira Tol to follow up on the talks."
    assert [c[0] for c in contacts_in(text)] == [["Ivo Lind", "Mira Tol"]]
    text = "Adviser Ivo Lind met with the President of Nordhelp Relief organization, which collects evidence."
    assert {p[0] for p in people_of(text)} == {"Ivo Lind"}


def test_a_name_with_its_office_and_country_in_apposition_is_that_leader():
    # News agencies name the person first and the office after a comma, closed by another comma.
    for text in [
        "Mira Tol, the Estralian prime minister, met President Ivo Lind of Norvania on Monday.",
        "Mira Tol, Estralia's prime minister, met President Ivo Lind of Norvania on Monday.",
    ]:
        assert [(sorted(c[0]), c[1], c[2]) for c in contacts_in(text)] == [
            (["Ivo Lind", "Mira Tol"], "meeting", MONDAY)
        ], text
        assert ("Mira Tol", "Prime Minister", "Estralia") in people_of(text), text
    # No country, no office held; and an office followed by its verb is the subject of its clause.
    text = "Mira Tol, the former prime minister, met President Ivo Lind of Norvania on Monday."
    assert contacts_in(text) == []
    text = "To Mira Tol, the Estralian Prime Minister sent greetings on Monday."
    assert {p[0] for p in people_of(text)} == set()


def test_the_head_of_a_business_or_labour_body_is_the_person_after_its_name():
    # The body's words ("Confederation", "Industry", "Chamber") are no part of the person's name, and
    # "General" there is no military rank.
    for body in [
        "the General Confederation of Estralian Industry",
        "the National Union of Estralian Industry",
        "the Estralian Chamber of Industry and Trade",
    ]:
        for office in ("President", "Chairman"):
            text = f"Adviser Ivo Lind met with {office} of {body} Per Holm."
            assert contacts_in(text) == [(["Ivo Lind", "Per Holm"], "meeting", MONDAY)], text


def test_a_counterpart_named_by_demonym_and_a_past_participle_of_speak_are_read():
    for text in [
        "Norvanian Defense Secretary Ivo Lind met with his Estralian counterpart, Mira Tol, in the capital.",
        "Norvanian Defense Secretary Ivo Lind met with his Estralian counterpart Mira Tol in the capital.",
    ]:
        assert contacts_in(text, publisher="Voice of America") == [(["Ivo Lind", "Mira Tol"], "meeting", None)]
        assert ("Mira Tol", None, "Estralia") in people_of(text, publisher="Voice of America")
    text = "Norvanian President Aldo Varen said Tuesday he had spoken with Estralian Prime Minister Mira Tol."
    assert [c[0] for c in contacts_in(text, publisher="Voice of America")] == [["Aldo Varen", "Mira Tol"]]
    text = "Norvanian President Aldo Varen has not spoken with Estralian Prime Minister Mira Tol since June."
    assert contacts_in(text, publisher="Voice of America") == []


def test_two_leaders_who_took_part_in_one_meeting_had_a_contact_unless_they_are_one_government():
    text = (
        "President Aldo Varen and President of the Republic of Estralia Mira Tol took part, via videoconference, in "
        "a meeting of the Supreme Council of the Union."
    )
    assert contacts_in(text) == [(["Aldo Varen", "Mira Tol"], "video_call", MONDAY)]
    text = "President Aldo Varen and Defence Minister Ivo Lind took part in a meeting of the Security Council."
    assert contacts_in(text) == []


def test_words_of_the_next_clause_end_a_long_office_and_a_noun_meeting_of_one_government_is_none():
    text = (
        "President Ivo Lind held a video conference with Managing Director of the International Lending Fund Mira "
        "Tol on the eve of her trip."
    )
    assert contacts_in(text) == [(["Ivo Lind", "Mira Tol"], "video_call", MONDAY)]
    for text in [
        "The White House convened a meeting between Lakeshire Governor Ivo Lind and Lakeshire Secretary of "
        "Transportation Per Holm.",
        "The meeting between Senator Ivo Lind and Governor Per Holm took place on Monday.",
    ]:
        assert contacts_in(text, publisher="The White House") == [], text


def test_a_contact_noun_opening_the_sentence_is_between_its_subject_and_object_and_organising_one_is_no_contact():
    text = (
        "During a telephone conversation, President Aldo Varen warmly congratulated Prime Minister Mira Tol of "
        "Estralia on her election."
    )
    assert contacts_in(text) == [(["Aldo Varen", "Mira Tol"], "phone_call", MONDAY)]
    text = (
        "President Ivo Lind met with Adviser Per Holm of Estralia. He promised to assist in organizing a meeting "
        "between Ivo Lind and Queen Mira Tol of Ostmark."
    )
    assert [c[0] for c in contacts_in(text)] == [["Ivo Lind", "Per Holm"]]
