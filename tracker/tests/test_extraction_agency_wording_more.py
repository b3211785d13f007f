"""News-agency and readout wording on sentences about fictional leaders: joining a call of one's
own, conferring by phone, a repeated "with" that sets contacts apart, a participle after two
subjects, a contact told in a relative clause after a quotation, "a day after his call with X"
(no gap claim without a contact that came after), a speaker's own "my/our" contacts, "X agreed."
as speech, a joint news conference with someone as a meeting, and a quoted post's "Good call with
X today" or "Just spoke with X" as its writer's contact."""

from datetime import date

from tracker.extraction import Gazetteer, KnownPerson, extract
from tracker.extraction.items import KnownOffice
from tracker.tests.test_extraction_contacts import COUNTRIES

MONDAY = date(2024, 5, 6)
SUNDAY = date(2024, 5, 5)
FRIDAY = date(2024, 5, 3)


def _person(key, name, country, office):
    return KnownPerson(key, name, (), country, (KnownOffice(office, country, date(2020, 1, 1), None),))


PEOPLE = [
    _person("ivo-lind", "Ivo Lind", "Estralia", "President"),
    _person("mira-tol", "Mira Tol", "Norvania", "Prime Minister"),
    _person("karl-brun", "Karl Brun", "Ostmark", "Chancellor"),
    _person("ana-veld", "Ana Veld", "Wendland", "Prime Minister"),
]


def run(text, publisher="Norvania News Agency", title=None, people=()):
    gazetteer = Gazetteer(countries=COUNTRIES, people=[*PEOPLE, *people])
    return extract(text, published=MONDAY, gazetteer=gazetteer, publisher=publisher, title=title)


def contacts(ex):
    return sorted((sorted(c.participant_keys), c.kind, c.date, c.planned) for c in ex.contacts)


def test_joining_a_call_with_named_leaders_is_a_call_of_all_of_them():
    ex = run("The Prime Minister joined a video call with Chancellor Brun and Prime Minister Veld on Friday.",
             publisher="Prime Minister of Norvania")  # fmt: skip
    assert contacts(ex) == [(["ana-veld", "karl-brun", "mira-tol"], "video_call", FRIDAY, False)]
    ex = run("Lind joined a phone call with Chancellor Karl Brun on Friday.")
    assert contacts(ex) == [(["ivo-lind", "karl-brun"], "phone_call", FRIDAY, False)]
    # Joining "the call" adds someone to a call already told, which this text does not tell.
    assert contacts(run("Tol joined the call.")) == []


def test_conferring_by_phone_is_a_call_and_conferring_of_no_medium_is_left_alone():
    assert contacts(run("Lind also conferred by phone with Chancellor Karl Brun on Friday.")) == [
        (["ivo-lind", "karl-brun"], "phone_call", FRIDAY, False)
    ]
    assert contacts(run("Lind conferred with Chancellor Karl Brun on Friday.")) == []


def test_a_repeated_with_sets_each_counterpart_apart():
    assert contacts(run("Tol spoke by telephone Friday with Lind and with Brun.")) == [
        (["ivo-lind", "mira-tol"], "phone_call", FRIDAY, False),
        (["karl-brun", "mira-tol"], "phone_call", FRIDAY, False),
    ]
    assert contacts(run("Tol spoke by telephone Friday with Lind and Brun.")) == [
        (["ivo-lind", "karl-brun", "mira-tol"], "phone_call", FRIDAY, False)
    ]


def test_a_participle_after_two_subjects_is_their_meeting():
    assert contacts(run("Tol and Lind, meeting in Lorvik on Friday, pledged to double trade.")) == [
        (["ivo-lind", "mira-tol"], "meeting", FRIDAY, False)
    ]
    assert contacts(run("The ministers, meeting in Lorvik on Friday, pledged to double trade.")) == []


def test_a_contact_in_a_relative_clause_after_a_quotation_is_dated_by_its_own_words_not_the_quotation_s():
    ex = run('"We will not give up," said Veld, who spoke to Lind on Sunday.')
    assert contacts(ex) == [(["ana-veld", "ivo-lind"], "phone_call", SUNDAY, False)]
    # The statement was made when the article says, not on the day of the call the clause tells.
    assert [(s.speaker_key, s.date) for s in ex.statements] == [("ana-veld", MONDAY)]


