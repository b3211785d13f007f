"""Extraction core on synthetic texts (fictional leaders and countries). No database."""

import subprocess
import sys
from datetime import date

from tracker.extraction import Gazetteer, KnownCountry, KnownOffice, KnownPerson, extract
from tracker.extraction.dates import DateIndex

MONDAY = date(2024, 3, 18)
NORVANIA = KnownCountry("Norvania", ("the Republic of Norvania",), ("Norvanian",))
ESTRALIA = KnownCountry("Estralia", (), ("Estralian",))


def gazetteer(**kw):
    return Gazetteer(people=kw.get("people", []), countries=[NORVANIA, ESTRALIA])


def dates_in(text, published):
    return [(text[h.start : h.end], h.date, h.precision) for h in DateIndex(text, published).hits]


def test_a_weekday_is_the_most_recent_such_day_including_publication_day():
    assert dates_in("They spoke Monday.", MONDAY) == [("Monday", MONDAY, "day")]
    assert dates_in("They spoke Friday.", MONDAY)[0][1] == date(2024, 3, 15)


def test_forward_pointing_weekdays_resolve_ahead():
    assert dates_in("They will meet on Friday.", MONDAY)[0][1] == date(2024, 3, 22)
    assert dates_in("See you next Monday.", MONDAY)[0][1] == date(2024, 3, 25)


def test_month_and_day_without_year_is_the_most_recent_one():
    assert dates_in("since the October 7 attacks", MONDAY)[0][1] == date(2023, 10, 7)
    assert dates_in("on February 15", MONDAY)[0][1] == date(2024, 2, 15)


def test_a_month_with_this_last_or_next_year_is_that_years():
    assert dates_in("status in June this year", MONDAY) == [("in June this year", date(2024, 6, 1), "month")]
    assert dates_in("they met in October of last year", MONDAY)[0][1] == date(2023, 10, 1)
    assert dates_in("a summit in February next year", MONDAY)[0][1] == date(2025, 2, 1)
    assert dates_in("they met in June", MONDAY)[0][1] == date(2023, 6, 1)  # alone: the most recent June


def test_relative_phrases_keep_their_precision():
    found = {t: (d, p) for t, d, p in dates_in("yesterday, last weekend, earlier this month, last week", MONDAY)}
    assert found["yesterday"] == (date(2024, 3, 17), "day")
    assert found["last weekend"] == (date(2024, 3, 16), "week")
    assert found["earlier this month"] == (date(2024, 3, 1), "month")
    assert found["last week"][1] == "week"


def test_without_a_publication_date_nothing_relative_is_guessed():
    assert dates_in("They spoke Monday and yesterday.", None) == []
    assert dates_in("on March 3, 2021", None) == [("March 3, 2021", date(2021, 3, 3), "day")]


def test_unknown_leaders_are_found_by_their_titles_with_country_and_office():
    text = (
        "Norvanian Prime Minister Aldo Varen spoke with President of Estralia Mira Kost. "
        "President Ilse Drummond of Estralia and Chancellor Tovin of Norvania also attended."
    )
    ex = extract(text, published=MONDAY, gazetteer=gazetteer())
    people = {(p.name, p.country, p.office) for p in ex.people}
    assert ("Aldo Varen", "Norvania", "Prime Minister") in people
    assert ("Ilse Drummond", "Estralia", "President") in people
    assert ("Tovin", "Norvania", "Chancellor") in people
    assert all(p.is_new for p in ex.people)


def test_the_president_resolves_through_offices_held_on_the_article_date():
    varen = KnownPerson(
        "aldo-varen", "Aldo Varen", (), "Norvania", (KnownOffice("President", "Norvania", date(2020, 1, 1), None),)
    )
    old = KnownPerson(
        "old-one",
        "Bertil Oss",
        (),
        "Norvania",
        (KnownOffice("President", "Norvania", date(2010, 1, 1), date(2020, 1, 1)),),
    )
    ex = extract(
        "The president spoke today.",
        published=MONDAY,
        gazetteer=gazetteer(people=[varen, old]),
        publisher="Norvania Herald",
    )
    # No publisher mapping for the fictional country: the only current holder of that title is used.
    assert [p.key for p in ex.people] == ["aldo-varen"]


