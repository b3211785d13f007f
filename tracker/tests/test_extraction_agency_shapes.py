"""Contacts in the shapes news agencies and transcripts write them, on sentences about fictional
leaders: "met his counterpart", "sat down with", a call named around a verb of speech, a participle
of meeting, the passive of "received", "the two leaders" of the sentence before, "on a visit to X"
between subject and verb, the day a news item reports, two leaders' transcript after their meeting,
and a country written as dotted initials ("U.S. Secretary of State")."""

from datetime import date

from tracker.extraction import Gazetteer, KnownCountry, extract
from tracker.tests.test_extraction_contacts import COUNTRIES, MONDAY, RELEASE, contacts_in

AGENCY = "Norvania News Agency"  # a news item, not a release
TUESDAY = date(2024, 3, 12)  # "Tuesday" in an item published on Monday 18 March 2024
PAIR = ["Aldo Varen", "Mira Tolsk"]


def news(text):
    return contacts_in(text, publisher=AGENCY)


def test_meeting_his_counterpart_and_sitting_down_with_someone_are_meetings():
    for text in [
        "Norvanian President Aldo Varen met his Estralian counterpart Mira Tolsk in the capital Tuesday.",
        "Norvanian President Aldo Varen met his Estralian counterpart, Mira Tolsk, in the capital Tuesday.",
        "Norvanian President Aldo Varen hosted his Estralian counterpart, Mira Tolsk, for talks Tuesday.",
        "Norvanian President Aldo Varen sat down Tuesday with Estralian Prime Minister Mira Tolsk for talks.",
        "Norvanian President Aldo Varen and his Estralian counterpart Mira Tolsk met Tuesday.",
    ]:
        assert news(text) == [(PAIR, "meeting", TUESDAY)], text
    # Told as it happens: the day of the news item.
    text = "Varen was sitting down with Estralian Prime Minister Mira Tolsk. Norvanian President Aldo Varen spoke."
    assert news(text) == [(PAIR, "meeting", MONDAY)]
    for text in [
        "Norvanian President Aldo Varen met his obligations to Estralia on Tuesday.",
        "Norvanian President Aldo Varen sat down with reporters on Tuesday.",
    ]:
        assert news(text) == [], text


def test_a_call_named_around_a_verb_of_speech_is_a_call_between_the_speaker_and_the_addressee():
    for text in [
        "In a telephone call Tuesday, Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk "
        "agreed to meet.",
        "During a phone call on Tuesday, Norvanian President Aldo Varen told Estralian Prime Minister Mira Tolsk "
        "that aid would continue.",
        "Norvanian President Aldo Varen told Estralian Prime Minister Mira Tolsk in a phone call Tuesday that aid "
        "would continue.",
    ]:
        assert news(text) == [(PAIR, "phone_call", TUESDAY)], text
    text = "Norvanian President Aldo Varen assured Estralian Prime Minister Mira Tolsk in a video call Tuesday."
    assert news(text) == [(PAIR, "video_call", TUESDAY)]
    for text in [
        "Norvanian President Aldo Varen told reporters in a phone call Tuesday that Mira Tolsk was right.",
        "In a telephone call Tuesday, Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk did "
        "not agree.",
        "Norvanian President Aldo Varen told Estralian Prime Minister Mira Tolsk that a phone call would follow.",
    ]:
        assert news(text) == [], text


def test_a_participle_of_meeting_gives_the_subject_of_its_clause_a_contact():
    text = "After meeting Estralian Prime Minister Mira Tolsk on Tuesday, Norvanian President Aldo Varen said so."
    assert news(text) == [(PAIR, "meeting", TUESDAY)]
    text = (
        "Norvanian President Aldo Varen arrived in Estralia today. He met Estralian Foreign Minister Ivo Lind before "
        "meeting Estralian Prime Minister Mira Tolsk."
    )
    assert news(text) == [(["Aldo Varen", "Ivo Lind"], "meeting", MONDAY), (PAIR, "meeting", MONDAY)]
    # The participle's subject must be the clause's: two names after it are not each other's contact.
    text = (
        "Relations are at their best, the President said after talks with Estralian Prime Minister Mira Tolsk and "
        "Ostmarkian President Ivo Lind."
    )
    assert news(text) == []