def test_his_call_a_day_before_is_his_contact_and_no_gap_claim_without_a_contact_after_it():
    ex = run("Lind spoke to reporters a day after his call with Tol.")
    assert [sorted(c.participant_keys) for c in ex.contacts] == [["ivo-lind", "mira-tol"]]
    assert ex.gap_claims == []
    ex = run("Lind met Tol on Monday, two weeks after their last call.")
    assert [(g.comparison, g.duration_days, g.ends) for g in ex.gap_claims] == [("exactly", 14, MONDAY)]


def test_a_speaker_s_own_conversations_with_two_leaders_are_two_contacts_of_no_day():
    ex = run("I learned from my conversations with President Lind and Chancellor Brun that they want talks.",
             publisher="Prime Minister of Norvania")  # fmt: skip
    assert contacts(ex) == [
        (["ivo-lind", "mira-tol"], "phone_call", None, False),
        (["karl-brun", "mira-tol"], "phone_call", None, False),
    ]


def test_a_speaker_s_own_talks_in_a_release_that_reports_them_are_those_talks():
    ex = run(
        "Prime Minister Mira Tol held talks with President Ivo Lind in Lorvik today.\n\n"
        "Prime Minister Mira Tol: Trade was among the central topics in our talks with the President of Estralia.",
        publisher="Prime Minister of Norvania",
    )
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "meeting", MONDAY, False)]


def test_a_speaker_s_meeting_tomorrow_is_still_to_come():
    ex = run(
        "Prime Minister Mira Tol: Much depends on the outcome of my meeting with President Lind tomorrow.",
        publisher="Prime Minister of Norvania",
    )
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "meeting", date(2024, 5, 7), True)]


def test_he_said_after_someone_agreed_is_the_one_who_agreed():
    ex = run('"There is no alternative to dialogue," Tol said. Lind agreed. "We must keep talking," he said.')
    assert [(s.speaker_key, s.quote) for s in ex.statements] == [
        ("mira-tol", "There is no alternative to dialogue,"),
        ("ivo-lind", "We must keep talking,"),
    ]
    # "agreed to" something is no speech: "he said" still means the last one who spoke.
    ex = run('"There is no alternative," Tol said. Lind agreed to a truce. "We must keep talking," he said.')
    assert [s.speaker_key for s in ex.statements] == ["mira-tol", "mira-tol"]


def test_a_joint_news_conference_with_a_leader_is_a_meeting_with_them_unless_still_to_come():
    ex = run('"This is a historic day for both our countries," Tol told a joint news conference with Lind.')
    assert [(sorted(c.participant_keys), c.kind, c.planned) for c in ex.contacts] == [
        (["ivo-lind", "mira-tol"], "meeting", False)
    ]
    assert [c.planned for c in run("Tol will hold a joint news conference with Lind on Friday.").contacts] == [True]
    assert run("Tol wants a joint news conference with Lind.").contacts == []


def test_a_quoted_post_that_opens_with_a_contact_is_its_writer_s_contact():
    ex = run('Tol said in a post on Sunday: "Good call with President Lind today. We discussed energy."')
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "phone_call", SUNDAY, False)]
    ex = run('"Productive meeting with Chancellor Brun this morning," Lind posted.')
    assert contacts(ex) == [(["ivo-lind", "karl-brun"], "meeting", MONDAY, False)]
    ex = run('"Just spoke with President Lind about the border," Tol wrote on social media on Sunday.')
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "phone_call", SUNDAY, False)]
    ex = run('"Spoke with Brun yesterday. Good news for the border," Lind wrote.')
    assert contacts(ex) == [(["ivo-lind", "karl-brun"], "phone_call", SUNDAY, False)]
    # What talks will do, and a sentence whose subject is someone else, are no contact of the writer.
    assert run('"Talks with Brun will continue," Lind said.').contacts == []
    assert run('"Brun spoke with the ministers," Lind said.').contacts == []


