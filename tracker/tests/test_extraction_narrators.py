"""Contacts told by their own participants: the narrator of an address ("I spoke with …") and the
speakers of a transcript ("we", "you and I"), on sentences about fictional leaders."""

from datetime import date

from tracker.tests.test_extraction_contacts import MONDAY, VAREN_TOL, contacts_in


def test_the_narrator_of_an_address_spoke_with_each_of_those_he_lists():
    text = (
        "Today I spoke with the President of Estralia, Mr. Tol, Prime Minister of Ostmark Ilse Kant and Chancellor "
        "of Wendland Per Holm."
    )
    found = contacts_in(text, title="We will hold - address by President Aldo Varen")
    assert found == [
        (["Aldo Varen", "Ilse Kant"], "phone_call", MONDAY),
        (["Aldo Varen", "Per Holm"], "phone_call", MONDAY),
        (["Aldo Varen", "Tol"], "phone_call", MONDAY),
    ]


def test_a_transcript_speaker_caption_is_the_subject_of_its_first_person_words():
    text = (
        "President of Norvania Aldo Varen: Madam Prime Minister, colleagues, it is a pleasure to receive "
        "Prime Minister Mira Tol of Estralia in our capital. Prime Minister of Estralia Mira Tol Tol "
        "MiraPrime Minister of Estralia (retranslated): Thank you."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY)]


def test_we_in_a_transcript_of_talks_are_the_speaker_and_the_one_addressed():
    text = (
        "President Aldo Varen of Norvania held talks with Prime Minister Mira Tol of Estralia.\n\n"
        "Beginning of the talks President of Norvania Aldo Varen: Dear friend, I am glad to see you. "
        "We first met ten years ago. In June, we held a videoconference on the treaty. "
        "We had a candid conversation today."
    )
    assert contacts_in(text) == [
        (VAREN_TOL, "meeting", None),
        (VAREN_TOL, "meeting", MONDAY),
        (VAREN_TOL, "video_call", date(2023, 6, 1)),
    ]


def test_what_a_transcript_speaker_did_with_the_other_side_via_videoconference_is_a_recalled_video_call():
    text = (
        "President Aldo Varen of Norvania held talks with Prime Minister Mira Tol of Estralia.\n\n"
        "President of Norvania Aldo Varen: Madam Prime Minister, in January we launched, via videoconference, the "
        "construction of a new bridge. We also had telephone conversations about the harbour."
    )
    assert contacts_in(text) == [
        (VAREN_TOL, "meeting", MONDAY),
        (VAREN_TOL, "phone_call", None),
        (VAREN_TOL, "video_call", date(2024, 1, 1)),
    ]


def test_a_transcript_speakers_meeting_before_a_named_time_is_a_recalled_meeting():
    text = (
        "President Aldo Varen of Norvania held talks with Prime Minister Mira Tol of Estralia.\n\n"
        "President of Norvania Aldo Varen: Madam Prime Minister, we had a meeting before the New Year, and much "
        "has changed. We had a meeting before lunch as well."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", None), (VAREN_TOL, "meeting", MONDAY)]


REMARKS = "Remarks by President Varen and Prime Minister Tol of Ostmark Before Bilateral Meeting"


def test_two_leaders_speaking_in_turns_in_a_transcript_met_that_day():
    text = (
        "PRIME MINISTER TOL: Mr. President, welcome. It is a great pleasure to have you here.\n\n"
        "PRESIDENT VAREN: Mr. Prime Minister, thank you for hosting me.\n\nPRIME MINISTER TOL: Thank you."
    )
    assert contacts_in(text, title=REMARKS) == [(["Tol", "Varen"], "meeting", MONDAY)]
    text = (
        "President of Norvania Aldo Varen: Mr President, I want to cordially welcome you to our capital.\n\n"
        "President of Ostmark Mira Tol: Thank you, Mr President."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY)]
    remote = "The talks were held via videoconference.\n\n" + text
    assert contacts_in(remote) == [(VAREN_TOL, "video_call", MONDAY)]


def test_a_transcript_of_one_leader_or_of_leaders_of_one_state_shows_no_contact():
    text = "PRESIDENT VAREN: Good afternoon.\n\nQ: Thank you, Mr. President.\n\nPRESIDENT VAREN: Next question."
    assert contacts_in(text, title="Remarks by President Varen in a Press Conference") == []
    text = (
        "President of Norvania Aldo Varen: Mr Prime Minister, good afternoon.\n\n"
        "Prime Minister of Norvania Per Holm: Good afternoon, Mr President."
    )
    assert contacts_in(text) == []


def test_what_the_speaker_says_you_did_with_him_is_a_recalled_contact_with_the_other_leader():
    text = (
        "PRESIDENT VAREN: Mr. Prime Minister, thank you for hosting me. When you visited Norvania in June, we "
        "spoke about the harbour.\n\nPRIME MINISTER TOL: Thank you."
    )
    assert contacts_in(text, title=REMARKS) == [
        (["Tol", "Varen"], "meeting", date(2023, 6, 1)),
        (["Tol", "Varen"], "meeting", MONDAY),
    ]
    text = (
        "President of Norvania Aldo Varen: Mr President, friends, I am glad to welcome you. When you, Mr President, "
        "visited our capital in May, we agreed to meet again. It was important how you received him here.\n\n"
        "President of Ostmark Mira Tol: Thank you."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", date(2023, 5, 1)), (VAREN_TOL, "meeting", MONDAY)]
    # What "we" did in talks only a transcript shows is as often the speaker's state's doing.
    text = (
        "President of Norvania Aldo Varen: Mr President, welcome. We regularly meet with the heads of Ostmark "
        "companies.\n\nPresident of Ostmark Mira Tol: Thank you."
    )
    assert contacts_in(text) == [(VAREN_TOL, "meeting", MONDAY)]
