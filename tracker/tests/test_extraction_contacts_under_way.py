"""Contacts a release reports as they begin or as a clause of greetings, and calls with people the
release names without an office, on sentences about fictional leaders."""

from tracker.tests.test_extraction_contacts import MONDAY, contacts_in

LIND = "President of Norvania Ivo Lind"
VAREN = "President of the Republic of Estralia Aldo Varen"
TOL = "Prime Minister of Ostmark Mira Tol"


def test_a_meeting_begun_or_started_with_a_counterpart_is_a_meeting_that_day():
    for text in [
        f"{LIND} began a meeting with {VAREN}, who is on an official visit to our country.",
        f"{LIND} started a meeting with {VAREN} who is on a working visit to Norvania.",
    ]:
        assert contacts_in(text) == [(["Aldo Varen", "Ivo Lind"], "meeting", MONDAY)], text


def test_the_meeting_of_two_leaders_that_began_or_took_place_is_their_meeting():
    for text in [
        f"The meeting of {LIND} and {VAREN}, who is on a working visit to our country, has begun.",
        f"The meeting of {LIND} and {VAREN} began in Estralia on the territory of the Residence.",
        f"The talks of {LIND} and {VAREN} took place in the capital.",
    ]:
        assert contacts_in(text) == [(["Aldo Varen", "Ivo Lind"], "meeting", MONDAY)], text
    for text in [
        f"The meeting of {LIND} and {VAREN} is an opportunity to reset relations.",
        f"The meeting of {LIND} and {VAREN} will take place on Friday.",
    ]:
        assert contacts_in(text) == [], text


def test_leaders_holding_a_meeting_now_are_meeting_but_we_holding_talks_with_bodies_is_no_contact():
    text = f"{LIND}, {VAREN} and {TOL} are holding a trilateral meeting at the State Residence."
    assert contacts_in(text) == [(["Aldo Varen", "Ivo Lind", "Mira Tol"], "meeting", MONDAY)]
    text = f"{LIND} is holding talks with {VAREN} in the capital."
    assert contacts_in(text) == [(["Aldo Varen", "Ivo Lind"], "meeting", MONDAY)]
    text = f"{LIND} said: we are holding talks with {VAREN} and the leaders of other countries."
    assert [c for c in contacts_in(text) if c[1] == "meeting"] == []


def test_greetings_offered_during_the_telephone_conversation_name_its_two_sides():
    for text, kind in [
        (f"During the telephone conversation, {LIND} offered his heartfelt congratulations to {VAREN} on his "
         "60th birthday.", "phone_call"),
        (f"During the meeting, {LIND} expressed condolences to {VAREN}.", "meeting"),
    ]:  # fmt: skip
        assert contacts_in(text) == [(["Aldo Varen", "Ivo Lind"], kind, MONDAY)], text


def test_a_release_phone_conversation_with_someone_named_without_office_is_a_call():
    assert contacts_in(f"{LIND} had a phone conversation with Aldo Varen.") == [
        (["Aldo Varen", "Ivo Lind"], "phone_call", MONDAY)
    ]
    # Met in person, or talked with no medium said, an untitled person may be one of his citizens.
    assert contacts_in(f"{LIND} met Aldo Varen.") == []
    assert contacts_in(f"{LIND} had a conversation with Aldo Varen.") == []
    assert contacts_in(f"{LIND} held a meeting with Aldo Varen via videoconference.") == []


def test_an_office_of_a_two_word_place_before_a_longer_office_does_not_hide_the_person_named():
    text = (
        f"{LIND} had a phone conversation with the Crown Prince of Abu Varo, Deputy Supreme Commander-in-Chief of "
        "the Estralian Armed Forces Sheikh Aldo bin Varen Al Tol."
    )
    assert contacts_in(text) == [(["Aldo bin Varen Al Tol", "Ivo Lind"], "phone_call", MONDAY)]


def test_two_leaders_doing_something_together_during_the_conversation_are_its_sides():
    for text in [
        "During the telephone conversation, President Ivo Lind of Norvania and President Aldo Varen of Estralia "
        "discussed the recent events in Ostmark.",
        "During a telephone conversation held at the initiative of the Estralian side, President Ivo Lind of "
        "Norvania and President Aldo Varen of Estralia had a frank exchange of views.",
        "During the conversation, President Ivo Lind of Norvania and President Aldo Varen of Estralia exchanged "
        "warm New Year's greetings.",
        # Modifiers of the noun, and who asked for the call.
        "During a lengthy telephone conversation initiated by the President of Estralia, President Ivo Lind of "
        "Norvania and President Aldo Varen of Estralia had a serious exchange of views.",
    ]:
        assert contacts_in(text) == [(["Aldo Varen", "Ivo Lind"], "phone_call", MONDAY)], text
    text = "During the meeting, President Ivo Lind of Norvania and Defence Minister Per Holm discussed the budget."
    assert contacts_in(text) == []