def test_they_after_a_contact_are_its_pair_when_the_words_give_another_time():
    ex = run("Lind met Tol in Lorvik on Monday. They spoke by phone again on Friday.")
    assert contacts(ex) == [
        (["ivo-lind", "mira-tol"], "meeting", MONDAY, False),
        (["ivo-lind", "mira-tol"], "phone_call", FRIDAY, False),
    ]
    ex = run("Lind met Tol in Lorvik on Monday. The two leaders also held a phone call on Friday.")
    assert (["ivo-lind", "mira-tol"], "phone_call", FRIDAY, False) in contacts(ex)
    for text in [
        "Lind met Tol in Lorvik on Monday. They talked for two hours.",  # the meeting's talk
        "Lind met Tol in Lorvik on Monday. The two leaders had an in-depth discussion.",  # told again
        "Lind met Tol in Lorvik on Monday. They met with reporters afterwards.",
        "Lind met Tol in Lorvik on Monday. They did not speak by phone on Friday.",
        "Lind met Tol in Lorvik on Monday.\n\nProtesters gathered outside. They met again on Tuesday.",
    ]:
        assert contacts(run(text)) == [(["ivo-lind", "mira-tol"], "meeting", MONDAY, False)], text


def test_since_they_met_names_an_earlier_meeting_of_the_pair():
    ex = run("Tol called Lind on Monday, their first call since they met in Lorvik in June.")
    assert contacts(ex) == [
        (["ivo-lind", "mira-tol"], "meeting", date(2023, 6, 1), False),
        (["ivo-lind", "mira-tol"], "phone_call", MONDAY, False),
    ]
    assert [(g.comparison, g.anchor) for g in ex.gap_claims] == [("first_since", date(2023, 6, 1))]


def test_a_call_received_today_from_a_leader_is_a_call_with_them():
    ex = run("Prime Minister Tol received a phone call today from President Lind of Estralia.")
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "phone_call", MONDAY, False)]


def test_remarks_titled_with_an_occasion_name_their_speaker_and_his_just_ended_call():
    text = (
        "THE PRESIDENT: Hello, everybody. I just got off the phone with Prime Minister Tol.\n\n"
        "Q Mr. President, did you discuss the ceasefire?\n\nTHE PRESIDENT: We did."
    )
    ex = run(text, "Office of the President of Estralia", title="Remarks by President Lind Before Departure")
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "phone_call", MONDAY, False)]


def test_an_upper_case_speaker_label_is_the_known_person_of_that_office_and_surname():
    text = (
        "PRESIDENT LIND: Good afternoon, everyone. It's a pleasure to welcome the Prime Minister back.\n\n"
        "PRIME MINISTER TOL: Thank you, Mr. President.\n\nPRESIDENT LIND: Thank you all."
    )
    title = "Remarks by President Lind and Prime Minister Tol Before Their Meeting"
    ex = run(text, "Office of the President of Estralia", title=title)
    assert [(sorted(c.participant_keys), c.kind) for c in ex.contacts] == [(["ivo-lind", "mira-tol"], "meeting")]


def test_ending_years_of_silence_is_a_gap_claim_of_that_length_and_fighting_is_no_silence():
    ex = run("Lind called Tol on Monday, ending nearly two years of silence between the leaders.")
    assert [(g.comparison, g.duration_months, g.ends) for g in ex.gap_claims] == [("exactly", 24, MONDAY)]
    ex = run("Lind called Tol on Monday, ending two years without direct talks.")
    assert [(g.comparison, g.duration_months) for g in ex.gap_claims] == [("at_least", 24)]
    assert run("Lind called Tol on Monday, ending two years of fighting on the border.").gap_claims == []


def test_a_royal_s_long_wrapped_name_after_two_offices_of_a_kingdom_is_one_new_person():
    crown_prince = _person("omar-bin-tarek", "Omar bin Tarek", "Ostmark", "Crown Prince")
    text = (
        "Chancellor Karl Brun met with the Crown Prince and Prime Minister of the Kingdom of Wendland, "
        "His Royal Highness Tarek bin\nSaad Al Nour, at the palace today."
    )
    ex = run(text, "Ostmark Government", people=[crown_prince])
    # Not Ostmark's crown prince (the one known): the offices are Wendland's, and so is the name after them.
    assert [sorted(c.participants) for c in ex.contacts] == [["Karl Brun", "Tarek bin Saad Al Nour"]]
    assert [(p.name, p.country) for p in ex.people if p.key is None] == [("Tarek bin Saad Al Nour", "Wendland")]


