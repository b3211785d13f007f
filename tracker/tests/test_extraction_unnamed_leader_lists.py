"""A release's own leader, named by office alone, with several counterparts or as half of a pair
subject, on sentences about fictional leaders."""

from tracker.tests.test_extraction_contacts import MONDAY, contacts_in

VAREN, TOL = "President Aldo Varen of Estralia", "Prime Minister Mira Tol of Ostmark"


def test_the_unnamed_leader_speaking_with_two_counterparts_is_one_call_with_both():
    for verb in ("spoke to", "spoke with"):
        text = f"The Prime Minister {verb} {VAREN} and {TOL} today."
        assert contacts_in(text) == [(["Aldo Varen", "Mira Tol"], "phone_call", MONDAY)], text
    text = f"The Prime Minister spoke to {VAREN} and {TOL} in a joint call."
    assert contacts_in(text) == [(["Aldo Varen", "Mira Tol"], "phone_call", MONDAY)]


def test_the_unnamed_leader_speaking_separately_or_in_person_with_two_counterparts_is_a_contact_with_each():
    for text, kind in [
        (f"The Prime Minister spoke separately with {VAREN} and {TOL} this morning.", "phone_call"),
        (f"The Prime Minister held separate calls with {VAREN} and {TOL}.", "phone_call"),
        (f"At the reception, the Prime Minister spoke with {VAREN} and {TOL}.", "meeting"),
    ]:  # fmt: skip
        assert contacts_in(text) == [(["Aldo Varen"], kind, MONDAY), (["Mira Tol"], kind, MONDAY)], text


def test_the_unnamed_leader_and_a_counterpart_as_the_subject_of_spoke_or_met_is_their_contact():
    for text, kind in [
        (f"The Prime Minister and {VAREN} spoke this morning.", "phone_call"),
        (f"The Prime Minister and {VAREN} spoke by phone today.", "phone_call"),
        (f"The Prime Minister and {VAREN} met in the capital today.", "meeting"),
        (f"Today, the Prime Minister and {VAREN} held talks.", "meeting"),
    ]:  # fmt: skip
        assert contacts_in(text) == [(["Aldo Varen"], kind, MONDAY)], text


def test_the_unnamed_leader_and_someone_of_his_own_side_or_a_negated_verb_is_no_contact():
    for text in [
        "The Prime Minister and Governor Ivo Lind spoke this morning.",
        "The President and Defence Minister Ivo Lind met today.",
        f"The Prime Minister and {VAREN} did not speak today.",
    ]:
        assert contacts_in(text) == [], text
    # A news article's "the Prime Minister" is nobody the publisher stands for.
    assert contacts_in(f"The Prime Minister and {VAREN} spoke this morning.", publisher="Daily Courier") == []


def test_he_after_a_sentence_opened_by_the_unnamed_leader_is_that_leader_not_the_person_he_met():
    text = f"The Prime Minister met {VAREN} this morning. He also spoke with {TOL}."
    assert contacts_in(text) == [(["Aldo Varen"], "meeting", MONDAY), (["Mira Tol"], "phone_call", MONDAY)]


def test_people_met_after_a_sentence_announcing_a_series_of_bilateral_meetings_are_met_one_by_one():
    people = f"{VAREN}, {TOL} and Chancellor Ilse Kant of Wendland"
    lead = "held a series of bilateral meetings on the margins of the summit."
    assert contacts_in(f"President Ivo Lind of Norvania {lead} He met {people}.") == [
        (["Aldo Varen", "Ivo Lind"], "meeting", MONDAY),
        (["Ilse Kant", "Ivo Lind"], "meeting", MONDAY),
        (["Ivo Lind", "Mira Tol"], "meeting", MONDAY),
    ]
    assert contacts_in(f"The Prime Minister {lead} He met {people}.") == [
        (["Aldo Varen"], "meeting", MONDAY),
        (["Ilse Kant"], "meeting", MONDAY),
        (["Mira Tol"], "meeting", MONDAY),
    ]
    # Met together, they were one meeting whatever came before.
    text = f"President Ivo Lind of Norvania {lead} He met {VAREN} and {TOL} together."
    assert contacts_in(text) == [(["Aldo Varen", "Ivo Lind", "Mira Tol"], "meeting", MONDAY)]