def test_known_people_match_by_alias_and_surname():
    varen = KnownPerson("aldo-varen", "Aldo Varen", ("Al Varen",), "Norvania")
    ex = extract("Al Varen arrived. Later Varen left.", published=MONDAY, gazetteer=gazetteer(people=[varen]))
    assert [p.key for p in ex.people] == ["aldo-varen", "aldo-varen"]
    assert all(p.name == "Aldo Varen" for p in ex.people)


def test_a_readout_call_is_a_dated_contact_with_both_leaders():
    text = "President Aldo Varen of Norvania spoke today with Prime Minister Mira Tol of Estralia."
    ex = extract(text, published=MONDAY, gazetteer=gazetteer(), publisher="The White House")
    [c] = ex.contacts
    assert (c.participants, c.kind, c.date, c.planned) == (["Aldo Varen", "Mira Tol"], "phone_call", MONDAY, False)
    assert text[c.span.start : c.span.end] == c.evidence


def test_video_calls_meetings_and_planned_meetings():
    g = gazetteer()
    ex = extract(
        "President Aldo Varen of Norvania held a video call with Prime Minister Mira Tol of Estralia on Friday.",
        published=MONDAY,
        gazetteer=g,
    )
    assert [(c.kind, c.date) for c in ex.contacts] == [("video_call", date(2024, 3, 15))]
    ex = extract(
        "President Aldo Varen of Norvania will meet Prime Minister Mira Tol of Estralia on Friday.",
        published=MONDAY,
        gazetteer=g,
    )
    assert [(c.kind, c.date, c.planned) for c in ex.contacts] == [("meeting", date(2024, 3, 22), True)]


def test_negated_contacts_are_not_contacts():
    ex = extract(
        "President Aldo Varen of Norvania has not spoken with Prime Minister Mira Tol of Estralia since May.",
        published=MONDAY,
        gazetteer=gazetteer(),
    )
    assert ex.contacts == []


def test_a_multilateral_call_takes_its_participants_from_the_following_list():
    text = (
        "President Aldo Varen of Norvania held a video call with regional leaders today.\n\n"
        "Participants in the call included President Mira Tol of Estralia and Chancellor Jon Pell of Norvania."
    )
    ex = extract(text, published=MONDAY, gazetteer=gazetteer(), publisher="The White House")
    assert [sorted(c.participants) for c in ex.contacts] == [["Aldo Varen", "Jon Pell", "Mira Tol"]]


def test_an_earlier_contact_and_the_gap_claims_about_it():
    text = (
        "President Aldo Varen of Norvania spoke by phone Monday with Prime Minister Mira Tol of Estralia, "
        "their first known interaction in more than a month.\n\n"
        "Their last phone call before Monday was on February 15 – the longest gap in calls since the October 7 summit."
    )
    ex = extract(text, published=MONDAY, gazetteer=gazetteer())
    assert sorted((c.date, c.kind) for c in ex.contacts) == [(date(2024, 2, 15), "phone_call"), (MONDAY, "phone_call")]
    claims = {g.comparison: g for g in ex.gap_claims}
    more = claims["more_than"]
    assert (more.ends, more.duration_months, more.duration_days) == (MONDAY, 1, None)
    longest = claims["longest_since"]
    assert (longest.ends, longest.starts, longest.anchor) == (MONDAY, date(2024, 2, 15), date(2023, 10, 7))


def test_n_days_after_is_an_exact_gap():
    text = "President Aldo Varen of Norvania met Prime Minister Mira Tol of Estralia today, ten days after their call."
    [claim] = extract(text, published=MONDAY, gazetteer=gazetteer()).gap_claims
    assert (claim.comparison, claim.duration_days, claim.starts) == ("exactly", 10, date(2024, 3, 8))