def test_an_offer_to_meet_and_a_talk_with_someone_s_spokesman_are_no_held_contacts():
    ex = run("Lind said he would be happy to meet Tol if she agreed to the conditions.")
    assert [c.planned for c in ex.contacts] == [True]
    assert run("Tol spoke to Lind's spokesman on Monday.").contacts == []
    assert run("Tol met with Lind's envoy on Monday.").contacts == []
    held = [(["ivo-lind", "mira-tol"], "phone_call", MONDAY, False)]
    assert contacts(run("Tol spoke to Lind by phone on Monday.")) == held


def test_more_verbs_of_a_call_or_talks_are_contacts():
    held = {
        "Lind conducted talks with Prime Minister Mira Tol on Friday.": "meeting",
        "Lind placed a call to Tol on Friday.": "phone_call",
        "Lind rang Tol on Friday.": "phone_call",
        "Lind was on the phone with Tol on Friday.": "phone_call",
        "Lind had a chat with Tol by phone on Friday.": "phone_call",
    }
    for text, kind in held.items():
        assert contacts(run(text)) == [(["ivo-lind", "mira-tol"], kind, FRIDAY, False)], text
    assert run("Lind rang the bell on Friday to open the session with Tol present.").contacts == []


def test_the_leaders_of_a_readout_are_the_pair_it_reports():
    ex = run("The Prime Minister spoke to President Lind this evening. The leaders last spoke in March.",
             publisher="Prime Minister of Norvania")  # fmt: skip
    assert contacts(ex) == [
        (["ivo-lind", "mira-tol"], "phone_call", date(2024, 3, 1), False),
        (["ivo-lind", "mira-tol"], "phone_call", MONDAY, False),
    ]
    ex = run("Prime Minister Tol spoke to President Lind today. The leaders also spoke on Friday about the border.")
    assert (["ivo-lind", "mira-tol"], "phone_call", FRIDAY, False) in contacts(ex)
    ex = run("Prime Minister Tol spoke to President Lind this morning. The leaders discussed the border.")
    assert len(ex.contacts) == 1


def test_a_readout_titled_by_the_leader_s_call_or_meeting_reports_it_when_the_body_does_not():
    def titled(title, body="The leaders discussed the border and agreed to stay in touch."):
        return contacts(run(body, "Prime Minister of Norvania", title=title))

    call = [(["ivo-lind", "mira-tol"], "phone_call", MONDAY, False)]
    meeting = [(["ivo-lind", "mira-tol"], "meeting", MONDAY, False)]
    assert titled("PM call with President Lind of Estralia: 6 May 2024") == call
    assert titled("Prime Minister's meeting with President Lind of Estralia") == meeting
    assert titled("Prime Minister Tol speaks with President of Estralia Ivo Lind") == call
    # The leader the title names before its verb, not the publisher's own.
    assert titled("Chancellor Brun meets President Lind") == [(["ivo-lind", "karl-brun"], "meeting", MONDAY, False)]
    assert titled("PM statement on the border: 6 May 2024") == []


def test_during_a_meeting_after_the_clause_is_a_contact_of_its_subject_and_object():
    ex = run("President Ivo Lind assured Prime Minister Mira Tol of his support during a meeting in Lorvik on Friday.")
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "meeting", FRIDAY, False)]
    ex = run("Lind congratulated Tol during a phone call on Friday.")
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "phone_call", FRIDAY, False)]
    ex = run("Lind assured Tol of his support during a meeting on Friday.")  # "on Friday" dates it
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "meeting", FRIDAY, False)]
    for text in [
        "Lind assured Tol of his support during a meeting on trade.",  # its topic: whose, not said
        "Lind praised Tol during a meeting with farmers on Friday.",  # someone else's meeting
        "Lind criticised Tol during a speech in Lorvik on Friday.",  # no contact noun
    ]:
        assert run(text).contacts == [], text


