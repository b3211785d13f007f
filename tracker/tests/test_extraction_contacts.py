"""Contacts the language of releases states in many ways, on sentences about fictional leaders."""

from datetime import date

from tracker.extraction import Gazetteer, KnownCountry, extract
from tracker.extraction.text import boilerplate_ranges, lowered_same_offsets

MONDAY = date(2024, 3, 18)
COUNTRIES = [
    KnownCountry("Norvania", (), ("Norvanian",)),
    KnownCountry("Estralia", (), ("Estralian",)),
    KnownCountry("Ostmark", (), ("Ostmarkian",)),
    KnownCountry("Wendland", (), ("Wendish",)),
]
RELEASE = "Norvania Government"


def contacts_in(text, publisher=RELEASE, title=None, published=MONDAY):
    ex = extract(text, published=published, gazetteer=Gazetteer(countries=COUNTRIES), publisher=publisher, title=title)
    found = [(sorted(c.participants), c.kind, c.date) for c in ex.contacts if not c.planned]
    return sorted(found, key=lambda c: (c[0], c[1], c[2] or date.min))


def people_in(text):
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES))
    return {p.name for p in ex.people}


VAREN_TOL = ["Aldo Varen", "Mira Tol"]


def test_a_contact_stated_by_a_noun_phrase_is_found():
    for text, kind in [
        ("The talks between President Aldo Varen of Norvania and Prime Minister Mira Tol of Estralia were held in "
         "the capital.", "meeting"),
        ("Following talks with Prime Minister Mira Tol of Estralia, President Aldo Varen of Norvania said the "
         "border would reopen.", "meeting"),
        ("During their telephone conversation, President Aldo Varen of Norvania and Prime Minister Mira Tol of "
         "Estralia exchanged greetings.", "phone_call"),
        ("Very fruitful talks with Prime Minister of Estralia Mira Tol were held today, President Aldo Varen of "
         "Norvania said.", "meeting"),
    ]:  # fmt: skip
        assert contacts_in(text) == [(VAREN_TOL, kind, MONDAY)], text


def test_his_talks_belong_to_the_one_who_did_something_and_keep_their_own_date():
    text = (
        "President Aldo Varen of Norvania told Prime Minister Ilse Kant of Ostmark about the results of his talks "
        "with Prime Minister Mira Tol of Estralia via videoconference on March 7."
    )
    assert (VAREN_TOL, "video_call", date(2024, 3, 7)) in contacts_in(text)


def test_talks_wished_for_or_still_to_come_are_no_contact():
    assert (
        contacts_in("President Aldo Varen of Norvania is ready for talks with Prime Minister Mira Tol of Estralia.")
        == []
    )
    text = "Aldo Varen said he would comment after his phone conversation with Mira Tol scheduled for Friday."
    assert contacts_in(text) == []
    for wanting in ("is interested in", "urged", "is seeking", "wants", "is open to", "is pushing for", "demanded"):
        text = f"President Aldo Varen of Norvania {wanting} talks with Prime Minister Mira Tol of Estralia."
        assert contacts_in(text) == [], text
    for held in ("held talks", "held urgent talks", "had demanding talks"):
        text = f"President Aldo Varen of Norvania {held} with Prime Minister Mira Tol of Estralia."
        assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY)], text
    text = "The urgent talks between President Aldo Varen of Norvania and Prime Minister Mira Tol of Estralia ended."
    assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY)]


def test_a_contact_called_off_is_none_and_one_that_could_happen_is_planned():
    for text in [
        "President Aldo Varen of Norvania cancelled his meeting with Prime Minister Mira Tol of Estralia.",
        "President Aldo Varen of Norvania postponed his call with Prime Minister Mira Tol of Estralia.",
        "The meeting between President Aldo Varen of Norvania and Prime Minister Mira Tol of Estralia was called off.",
    ]:
        assert contacts_in(text) == [], text
    ex = extract(
        "President Aldo Varen of Norvania could meet Prime Minister Mira Tol of Estralia next month.",
        published=MONDAY,
        gazetteer=Gazetteer(countries=COUNTRIES),
        publisher=RELEASE,
    )
    assert [(sorted(c.participants), c.planned) for c in ex.contacts] == [(VAREN_TOL, True)]
    # "May" the month is no modal: "In May the two met" reports a meeting.
    text = "In May President Aldo Varen of Norvania met Prime Minister Mira Tol of Estralia in the capital."
    assert [c[0] for c in contacts_in(text, published=date(2024, 6, 3))] == [VAREN_TOL]