def test_statements_with_attribution_after_before_and_by_pronoun():
    text = (
        "Foreign Minister Ada Lunn of Norvania spoke on Monday.\n\n"
        "“We will not give up on the talks, whatever happens next week,” Lunn said.\n\n"
        'Lunn said, "The border must stay open for all the trucks carrying food."\n\n'
        "“It was a good meeting and we agreed on almost everything,” she said, “and we will meet again.”\n\n"
        "“The next round will be harder for both of our governments to agree on.”"
    )
    ex = extract(text, published=MONDAY, gazetteer=gazetteer())
    assert [s.speaker for s in ex.statements] == ["Ada Lunn"] * 5
    for s in ex.statements:
        assert text[s.quote_span.start : s.quote_span.end] == s.quote
    assert not any(s.is_fragment for s in ex.statements)


def test_short_fragments_are_flagged_and_programme_names_are_not_statements():
    text = (
        "Ada Lunn said the talks were “very productive” overall.\n\n"
        "“We are ready to sign the agreement this year,” Ada Lunn said on “Meet the Nation.”"
    )
    ex = extract(text, published=MONDAY, gazetteer=gazetteer())
    quotes = {s.quote: s.is_fragment for s in ex.statements}
    assert quotes == {"very productive": True, "We are ready to sign the agreement this year,": False}
    assert [s.channel for s in ex.statements if not s.is_fragment] == ["interview"]


def test_readout_attribution_sets_the_channel():
    text = (
        "“We discussed the border at length,” Prime Minister Mira Tol of Estralia said, "
        "according to her office’s readout."
    )
    [s] = extract(text, published=MONDAY, gazetteer=gazetteer()).statements
    assert (s.speaker, s.channel) == ("Mira Tol", "readout")


def test_topics_match_whole_words_case_insensitively():
    ex = extract(
        "The talks covered Ceasefire plans and aid.",
        published=MONDAY,
        gazetteer=gazetteer(),
        topics={"ceasefire": ["ceasefire"], "aid": ["aid"], "raid": ["raid"]},
    )
    assert ex.topics == ["ceasefire", "aid"]


def test_page_furniture_produces_no_items_and_gives_the_byline():
    text = (
        "Skip to Content\n\nLeaders talk\n\nBy Ana Perez and Tom Hill, CNN\n\n"
        "Norvia (CNN) — President Aldo Varen of Norvania met Prime Minister Mira Tol of Estralia on Friday.\n\n"
        "The-CNN-Wire\n™ & © 2024 Cable News Network, Inc. All rights reserved.\n\n"
        "Jump to comments ↓\n\n"
        "President Aldo Varen of Norvania met Prime Minister Mira Tol of Estralia said “nothing.”\n"
    )
    ex = extract(text, published=MONDAY, gazetteer=gazetteer())
    assert ex.meta.authors == ["Ana Perez", "Tom Hill"]
    assert ex.meta.title == "Leaders talk"
    assert ex.meta.dateline == "Norvia"
    assert len(ex.contacts) == 1 and ex.statements == []
    assert all(p.span.start < text.index("The-CNN-Wire") for p in ex.people)


def test_importing_the_extraction_core_does_not_import_django():
    code = "import sys, tracker.extraction; sys.exit(1 if any(m.startswith('django') for m in sys.modules) else 0)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def contacts_in(text, **kw):
    ex = extract(text, published=MONDAY, gazetteer=gazetteer(), **kw)
    return [(sorted(c.participants), c.kind, c.date) for c in ex.contacts]


def test_readout_phrasings_of_a_call_are_calls():
    both = ["Aldo Varen", "Mira Tol"]
    for text in [
        "Today, President Aldo Varen of Norvania held a call with Prime Minister Mira Tol of Estralia.",
        "President Aldo Varen of Norvania called Prime Minister Mira Tol of Estralia today to congratulate her.",
        "President Aldo Varen and Prime Minister Mira Tol of Estralia spoke today about the harvest.",
        "President Aldo Varen held his first foreign leader call with Prime Minister Mira Tol of Estralia today.",
    ]:
        assert contacts_in(text, publisher="The White House") == [(both, "phone_call", MONDAY)], text


def test_calling_on_someone_is_not_a_call():
    text = "President Aldo Varen of Norvania called on Prime Minister Mira Tol of Estralia to resign today."
    assert contacts_in(text) == []


