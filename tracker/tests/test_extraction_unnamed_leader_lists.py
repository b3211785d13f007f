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