def test_a_plural_noun_names_one_contact_with_each_and_a_singular_one_a_joint_call():
    listed = "President of Estralia Mira Tol and Prime Minister of Ostmark Ilse Kant."
    several = contacts_in("President Aldo Varen of Norvania had telephone conversations with " + listed)
    assert several == [(["Aldo Varen", "Ilse Kant"], "phone_call", MONDAY), (VAREN_TOL, "phone_call", MONDAY)]
    joint = contacts_in("President Aldo Varen of Norvania had a telephone conversation with " + listed)
    assert joint == [(["Aldo Varen", "Ilse Kant", "Mira Tol"], "phone_call", MONDAY)]


def test_conversations_at_a_reception_are_meetings_one_with_each_guest():
    text = (
        "President Aldo Varen of Norvania attended the official reception of the summit. He also spoke with "
        "Prime Minister of Estralia Mira Tol and Prime Minister of Ostmark Ilse Kant."
    )
    found = contacts_in(text.replace("He also", "Aldo Varen also"))
    assert found == [(["Aldo Varen", "Ilse Kant"], "meeting", MONDAY), (VAREN_TOL, "meeting", MONDAY)]


def test_an_office_resolves_to_the_person_the_text_gives_it():
    text = (
        "President Aldo Varen of Norvania opened the session. Later the Norvanian President had a telephone "
        "conversation with Prime Minister Mira Tol of Estralia."
    )
    assert contacts_in(text) == [(VAREN_TOL, "phone_call", MONDAY)]


def test_people_who_joined_the_call_are_its_participants():
    text = (
        "President Aldo Varen of Norvania spoke today with Prime Minister Mira Tol of Estralia. "
        "Vice President Ilse Kant of Norvania joined the call."
    )
    assert contacts_in(text) == [(["Aldo Varen", "Ilse Kant", "Mira Tol"], "phone_call", MONDAY)]
    bullets = (
        "President Aldo Varen of Norvania spoke today with the leaders of the Northern Group.\n\n"
        "Joining the call were the following leaders:\n\n-   Estralian Prime Minister Mira Tol\n"
        "-   Ostmarkian President Ilse Kant\n"
    )
    assert contacts_in(bullets) == [(["Aldo Varen", "Ilse Kant", "Mira Tol"], "phone_call", MONDAY)]


def test_a_call_with_leaders_nobody_names_is_no_contact():
    assert contacts_in("President Aldo Varen of Norvania held a call with European leaders on trade.") == []


def test_domestic_meetings_are_no_contacts():
    for text in [
        "President Aldo Varen of Norvania met with Senate Majority Leader Per Holm and Speaker Ana Lind.",
        "President Aldo Varen of Norvania had a working meeting with Governor Per Holm.",
        "President Aldo Varen, Vice President Ilse Kant and Secretary Per Holm met in the palace with a group "
        "of members of parliament.",
    ]:
        assert contacts_in(text) == [], text


def test_welcomed_and_received_in_other_senses_are_no_contacts():
    assert contacts_in("President Aldo Varen and Prime Minister Mira Tol welcomed the progress of the work.") == []
    text = "President Aldo Varen of Norvania welcomed the decision of Prime Minister Mira Tol of Estralia."
    assert contacts_in(text) == []


def test_a_date_in_a_clause_about_another_event_is_not_the_contacts():
    text = "President Aldo Varen of Norvania spoke with President Mira Tol of Estralia, who was elected Sunday."
    assert contacts_in(text) == [(VAREN_TOL, "phone_call", MONDAY)]


def test_progressive_and_other_verb_forms_are_contacts():
    for text, kind in [
        ("President Aldo Varen of Norvania is meeting with Prime Minister Mira Tol of Estralia at this hour.",
         "meeting"),
        ("President Aldo Varen of Norvania convened with Prime Minister Mira Tol of Estralia today.", "meeting"),
        ("President Aldo Varen of Norvania held another round of telephone consultations with Prime Minister "
         "Mira Tol of Estralia.", "phone_call"),
        ("President Aldo Varen of Norvania held talks, via videoconference, with Prime Minister Mira Tol of "
         "Estralia.", "video_call"),
        ("I was glad to welcome the President of our fraternal Estralia and my friend Mira Tol in our capital.",
         "meeting"),
    ]:  # fmt: skip
        assert contacts_in(text, title="address by President Aldo Varen") == [(VAREN_TOL, kind, MONDAY)], text