def test_the_passive_of_a_verb_of_meeting_names_the_host_after_by():
    text = "Estralian Prime Minister Mira Tolsk was received by Norvanian President Aldo Varen on Tuesday."
    assert news(text) == [(["Aldo Varen", "Mira Tolsk"], "meeting", TUESDAY)]
    assert news("The proposal was received by Norvanian President Aldo Varen on Tuesday.") == []
    text = "Estralian Prime Minister Mira Tolsk was met by Norvanian President Aldo Varen on Tuesday."
    assert news(text) == [(["Aldo Varen", "Mira Tolsk"], "meeting", TUESDAY)]
    text = "Estralian Prime Minister Mira Tolsk was called by Norvanian President Aldo Varen on Tuesday."
    assert news(text) == [(["Aldo Varen", "Mira Tolsk"], "phone_call", TUESDAY)]


def test_two_people_met_by_a_third_did_not_meet_each_other_by_the_passive_verb():
    text = (
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk arrived in the morning, "
        "where they were met by the mayor."
    )
    assert news(text) == []


def test_the_two_leaders_are_the_two_people_the_sentence_before_names():
    opening = "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk have agreed to boost trade. "
    assert news(opening + "The two leaders met Tuesday in the capital.") == [(PAIR, "meeting", TUESDAY)]
    assert news(opening + "They spoke by phone on Tuesday.") == [(PAIR, "phone_call", TUESDAY)]
    text = "Norvanian President Aldo Varen praised Estralian Prime Minister Mira Tolsk. The two leaders held talks."
    assert news(text) == [(PAIR, "meeting", None)]
    for after in [
        "The two leaders will meet Friday.",  # planned
        "The two leaders have not met since 2019.",
        "The two leaders spoke to reporters on Tuesday.",
        "They met with reporters on Tuesday.",
    ]:
        assert news(opening + after) == [], after
    # "They" needs the two as the subject of the sentence before, not any two names in it.
    text = "Norvanian President Aldo Varen praised Estralian Prime Minister Mira Tolsk. They met Tuesday."
    assert news(text) == []


def test_the_two_in_a_clause_of_time_are_the_two_people_the_clause_before_names():
    main = "Norvanian President Aldo Varen invited Estralian Prime Minister Mira Tolsk to visit"
    assert news(main + ", after the two leaders spoke by phone on Tuesday.") == [(PAIR, "phone_call", TUESDAY)]
    # The main clause's day is of the invitation, not of the meeting the clause recalls.
    assert news(main + " on Friday, after they met in the capital.") == [(PAIR, "meeting", None)]
    for clause in [
        ", after they spoke to reporters on Tuesday.",  # a listener, no contact
        ", when they spoke on Tuesday.",  # a call or a meeting: the text does not say
        ", after the two had not met for years.",
        ", after the two ministers met in the capital.",  # not the two named
    ]:
        assert news(main + clause) == [], clause


def test_a_noun_of_contact_after_a_subject_pair_is_their_contact():
    for text in [
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk have agreed to boost trade after "
        "talks in the capital Tuesday.",
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk agreed on Tuesday during a meeting "
        "in the capital to boost trade.",
        # An adverb of time between the pair and its verb.
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk on Tuesday issued a joint statement "
        "following their meeting in the capital.",
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk today signed a treaty after "
        "talks in the capital on Tuesday.",
    ]:
        assert news(text) == [(PAIR, "meeting", TUESDAY)], text
    text = (
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk agreed after a meeting of the Ostmark "
        "council on Tuesday to boost trade."
    )
    assert news(text) == []


def test_a_news_item_dates_its_undated_contacts_by_the_day_its_words_frame():
    text = (
        "PORT ESTRA, March 18, 2024 - Defense Secretary Aldo Varen held three meetings here today. After his "
        "meeting with Estralian Defense Minister Mira Tolsk, Varen said the talks went well."
    )
    assert news(text) == [(PAIR, "meeting", MONDAY)]
    # A later sentence of the item about another day leaves its contacts undated.
    text = (
        "Defense Secretary Aldo Varen held three meetings here today. On Tuesday he had flown in from the coast. "
        "After his meeting with Estralian Defense Minister Mira Tolsk, Varen said the talks went well."
    )
    assert news(text) == [(PAIR, "meeting", None)]