def test_an_unnamed_counterpart_is_the_one_holder_of_the_same_office_in_that_country():
    sorn = _person("eva-sorn", "Eva Sorn", "Norvania", "President")
    text = "Estralian President Ivo Lind telephoned his Norvanian counterpart on Friday."
    ex = run(text, people=[sorn])
    assert contacts(ex) == [(["eva-sorn", "ivo-lind"], "phone_call", FRIDAY, False)]
    # Norvania's prime minister is no president's counterpart.
    assert run(text).contacts == []


def test_a_dated_meeting_between_two_named_people_is_theirs_not_the_sentence_s():
    sorn = _person("eva-sorn", "Eva Sorn", "Norvania", "President")
    text = (
        "Lind informed his Norvanian counterpart about the evacuation, which proceeded as agreed during "
        "the April 26 meeting between Lind and Chancellor Karl Brun."
    )
    ex = run(text, people=[sorn])
    assert (["ivo-lind", "karl-brun"], "meeting", date(2024, 4, 26), False) in contacts(ex)
    assert not any(sorted(c.participant_keys) == ["eva-sorn", "ivo-lind"] and c.date for c in ex.contacts)


def test_him_or_her_after_a_contact_verb_is_the_one_other_person_named_before():
    ex = run("Lind, who met Tol in Lorvik last month, called her again on Sunday.")
    assert (["ivo-lind", "mira-tol"], "phone_call", SUNDAY, False) in contacts(ex)
    ex = run("Lind met Tol last month. He called her again on Sunday.")
    assert (["ivo-lind", "mira-tol"], "phone_call", SUNDAY, False) in contacts(ex)
    # Two people it could be, an insult, and a possessive are no call.
    assert len(run("Lind met Tol on Monday. Brun called him on Sunday.").contacts) == 1
    assert len(run("Lind met Tol last month. He called her a liar on Sunday.").contacts) == 1
    assert len(run("Lind met Tol on Monday. He also met her husband.").contacts) == 1


def test_a_second_verb_for_the_same_two_at_another_time_is_another_contact():
    ex = run("Lind met Tol on Friday and phoned her again on Sunday.")
    assert contacts(ex) == [
        (["ivo-lind", "mira-tol"], "meeting", FRIDAY, False),
        (["ivo-lind", "mira-tol"], "phone_call", SUNDAY, False),
    ]


def test_a_week_after_they_met_dates_their_earlier_meeting():
    ex = run("Lind called Tol on Sunday, a week after they met in Lorvik.")
    assert contacts(ex) == [
        (["ivo-lind", "mira-tol"], "meeting", date(2024, 4, 28), False),
        (["ivo-lind", "mira-tol"], "phone_call", SUNDAY, False),
    ]
    ex = run("Lind called Tol on Sunday, two months after the two leaders met in Lorvik.")
    assert (["ivo-lind", "mira-tol"], "meeting", date(2024, 3, 1), False) in contacts(ex)


def test_words_a_speaker_quotes_from_someone_named_are_that_person_s_statement_too():
    ex = run("\"Tol told me, 'We will never give up on the bridge,' and I believe her,\" Lind said.")
    assert [(s.speaker_key, s.quote) for s in ex.statements] == [
        ("ivo-lind", "Tol told me, 'We will never give up on the bridge,' and I believe her,"),
        ("mira-tol", "We will never give up on the bridge,"),
    ]
    # Single marks that no named person is said to have spoken are the speaker's own words.
    ex = run("\"We call it the 'bridge of friendship' in both our languages,\" Lind said.")
    assert [s.speaker_key for s in ex.statements] == ["ivo-lind"]


def test_a_first_with_its_noun_left_out_is_a_claim_about_the_sentence_s_contact():
    ex = run("Lind met Tol on Monday, their first since January.")
    assert [(g.comparison, g.anchor, g.ends) for g in ex.gap_claims] == [("first_since", date(2024, 1, 1), MONDAY)]
    ex = run("Lind called Tol on Monday, a first in more than a year.")
    assert [(g.comparison, g.duration_months, g.ends) for g in ex.gap_claims] == [("more_than", 12, MONDAY)]
    assert run("Lind spoke to reporters on Monday, their first since January.").gap_claims == []