def test_names_with_ranks_honorifics_and_hyphens_are_people():
    names = people_in(
        "Gen. Per Holm met Minister of Defence Ana Lind-Berg. Prime Minister Ilse May of Ostmark spoke later."
    )
    assert {"Per Holm", "Ana Lind-Berg", "Ilse May"} <= names


def test_repeated_short_lines_and_a_legal_notice_are_page_furniture():
    story = (
        "President Aldo Varen of Norvania met Prime Minister Mira Tol of Estralia on Friday in the capital. "
        "They discussed the border, the harbour and the railway that will join the two countries next year."
    )
    notice = "The Daily Wire Service\n© 2024 The Daily. All rights reserved.\n"
    text = f"Home\nWorld news\n\n{story}\n\nHome\nWorld news\n\n{notice}"
    covered = boilerplate_ranges(text, lowered_same_offsets(text))
    kept = [i for i in range(len(text)) if not any(b.start <= i < b.end for b in covered)]
    assert text.index(story) in kept and text.index("Home") not in kept
    assert text.index("The Daily Wire Service") not in kept and text.rindex("World news") not in kept


def test_a_month_without_a_day_dates_a_recalled_contact_to_the_month():
    text = (
        "President Aldo Varen of Norvania said the summit with Prime Minister Mira Tol of Estralia in the capital "
        "last June opened a dialogue."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", date(2023, 6, 1))]


def test_only_an_office_stands_between_a_verb_and_its_person():
    text = (
        "Minister Per Holm of Norvania will travel to the coast tomorrow to meet with local officials and assess "
        "the needs that President Aldo Varen has named."
    )
    assert contacts_in(text) == []


def test_extraction_decides_a_meeting_held_by_videoconference_is_a_video_call_and_keeps_the_reported_word():
    text = (
        "The talks between President Aldo Varen of Norvania and Prime Minister Mira Tol of Estralia were held via "
        "videoconference."
    )
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher=RELEASE)
    [contact] = ex.contacts
    assert (contact.kind, contact.reported_kind) == ("video_call", "meeting")
    text = text.replace("via videoconference", "in the capital")
    [contact] = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher=RELEASE).contacts
    assert (contact.kind, contact.reported_kind) == ("meeting", None)


def test_a_minister_named_with_no_country_is_the_speakers_own_government():
    assert contacts_in("President Aldo Varen had a working meeting with Defence Minister Sergo Tal.") == []
    text = "Defence Minister Sergo Tal reported on the drills. I spoke recently with the Defence Minister about it."
    assert contacts_in(text, title="Address by President Aldo Varen") == []
    # A country makes the minister a counterpart; a head of government needs none.
    text = "President Aldo Varen of Norvania met with Estralian Defence Minister Ilse Kant."
    assert contacts_in(text) == [(["Aldo Varen", "Ilse Kant"], "meeting", MONDAY)]
    assert contacts_in("President Aldo Varen met with Prime Minister Ilse Kant.") == [
        (["Aldo Varen", "Ilse Kant"], "meeting", MONDAY)
    ]


def test_a_meeting_that_is_an_opportunity_is_not_one_that_took_place():
    text = (
        "They noted that the meeting between President Aldo Varen of Norvania and Prime Minister Mira Tol of "
        "Estralia is an opportunity to highlight the alliance."
    )
    assert contacts_in(text) == []
    text = (
        "The talks between President Aldo Varen of Norvania and Prime Minister Mira Tol of Estralia are taking "
        "place in the capital."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY)]


def test_an_opportunity_to_speak_about_bilateral_matters_is_no_recalled_meeting():
    text = (
        "President Aldo Varen of Norvania held talks with Prime Minister Mira Tol of Estralia.\n\n"
        "President of Norvania Aldo Varen: Colleagues, we also have an opportunity to speak about bilateral "
        "matters. We have also been promised further discussions on trade."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY)]


def test_a_conference_call_is_a_call_and_a_title_joined_by_and_keeps_the_list_whole():
    text = (
        "President Ilse Kant of Ostmark hosted a secure conference call today with President Aldo Varen of "
        "Norvania and Prime Minister Mira Tol of Estralia."
    )
    assert contacts_in(text) == [(["Aldo Varen", "Ilse Kant", "Mira Tol"], "phone_call", MONDAY)]
    text = (
        "President Ilse Kant of Ostmark briefly met today with President Aldo Varen of Norvania, Prime Minister "
        "Mira Tol of Estralia, and Deputy Prime Minister and Defence Minister Per\nHolm of Wendland."
    )
    assert contacts_in(text) == [(["Aldo Varen", "Ilse Kant", "Mira Tol", "Per Holm"], "meeting", MONDAY)]