def test_his_inside_a_clause_points_back_to_the_subject_not_to_a_name_after_it():
    text = (
        "Defense Secretary Aldo Varen held three meetings here today. The secretary said that his meeting today "
        "with Estralian Defense Minister Mira Tolsk took place while Ostmarkian Foreign Minister Ivo Lind was "
        "meeting reporters."
    )
    assert news(text) == [(PAIR, "meeting", MONDAY)]


def test_a_countrys_dotted_initials_before_an_office_name_its_holders_country():
    countries = [*COUNTRIES, KnownCountry("Republic of Wendmark", ("R.W.",), ())]
    text = "President Aldo Varen of Norvania held a telephone conversation with R.W. Secretary of State Mira Tolsk."
    ex = extract(text, published=MONDAY, gazetteer=Gazetteer(countries=countries), publisher=RELEASE)
    assert ("Mira Tolsk", "Republic of Wendmark") in {(p.name, p.country) for p in ex.people}
    # A secretary of state of no country is the release's own government's: only her country makes it a contact.
    assert [sorted(c.participants) for c in ex.contacts] == [PAIR]


def test_a_visit_in_parenthesis_a_progressive_host_and_a_joint_appearance_after_talks_are_read():
    text = "Norvanian President Aldo Varen, on a visit to Estralia, met Tuesday with Prime Minister Mira Tolsk."
    assert news(text) == [(PAIR, "meeting", TUESDAY)]
    # Told as it happens: the item's day.
    assert news("Norvanian President Aldo Varen is hosting Estralian Prime Minister Mira Tolsk at the palace.") == [
        (PAIR, "meeting", MONDAY)
    ]
    for text in [
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk held a joint news conference Tuesday "
        "after their talks.",
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk held a joint news conference Tuesday "
        "following Norvanian-Estralian talks.",
    ]:
        assert news(text) == [(PAIR, "meeting", TUESDAY)], text


def test_a_parenthesis_between_the_subject_and_its_verb_leaves_the_subject_its_contact():
    for aside in [
        "67",
        "in the capital for talks",
        "on Tuesday",
        "fresh from a tour of the region",
        "67, who won on Sunday",
    ]:
        text = f"Norvanian President Aldo Varen, {aside}, met Estralian Prime Minister Mira Tolsk on Tuesday."
        assert news(text) == [(PAIR, "meeting", TUESDAY)], text
    # The verb of a clause inside the commas is not the subject's.
    text = "Norvanian President Aldo Varen, as the Wendish envoy Per Holm met Mira Tolsk, stayed home."
    assert all("Aldo Varen" not in c[0] for c in news(text))


def test_a_joint_news_conference_is_a_meeting_of_the_two_who_gave_it():
    pair = "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk"
    for text in [
        f"{pair} held a joint news conference in the capital on Tuesday.",
        f"{pair} spoke at a joint press conference on Tuesday.",
        "Speaking at a joint news conference with Estralian Prime Minister Mira Tolsk on Tuesday, Norvanian "
        "President Aldo Varen said the border would reopen.",
    ]:
        assert news(text) == [(PAIR, "meeting", TUESDAY)], text
    for text in [
        f"{pair} held separate news conferences on Tuesday.",
        f"{pair} will hold a joint news conference on Friday.",
    ]:
        assert news(text) == [], text


def test_a_meal_a_handshake_or_a_greeting_on_arrival_is_a_meeting():
    for text in [
        "Norvanian President Aldo Varen hosted a state dinner for Estralian Prime Minister Mira Tolsk on Tuesday.",
        "Norvanian President Aldo Varen greeted Estralian Prime Minister Mira Tolsk at the airport on Tuesday.",
        "Norvanian President Aldo Varen shook hands with Estralian Prime Minister Mira Tolsk on Tuesday.",
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk shook hands on Tuesday.",
    ]:
        assert news(text) == [(PAIR, "meeting", TUESDAY)], text
    for text in [
        "Norvanian President Aldo Varen greeted Estralian Prime Minister Mira Tolsk on her birthday on Tuesday.",
        "Norvanian President Aldo Varen did not shake hands with Estralian Prime Minister Mira Tolsk on Tuesday.",
        "Norvanian President Aldo Varen will host a dinner for Estralian Prime Minister Mira Tolsk on Friday.",
    ]:
        assert news(text) == [], text