def test_a_leader_s_own_post_that_opens_with_a_past_verb_is_the_leader_s_contact():
    office = "Prime Minister of Norvania"
    assert contacts(run("Had a good conversation with Chancellor Brun. We agreed to stay in touch.", office)) == [
        (["karl-brun", "mira-tol"], "phone_call", MONDAY, False)
    ]
    assert contacts(run("Discussed the border situation with President Lind.", office)) == [
        (["ivo-lind", "mira-tol"], "phone_call", MONDAY, False)
    ]
    # A news item's sentence is nobody's post; "Talks with X resumed" is the noun's.
    assert run("Met with President Lind on Monday.").contacts == []
    assert run("Talks with President Lind resumed on Monday.", office).contacts == []


def test_and_then_with_a_second_leader_is_a_second_contact():
    ex = run("On Friday I held talks with President Lind, and then with Chancellor Brun.", "Prime Minister of Norvania")
    assert contacts(ex) == [
        (["ivo-lind", "mira-tol"], "meeting", FRIDAY, False),
        (["karl-brun", "mira-tol"], "meeting", FRIDAY, False),
    ]


def test_a_past_trip_to_meet_someone_is_the_meeting_and_a_trip_still_to_come_or_hoped_for_is_not():
    assert contacts(run("Lind travelled to Lorvik on Sunday to meet Tol.")) == [
        (["ivo-lind", "mira-tol"], "meeting", SUNDAY, False)
    ]
    for text in [
        "Lind will travel to Lorvik next week to meet Tol.",
        "Lind is travelling to Lorvik to meet Tol.",
        "Lind went to Lorvik on Sunday hoping to meet Tol.",
    ]:
        assert [c.planned for c in run(text).contacts] == [True], text


def test_called_then_words_and_an_article_later_is_still_a_call_and_a_name_is_not():
    ex = run("Lind called Tol on Sunday in a bid to ease tensions.")
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "phone_call", SUNDAY, False)]
    assert run("Lind called Tol a liar.").contacts == []


def test_someone_who_called_the_speaker_had_a_call_with_them_on_the_day_the_words_give():
    ex = run('"Tol called me yesterday and we had a good talk," Lind said on Sunday.')
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "phone_call", date(2024, 5, 4), False)]
    assert run('"Tol will call me tomorrow," Lind said.').contacts == []


def test_a_post_s_undated_contact_is_of_the_day_it_was_written():
    ex = run('Tol posted on Sunday: "Spoke with President Lind. Great conversation!"')
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "phone_call", SUNDAY, False)]
    ex = run('Tol wrote on social media: "Just had a very productive telephone call with President Lind."')
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "phone_call", MONDAY, False)]


def test_a_call_had_or_got_from_a_leader_and_being_in_contact_by_phone_are_calls():
    for text in [
        "Tol got a call from Lind on Sunday.",
        "Tol had a call from Lind on Sunday.",
        "Lind and Tol were in contact by phone on Sunday.",
        "A phone call took place on Sunday between Lind and Tol.",
        "Lind's Sunday call with Tol lasted an hour.",
        "Lind and Tol held a telephone conversation, their second this month, on Sunday.",  # the day, not the month
    ]:
        assert contacts(run(text)) == [(["ivo-lind", "mira-tol"], "phone_call", SUNDAY, False)], text


def test_a_call_the_speaker_recalls_beside_a_then_office_is_of_no_day():
    text = (
        "Lind: Three ministers came to sign the agreements between then President Brun and the opposition. "
        "I got a call from Prime Minister Tol about it."
    )
    ex = run(text, "Office of the President of Estralia")
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "phone_call", None, False)]


def test_on_the_2nd_of_may_is_the_contact_s_day_and_the_may_2_summit_another_event_s():
    ex = run("Lind met Tol on the 2nd of May in Lorvik.")
    assert contacts(ex) == [(["ivo-lind", "mira-tol"], "meeting", date(2024, 5, 2), False)]
    ex = run("Lind met Tol in Lorvik to prepare the 2nd of May summit.")
    assert [c.date for c in ex.contacts] == [None]