def test_taking_part_in_a_video_summit_is_a_call_with_those_the_attendance_list_names():
    text = (
        "President Aldo Varen took part in the Northern Rim summit, held via videoconference.\n\n"
        "Taking part in the summit were Prime Minister of Estralia Mira Tol; President of Ostmark Ilse Kant; and "
        "Chancellor of Wendland Per Holm."
    )
    everyone = ["Aldo Varen", "Ilse Kant", "Mira Tol", "Per Holm"]
    assert contacts_in(text) == [(everyone, "video_call", MONDAY)]
    text = (
        "President Aldo Varen took part in the Northern Rim summit, held via videoconference.\n\n"
        "Prime Minister of Estralia Mira Tol, President of Ostmark Ilse Kant and Chancellor of Wendland Per Holm "
        "are also taking part in the meeting."
    )
    assert contacts_in(text) == [(everyone, "video_call", MONDAY)]
    # Nobody listed: no contact.
    assert contacts_in("President Aldo Varen took part in the Northern Rim summit, held via videoconference.") == []


def test_a_name_after_an_organisations_long_name_and_acronym_is_a_person():
    text = (
        "During the meeting with President of the Northern Bank for Reconstruction and Trade (NBRT) Ilse Kant, "
        "President Aldo Varen of Norvania discussed further cooperation."
    )
    assert "Ilse Kant" in people_in(text)
    assert contacts_in(text) == [(["Aldo Varen", "Ilse Kant"], "meeting", MONDAY)]


def test_a_contact_a_few_weeks_ago_is_dated_approximately():
    text = "A few weeks ago, President Aldo Varen of Norvania spoke by phone with Prime Minister Mira Tol of Estralia."
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=COUNTRIES), publisher="Norvania Times")
    assert [(c.date, c.precision) for c in ex.contacts] == [(date(2024, 2, 26), "approximate")]


def test_an_official_the_sentence_ties_to_another_country_or_organisation_is_a_counterpart():
    for text in [
        "National Security Advisor Per Holm met today with Estralian Party Politburo Member and Director of the "
        "Office of the Foreign Affairs Commission Ilse Kant in the capital.",
        "Per Holm held an introductory call with Director Ilse Kant, his new counterpart at the Republic of "
        "Estralia National Security Office.",
        "Per Holm spoke with NBRT Director General Mrs. Ilse Kant.",
    ]:
        assert [c[0] for c in contacts_in(text, publisher="The White House")] == [["Ilse Kant", "Per Holm"]], text
    for text in [
        "Per Holm held an introductory call with Deputy Minister Ilse Kant, his new counterpart at the National "
        "Security Office.",
        "Per Holm spoke with Director General Mrs. Ilse Kant.",
    ]:
        assert contacts_in(text, publisher="The White House") == [], text


def test_spoke_separately_with_two_people_is_two_calls():
    text = (
        "Vice President Ilse Kant spoke separately today with King Aldo Varen and Crown Prince and Prime Minister "
        "Per Varen of Norvania."
    )
    assert contacts_in(text, publisher="The White House") == [
        (["Aldo Varen", "Ilse Kant"], "phone_call", MONDAY),
        (["Ilse Kant", "Per Varen"], "phone_call", MONDAY),
    ]


def test_a_body_with_its_acronym_is_no_person_and_and_joins_only_offices():
    text = (
        "Vice President Ilse Kant today spoke to Prime Minister Mira Tol of Estralia, Chair of the Northern "
        "Community (NORCOM), and thanked her for her partnership."
    )
    assert contacts_in(text, publisher="The White House") == [(["Ilse Kant", "Mira Tol"], "phone_call", MONDAY)]
    text = (
        "Per Holm, Deputy Head of the Office, Executive Secretary of the Presidium of the Congress of Local and "
        "Regional Councils Ilse Kant, spoke about the task."
    )
    assert contacts_in(text, publisher="The White House") == []


def test_the_recent_call_between_two_leaders_is_recalled_not_dated_by_the_release():
    text = (
        "Mr. Holm discussed the situation, following the recent phone call between President Aldo Varen of "
        "Norvania and Prime Minister and Crown Prince Mira Tol of Estralia."
    )
    assert contacts_in(text, publisher="The White House") == [(VAREN_TOL, "phone_call", None)]