def test_met_virtually_is_a_video_call_and_a_summit_venue_makes_spoke_a_meeting():
    text = "President Aldo Varen of Norvania met virtually today with Prime Minister Mira Tol of Estralia."
    assert contacts_in(text)[0][1] == "video_call"
    text = "President Aldo Varen spoke today on the margins of the Harbour Summit with Prime Minister Mira Tol."
    assert contacts_in(text)[0][1] == "meeting"


def test_a_name_with_its_office_in_apposition_is_a_person():
    text = "President Aldo Varen of Norvania met today with Mira Tol, the Taoiseach of Estralia, in Port Kell."
    assert contacts_in(text) == [(["Aldo Varen", "Mira Tol"], "meeting", MONDAY)]


def test_a_date_naming_another_event_is_not_the_contacts_date():
    text = "President Aldo Varen spoke with Prime Minister Mira Tol about the March 19-20 summit."
    [(_, _, day)] = contacts_in(text, publisher="The White House")
    assert day == MONDAY  # not the summit's March 19, and not March 19 of last year


def test_no_break_spaces_separate_words_like_spaces():
    text = "President\u00a0Aldo Varen of\u00a0Norvania met\u00a0today with President\u00a0Mira\u00a0Tol of Estralia."
    ex = extract(text, published=MONDAY, gazetteer=gazetteer())
    assert [sorted(c.participants) for c in ex.contacts] == [["Aldo Varen", "Mira Tol"]]
    assert ex.contacts[0].evidence == text[ex.contacts[0].span.start : ex.contacts[0].span.end]


def test_a_release_keeps_its_headline_and_lead_in_front_of_the_body():
    from tracker.extraction import document_from_record

    record = {
        "title": "Meeting with President of Estralia Mira Tol",
        "summary": "Aldo Varen had a lengthy conversation with President of Estralia Mira Tol.",
        "text": "The two presidents discussed the harvest.",
        "published": "2024-03-18",
        "publisher": "Office of the President of Norvania",
    }
    doc = document_from_record(record, "line 1")
    assert doc.text.startswith(record["title"]) and doc.text.endswith(record["text"])
    assert record["summary"] in doc.text
    assert contacts_in(doc.text, publisher=doc.publisher) == [(["Aldo Varen", "Mira Tol"], "phone_call", MONDAY)]
    without_summary = document_from_record({k: v for k, v in record.items() if k != "summary"}, "line 2")
    assert without_summary.text == record["text"]  # plain input lines are read as they are


def test_honorifics_do_not_decide_who_a_name_is():
    mohammed = KnownPerson("mohammed", "Sheikh Mohammed bin Abdul Al Thani", (), "Estralia")
    ex = extract(
        "President Aldo Varen spoke today with Amir Sheikh Tamim bin Hamad al Thani of Estralia.",
        published=MONDAY,
        gazetteer=gazetteer(people=[mohammed]),
    )
    assert "mohammed" not in {p.key for p in ex.people}
    # The honorific is dropped from the new person's name, like any title before a name.
    assert "Tamim bin Hamad al Thani" in {p.name for p in ex.people}


def test_a_sentence_ends_at_a_full_stop_but_not_after_an_abbreviation_an_initial_or_a_dotted_name():
    from tracker.extraction.text import paragraphs, sentences

    text = (
        "Mr. Varen met U.S. envoys and J. Tol on Monday. Talks ran late, aides said. "
        "Dr. Lind arrived at 9 a.m. Tuesday. They spoke again."
    )
    [para] = paragraphs(text)
    assert [text[s.start : s.end] for s in sentences(text, para)] == [
        "Mr. Varen met U.S. envoys and J. Tol on Monday.",
        "Talks ran late, aides said.",
        "Dr. Lind arrived at 9 a.m. Tuesday.",
        "They spoke again.",
    ]


def test_a_long_paragraph_splits_into_the_same_sentences_as_its_parts():
    from tracker.extraction.text import paragraphs, sentences

    one = "President Aldo Varen met Mr. Ivo Lind of Estralia in the U.S. capital. They spoke of trade. "
    text = one * 400  # 800 sentences in one paragraph: split in linear time, as each part alone
    [para] = paragraphs(text)
    found = [text[s.start : s.end] for s in sentences(text, para)]
    assert found == [one.split(". They")[0] + ".", "They spoke of trade."] * 400
