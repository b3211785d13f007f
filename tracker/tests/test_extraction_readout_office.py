"""A prime minister's office readout names its own leader by office alone ("The Prime Minister spoke
to President X"), also after a preamble or in a later paragraph; a publisher on a government domain
publishes releases."""

from tracker.tests.test_extraction_contacts import MONDAY, contacts_in

OFFICE = "Prime Minister of Norvania"


def test_the_office_opening_a_later_sentence_of_a_release_is_the_publishers_leader():
    text = (
        "A Government spokesperson said:\n\nThe Prime Minister spoke to Estralian President Aldo Varen this evening."
        "\n\nThey agreed to stay in close touch."
    )
    assert contacts_in(text, publisher=OFFICE) == [(["Aldo Varen"], "phone_call", MONDAY)]
    text = (
        "The Prime Minister spoke to Estralian President Aldo Varen this evening.\n\n"
        "The Prime Minister also spoke to Prime Minister Mira Tolsk of Ostmark this afternoon."
    )
    assert contacts_in(text, publisher=OFFICE) == [
        (["Aldo Varen"], "phone_call", MONDAY),
        (["Mira Tolsk"], "phone_call", MONDAY),
    ]
    # A news item's "the President" past its first sentence is whoever it named before: no contact.
    text = "Ivo Brant spoke to reporters. The President spoke to Estralian President Aldo Varen this evening."
    assert contacts_in(text, publisher="Norvania News Agency") == []


def test_a_publisher_on_a_government_domain_publishes_releases():
    text = "Readout.\n\nThe Prime Minister spoke to Estralian President Aldo Varen this evening."
    assert contacts_in(text, publisher="GOV.NV") == [(["Aldo Varen"], "phone_call", MONDAY)]


def test_a_patriarch_tied_to_no_country_is_no_counterpart_of_the_leader_named_by_office():
    text = "Name day greetings.\n\nThe President called Patriarch Lev of the capital to congratulate him."
    assert contacts_in(text, publisher=OFFICE) == []
    text = "The President called Patriarch Lev to congratulate him on his name day."
    assert contacts_in(text, publisher=OFFICE) == []


def test_calling_the_head_a_title_names_is_a_call_with_them():
    for text in [
        "The Prime Minister called the Estralian President Aldo Varen this morning to discuss the floods.",
        "The Prime Minister called the President of Estralia, Aldo Varen, this morning.",
        "The Prime Minister phoned the Estralian President Aldo Varen this morning.",
    ]:
        assert contacts_in(text, publisher=OFFICE) == [(["Aldo Varen"], "phone_call", MONDAY)], text
    text = "Norvanian Prime Minister Ivo Brant called the Estralian President Aldo Varen on Monday."
    assert contacts_in(text, publisher="Norvania News Agency") == [(["Aldo Varen", "Ivo Brant"], "phone_call", MONDAY)]
    for text in [
        "Norvanian Prime Minister Ivo Brant called the shots as Estralian President Aldo Varen watched.",
        "Norvanian Prime Minister Ivo Brant called the Estralian President Aldo Varen's plan reckless.",
    ]:
        assert contacts_in(text, publisher="Norvania News Agency") == [], text


def test_a_counterpart_calling_the_office_of_a_release_is_a_call_with_the_publishers_leader():
    for text in [
        "President Aldo Varen of Estralia called the Prime Minister earlier today to offer his condolences.",
        "A spokesperson said:\n\nEstralian President Aldo Varen phoned the Prime Minister this morning.",
    ]:
        assert contacts_in(text, publisher=OFFICE) == [(["Aldo Varen"], "phone_call", MONDAY)], text
    for text in [
        "Governor Aldo Varen called the Prime Minister this morning.",
        "Norvanian President Aldo Varen called the Prime Minister this morning.",
        "President Aldo Varen of Estralia called the Prime Minister's plan a bold one.",
        "President Aldo Varen of Estralia has not called the Prime Minister since May.",
        "President Aldo Varen of Estralia called the President of Ostmark this morning.",
    ]:
        assert contacts_in(text, publisher=OFFICE) == [], text
    text = "President Aldo Varen of Estralia called the Prime Minister earlier today."
    assert contacts_in(text, publisher="Norvania News Agency") == []
    # The summary above names both: the same call, told again.
    text = (
        "Prime Minister Ivo Brant spoke to President Aldo Varen of Estralia today.\n\n"
        "A spokesperson said:\n\nPresident Varen called the Prime Minister earlier today."
    )
    assert contacts_in(text, publisher=OFFICE) == [(["Aldo Varen", "Ivo Brant"], "phone_call", MONDAY)]