def test_a_list_that_goes_on_past_the_people_found_proposes_no_partial_contact():
    text = (
        "Per Holm held a video conference with Adviser to the President of Norvania Aldo Varen, Adviser to the "
        "Prime Minister of Estralia for matters of trade and energy of the north Mira Tol, other representatives."
    )
    assert contacts_in(text, publisher="The White House") == []
    # The adviser's topic after "on" is read: the list is whole.
    text = text.replace("for matters of trade and energy of the north", "on relations with Ostmark and Wendland")
    assert contacts_in(text, publisher="The White House") == [
        (["Aldo Varen", "Mira Tol", "Per Holm"], "video_call", MONDAY)
    ]
    # An apposition after the last person is no further item.
    text = "President Ilse Kant spoke with Aldo Varen, President of Norvania, about trade."
    assert contacts_in(text, publisher="The White House") == [(["Aldo Varen", "Ilse Kant"], "phone_call", MONDAY)]


def test_a_list_with_a_person_the_finder_skipped_before_or_after_proposes_no_partial_contact():
    skipped_first = (
        "Per Holm met with Estralian Leader of the Opposition Mira Tol, Minister of Defence Ilse Kant and Chief of "
        "Defence Aldo Varen."
    )
    members_after = (
        "Per Holm met with Minister of Defence Ilse Kant of Estralia, Chief of Defence Aldo Varen, and War Cabinet "
        "members Karl Brin and Otto Lend to discuss the situation."
    )
    for text in (skipped_first, members_after):
        assert contacts_in(text, publisher="The White House") == [], text
    whole = "Per Holm met with Estralian Minister of Defence Ilse Kant and Chief of Defence Aldo Varen."
    assert contacts_in(whole, publisher="The White House") == [
        (["Aldo Varen", "Ilse Kant", "Per Holm"], "meeting", MONDAY)
    ]


def test_leaders_in_the_plural_are_nobodys_name():
    assert "Leaders" not in people_in("President Ilse Kant met virtually with R7 Leaders to discuss the war.")


def test_an_office_with_and_in_its_words_keeps_a_list_of_objects_whole():
    text = (
        "National Security Advisor Per Holm met on March 13 with Estralian Diplomatic Counselor to the President "
        "Ilse Kant, Ostmarkian Chancellery Foreign and Security Policy Advisor Karl Brin, Wendish National Security "
        "Advisor Otto Lend, and Head of the Office of the President of Norvania Aldo Varen."
    )
    everyone = ["Aldo Varen", "Ilse Kant", "Karl Brin", "Otto Lend", "Per Holm"]
    assert contacts_in(text, publisher="The White House") == [(everyone, "meeting", date(2024, 3, 13))]


def test_a_relative_clause_between_subject_and_verb_keeps_the_subject_and_not_its_date():
    for text in [
        "President Aldo Varen of Norvania, who arrived Tuesday, met Prime Minister Mira Tol of Estralia.",
        "President Aldo Varen of Norvania, who was elected on March 3, today met with Prime Minister Mira Tol of "
        "Estralia.",
    ]:
        assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY)], text


def test_a_visit_after_a_determiner_and_modifiers_is_a_noun_not_the_verb():
    text = "Prime Minister Mira Tol of Estralia, who is on a three-day visit, held talks with President Aldo Varen."
    assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY)]


def test_video_consultations_are_a_video_call():
    text = "President Aldo Varen of Norvania held video consultations with Prime Minister Mira Tol of Estralia."
    assert contacts_in(text) == [(VAREN_TOL, "video_call", MONDAY)]


def test_a_list_of_three_before_the_verb_of_its_own_clause_stays_whole():
    text = (
        "A tripartite meeting between President of Norvania Aldo Varen, Federal Chancellor of Estralia Mira Tol "
        "and President of Ostmark Ivo Lind took place in the capital."
    )
    assert contacts_in(text) == [(["Aldo Varen", "Ivo Lind", "Mira Tol"], "meeting", MONDAY)]


def test_a_lowercase_office_after_a_possessive_names_the_object():
    for text in [
        "President Aldo Varen of Norvania met the country's prime minister Mira Tol of Estralia on Monday.",
        "President Aldo Varen of Norvania met Estralia's foreign minister, Mira Tol, on Monday.",
        "President Aldo Varen of Norvania spoke by phone with the Estralian prime minister, Mira Tol.",
    ]:
        assert [c[0] for c in contacts_in(text)] == [VAREN_TOL], text
