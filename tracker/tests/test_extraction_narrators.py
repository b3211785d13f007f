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