def test_two_leaders_speaking_to_the_press_is_no_contact_between_them():
    for text in [
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk spoke to reporters on Tuesday.",
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk talked to the press on Tuesday.",
    ]:
        assert news(text) == [], text


def test_a_transcript_of_two_leaders_who_just_met_is_the_record_of_their_meeting():
    text = (
        "President Aldo Varen of Norvania and Prime Minister Mira Tolsk of Estralia spoke to the press.\n\n"
        "PRESIDENT VAREN: Well, thank you very much. We just had a very productive meeting.\n\n"
        "PRIME MINISTER TOLSK: Thank you, Mr. President. Thank you for hosting me.\n"
    )
    assert news(text) == [(PAIR, "meeting", MONDAY)]
    # The host's greeting says it too.
    text = (
        "President Aldo Varen of Norvania and Prime Minister Mira Tolsk of Estralia spoke to the press.\n\n"
        "PRESIDENT VAREN: Good to have you here, Madam Prime Minister.\n\nPRIME MINISTER TOLSK: Thank you.\n"
    )
    assert news(text) == [(PAIR, "meeting", MONDAY)]
    # A speaker the text ties to no country is of the publisher's side: a head of state with his own judge.
    text = (
        "President Aldo Varen of Norvania spoke to judges.\n\nPRESIDENT VAREN: Good to see you, Mr Holm.\n\n"
        "CHIEF JUSTICE PER HOLM: Thank you, Mr President.\n"
    )
    assert news(text) == []
    # One leader with journalists: whom he met is not said.
    text = (
        "President Aldo Varen of Norvania spoke to the press.\n\n"
        "PRESIDENT VAREN: We just had a very productive meeting with the governors.\n\nQ: Mr. President?\n\n"
        "PRESIDENT VAREN: Yes.\n"
    )
    assert news(text) == []


def test_a_participle_opening_the_sentence_names_the_subjects_contact_and_its_comma_no_apposition():
    text = (
        "Meeting with Estralian Prime Minister Mira Tolsk on the sidelines, Norvanian President Aldo Varen said "
        "trade would grow."
    )
    assert news(text) == [(PAIR, "meeting", None)]
    # "Welcoming the Estralian President, Varen said": Varen is the subject, not the Estralian President.
    text = (
        "Norvanian President Aldo Varen held talks with Estralian President Mira Tolsk on Tuesday. Welcoming the "
        "Estralian President, Varen said trade would grow."
    )
    assert news(text) == [(PAIR, "meeting", TUESDAY)]
    text = "Welcoming the decision of Estralian President Mira Tolsk, Norvanian President Aldo Varen said so."
    assert news(text) == []


def test_calling_someone_a_name_is_no_call():
    for text in [
        "Norvanian President Aldo Varen called Estralian Prime Minister Mira Tolsk a liar on Tuesday.",
        "Norvanian President Aldo Varen called Mira Tolsk an ally.",
        "Norvanian President Aldo Varen called the Estralian President Mira Tolsk a liar on Tuesday.",
    ]:
        assert news(text) == [], text
    text = "Norvanian President Aldo Varen called Estralian Prime Minister Mira Tolsk a day after the election."
    assert news(text) == [(PAIR, "phone_call", None)]


def test_bilateral_or_separate_talks_with_a_list_are_one_contact_with_each_even_at_a_summit():
    three = [(["Aldo Varen", "Ivo Lind"], "meeting", TUESDAY), (PAIR, "meeting", TUESDAY)]
    for text in [
        "Norvanian President Aldo Varen held bilateral talks with Estralian president Mira Tolsk and Ostmarkian "
        "president Ivo Lind on the sidelines of the summit on Tuesday.",
        "Norvanian President Aldo Varen held discussions in separate meetings with Estralian President Mira Tolsk "
        "and Ostmarkian President Ivo Lind at the summit on Tuesday.",
    ]:
        assert news(text) == three, text
    text = (
        "Norvanian President Aldo Varen held talks with Estralian President Mira Tolsk and Ostmarkian President Ivo "
        "Lind at the summit on Tuesday."
    )
    assert news(text) == [(["Aldo Varen", "Ivo Lind", "Mira Tolsk"], "meeting", TUESDAY)]


def test_his_counterpart_before_a_name_marks_a_person():
    text = (
        "Norvanian Prime Minister Aldo Varen arrived on Tuesday. Later, in the bilateral meeting with his counterpart "
        "Mira Tolsk, Varen discussed trade, the spokesman said."
    )
    assert news(text) == [(PAIR, "meeting", None)]


def test_leaders_a_list_names_after_including_are_the_subjects_counterparts():
    each = [(["Aldo Varen", "Ivo Lind"], "meeting", TUESDAY), (PAIR, "meeting", TUESDAY)]
    for text in [
        "Norvanian President Aldo Varen on Tuesday held a series of bilateral meetings with world leaders, including "
        "Estralian President Mira Tolsk and Ostmarkian President Ivo Lind.",
        "Norvanian President Aldo Varen on Tuesday met several leaders, including Estralian President Mira Tolsk and "
        "Ostmarkian President Ivo Lind.",
    ]:
        assert news(text) == each, text
    text = (
        "Norvanian President Aldo Varen on Tuesday held a video call with European leaders, including Estralian "
        "President Mira Tolsk and Ostmarkian President Ivo Lind."
    )
    assert news(text) == [(["Aldo Varen", "Ivo Lind", "Mira Tolsk"], "video_call", TUESDAY)]
    text = "Norvanian President Aldo Varen did not meet world leaders, including Estralian President Mira Tolsk."
    assert news(text) == []


def test_a_news_items_undated_contact_takes_the_day_of_the_contact_reported_before_it():
    text = (
        "Norvanian President Aldo Varen met Estralian Prime Minister Mira Tolsk on Tuesday. Varen also held meetings "
        "with Ostmarkian President Ivo Lind and Wendish President Per Holm."
    )
    assert news(text) == [
        (["Aldo Varen", "Ivo Lind"], "meeting", TUESDAY),
        (PAIR, "meeting", TUESDAY),
        (["Aldo Varen", "Per Holm"], "meeting", TUESDAY),
    ]
    # "had met" looks further back.
    text = (
        "Norvanian President Aldo Varen met Estralian Prime Minister Mira Tolsk on Tuesday. Varen and Ostmarkian "
        "President Ivo Lind had met before at the conference."
    )
    assert news(text) == [(["Aldo Varen", "Ivo Lind"], "meeting", None), (PAIR, "meeting", TUESDAY)]


def test_calling_up_a_leader_and_a_pair_that_discussed_in_a_call_are_calls():
    text = "Norvanian President Aldo Varen called up Estralian Prime Minister Mira Tolsk on Tuesday to discuss trade."
    assert news(text) == [(PAIR, "phone_call", TUESDAY)]
    # The conversation the next paragraph names is that call, not a meeting "in Ostmark," of the first.
    text = (
        "Norvanian President Aldo Varen and Estralian Prime Minister Mira Tolsk have discussed the war in Ostmark, in "
        "a telephone call on Tuesday.\nBoth capitals spoke well of the conversation between Varen and Tolsk."
    )
    assert news(text) == [(PAIR, "phone_call", TUESDAY)]


def test_the_day_a_report_was_made_is_not_the_day_of_the_contact_it_reports():
    text = (
        "Foreign Minister Aldo Varen of Norvania and his Estralian counterpart, Mira Tolsk, have held talks on the "
        "sidelines of the summit, the ministry said Monday.\nThe top diplomats of the two nations held a meeting "
        "in the capital on Tuesday."
    )
    assert news(text) == [(PAIR, "meeting", TUESDAY)]


def test_a_pair_named_by_between_and_their_summit_is_that_pairs_not_the_contact_beside_it():
    text = (
        "Norvanian Foreign Minister Aldo Varen arrived in Estralia on Monday. During a meeting with Estralian Premier "
        "Mira Tolsk, Varen agreed to promote trade, following an agreement between Norvanian President Ivo Lind "
        "and Estralian President Per Holm during their first summit in Ostmark in November."
    )
    assert news(text) == [(PAIR, "meeting", MONDAY), (["Ivo Lind", "Per Holm"], "meeting", date(2023, 11, 1))]
