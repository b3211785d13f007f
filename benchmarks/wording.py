"""How much of the common wording extraction reads: sentences generated from the forms news agencies,
readouts and articles write (subjects x verbs x objects x dates; gap claims in the contact's sentence
and after it; quotation and attribution forms; sentences that report no contact), all about
fictional leaders, scored per family. Needs no ../shared and no database.

    DEBUG=1 .venv/bin/python benchmarks/wording.py [--show]

The families are forms, not documents: a form missed here is missed wherever it is written. The
held-out set scores documents; this prints which forms are read, so a rule added for one document
can be checked against the forms around it.
"""

import argparse
import itertools
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.extraction import Gazetteer, KnownCountry, KnownPerson, extract  # noqa: E402
from tracker.extraction.items import KnownOffice  # noqa: E402

PUBLISHED = date(2024, 5, 6)  # a Monday
SUNDAY = date(2024, 5, 5)
PAIR = ["ivo-lind", "mira-tol"]
COUNTRIES = [
    KnownCountry("Norvania", (), ("Norvanian",)),
    KnownCountry("Estralia", (), ("Estralian",)),
    KnownCountry("Ostmark", (), ("Ostmarkian",)),
]


def _person(key, name, country, office):
    return KnownPerson(key, name, (), country, (KnownOffice(office, country, date(2020, 1, 1), None),))


GAZETTEER = Gazetteer(
    countries=COUNTRIES,
    people=[
        _person("ivo-lind", "Ivo Lind", "Estralia", "President"),
        _person("mira-tol", "Mira Tol", "Norvania", "Prime Minister"),
        _person("karl-brun", "Karl Brun", "Ostmark", "Chancellor"),
    ],
)

SUBJECTS = [
    "Lind",
    "President Ivo Lind",
    "Estralian President Ivo Lind",
    "Ivo Lind, the Estralian president,",
    "The Estralian president, Ivo Lind,",
]
VERBS = [
    ("spoke to", "by phone"),
    ("spoke with", "by telephone"),
    ("talked with", "by phone"),
    ("held talks with", ""),
    ("met", ""),
    ("met with", ""),
    ("telephoned", ""),
    ("phoned", ""),
    ("called", ""),
    ("had a phone call with", ""),
    ("had a telephone conversation with", ""),
    ("held a video call with", ""),
    ("hosted", ""),
    ("received", ""),
    ("welcomed", ""),
    ("had a meeting with", ""),
    ("sat down with", ""),
    ("spoke by phone with", ""),
    ("held a phone conversation with", ""),
    ("had talks with", ""),
    ("spoke on the phone with", ""),
    ("conducted talks with", ""),
    ("held a bilateral meeting with", ""),
    ("had a conversation with", "over the phone"),
    ("spoke over the phone with", ""),
    ("exchanged views with", ""),
]
OBJECTS = [
    "Tol",
    "Prime Minister Mira Tol",
    "Norvanian Prime Minister Mira Tol",
    "the Norvanian prime minister, Mira Tol,",
    "Mira Tol, the Norvanian prime minister,",
]
WHENS = ["on Sunday", "Sunday", "late on Sunday", "on Sunday in a bid to ease tensions"]
PAIR_SUBJECTS = [
    "Lind and Tol",
    "President Ivo Lind and Prime Minister Mira Tol",
    "Estralian President Ivo Lind and his Norvanian counterpart Mira Tol",
    "Lind and Norvanian Prime Minister Mira Tol",
    "The Estralian and Norvanian leaders",
]
PAIR_VERBS = [
    "spoke by phone",
    "talked by telephone",
    "held talks",
    "met",
    "held a phone call",
    "had a telephone conversation",
    "held a video conference",
    "spoke over the phone",
    "conducted talks",
    "held a meeting",
    "met in person",
    "had talks",
    "held a bilateral meeting",
    "spoke on the phone",
    "held phone talks",
    "met for talks",
    "had a video call",
]
OTHER_CONTACTS = [
    "Tol was received by Lind on Sunday.",
    "Tol was welcomed by Lind in Lorvik on Sunday.",
    "Tol received a call from Lind on Sunday.",
    "Tol took a call from Lind on Sunday.",
    "Lind placed a call to Tol on Sunday.",
    "Lind made a phone call to Tol on Sunday.",
    "Lind rang Tol on Sunday.",
    "Lind greeted Tol at the airport on Sunday.",
    "Lind hosted Tol for dinner on Sunday.",
    "Tol got a call from Lind on Sunday.",
    "Lind and Tol were in contact by phone on Sunday.",
    "A phone call took place on Sunday between Lind and Tol.",
    "Lind's Sunday call with Tol lasted an hour.",
    "Lind was sitting down with Tol on Sunday.",
    "Lind called Tol on Sunday, a week after they met in Lorvik.",
    "Lind paid a visit to Tol in Lorvik on Sunday.",
    "Lind flew to Lorvik on Sunday for talks with Tol.",
    "Lind held talks Sunday with Tol.",
    "Lind spoke Sunday with Tol.",
    "Lind met Sunday with Tol.",
    "Lind on Sunday spoke with Tol.",
    "On Sunday, Lind met Tol.",
    "Lind had a lengthy phone call with Tol on Sunday.",
    "Lind spoke to Tol for an hour on Sunday.",
    "Lind was on the phone with Tol on Sunday.",
    "Lind had a chat with Tol by phone on Sunday.",
    "Lind met Tol on Saturday. They spoke by phone again on Sunday.",
    "Lind, who met Tol last month, called her again on Sunday.",
    "Lind assured Tol of his support during a meeting on Sunday.",
]
NOT_CONTACTS = [
    "Lind criticized Tol on Sunday.",
    "Lind praised Tol's decision on Sunday.",
    "Lind wrote to Tol on Sunday.",
    "Lind refused to meet Tol on Sunday.",
    "Lind may meet Tol on Sunday.",
    "Lind did not call Tol on Sunday.",
    "Lind denied meeting Tol on Sunday.",
    "Lind's aides met Tol's aides on Sunday.",
    "Lind spoke about Tol on Sunday.",
    "Lind called Tol's remarks unacceptable on Sunday.",
    "Lind welcomed Tol's election on Sunday.",
    "Lind and Tol have never met.",
    "Lind wants to meet Tol.",
    "Lind's meeting with Tol was cancelled.",
    "Lind's spokesman met Tol on Sunday.",
    "Lind's wife met Tol on Sunday.",
    "Lind called on Tol to resign on Sunday.",
    "Lind said he had no plans to meet Tol.",
    "Lind is ready to meet Tol anywhere.",
    "A meeting between Lind and Tol is unlikely.",
    "Lind congratulated Tol in a letter on Sunday.",
    "Lind spoke to reporters about Tol on Sunday.",
    "Lind phoned reporters on Sunday.",
    "Did Lind meet Tol on Sunday?",
    "If Lind meets Tol, the talks will resume.",
    "Lind tried to call Tol on Sunday.",
    "Lind was due to meet Tol on Sunday but the meeting was cancelled.",
    "Lind spoke with Tol's foreign minister on Sunday.",
    "Lind would be happy to meet Tol if she agreed.",
    "Lind met Tol's demands with scorn.",
]
CLAIMS_IN_SENTENCE = [
    "their first call since January",
    "their first conversation in more than a month",
    "the first time they have spoken since the election",
    "the longest gap between their calls since 2022",
    "their second call this year",
    "the first such call in two years",
    "their first contact since March",
    "their first talks in three months",
    "ending a three-month silence",
    "their first phone call since the war began",
    "the first direct contact between them since the summit in Lorvik",
    "their first since January",
    "a first in more than a year",
]
CLAIMS_AFTER = [
    "It was their first call since January.",
    "It was the first time the two leaders had spoken since January.",
    "The call was their first in more than a month.",
    "The two had not spoken since January.",
    "They had not talked in over a year.",
    "It was the longest gap between their conversations since 2021.",
    "It was their third conversation this year.",
    "The leaders had last spoken in February.",
    "It marked their first contact since the election.",
    "The two leaders have not met since 2022.",
    "This was the leaders' second meeting this year.",
    "The last time they spoke was in March.",
    "Their previous call was on March 3.",
]
QUOTE = "We will keep working together for peace in the region"
QUOTE_FORMS = [
    '"{q}," {s} said.',
    '"{q}," said {s}.',
    '{s} said: "{q}."',
    '{s} said, "{q}."',
    '"{q}," {s} told reporters.',
    '{s} told reporters: "{q}."',
    '"{q}," {s} wrote on social media.',
    '{s} said in a statement: "{q}."',
    '{s} said on Sunday that "{q}."',
    'According to {s}, "{q}."',
    "“{q},” {s} said.",
    '"{q}," {s} insisted.',
    '"{q}," {s} said, adding that talks would continue.',
    '"{q}", {s} said.',
    "'{q},' {s} said.",
]
SPEAKERS = ["Lind", "President Ivo Lind", "Estralian President Ivo Lind", "Ivo Lind, the Estralian president,"]


def run(text: str):
    return extract(text, published=PUBLISHED, gazetteer=GAZETTEER, publisher="Norvania News Agency")


def held_pair(ex) -> bool:
    return any(sorted(c.participant_keys) == PAIR and not c.planned for c in ex.contacts)


def families():
    """(name, [(text, whether extraction reads it as the family expects)]) for each family."""
    contact_forms = [
        f"{s} {v} {o} {medium} {w}".replace("  ", " ").strip().rstrip(",") + "."
        for s, (v, medium), o, w in itertools.product(SUBJECTS, VERBS, OBJECTS, WHENS)
    ]
    contact_forms = [t.replace(", .", ".").replace(",.", ".") for t in contact_forms]
    pair_forms = [f"{s} {v} {w}." for s, v, w in itertools.product(PAIR_SUBJECTS, PAIR_VERBS, WHENS)]
    yield "contact: subject, verb, object, day", [(t, held_pair(run(t))) for t in contact_forms]
    yield "contact: two subjects, verb, day", [(t, held_pair(run(t))) for t in pair_forms]
    yield "contact: other shapes", [(t, held_pair(run(t))) for t in OTHER_CONTACTS]
    yield "no contact (precision)", [(t, not any(not c.planned for c in run(t).contacts)) for t in NOT_CONTACTS]

    def claimed(text: str) -> bool:
        return any(sorted(g.participant_keys) == PAIR and g.ends == SUNDAY for g in run(text).gap_claims)

    leads = ["Lind spoke with Tol on Sunday,", "Lind met Tol on Sunday,", "Lind called Tol on Sunday,"]
    in_sentence = [f"{lead} {c}." for lead, c in itertools.product(leads, CLAIMS_IN_SENTENCE)]
    after = [f"{lead[:-1]}. {c}" for lead, c in itertools.product(leads, CLAIMS_AFTER)]
    yield "gap claim in the contact's sentence", [(t, claimed(t)) for t in in_sentence]
    yield "gap claim in the next sentence", [(t, claimed(t)) for t in after]

    def quoted(text: str) -> bool:
        ex = run(text)
        return any(s.speaker_key == "ivo-lind" and QUOTE.lower() in s.quote.lower() for s in ex.statements)

    quote_texts = [f.format(q=QUOTE, s=s) for f, s in itertools.product(QUOTE_FORMS, SPEAKERS)]
    quote_texts = ["Lind met Tol on Sunday. " + t[0].upper() + t[1:] for t in quote_texts]
    yield "statement: quotation and attribution", [(t, quoted(t)) for t in quote_texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="List every sentence read otherwise than expected.")
    args = parser.parse_args()
    total = read = 0
    print(f"{'family':40} {'read':>6} {'of':>6}  share")
    for name, results in families():
        ok = sum(1 for _, good in results if good)
        total, read = total + len(results), read + ok
        print(f"{name:40} {ok:6} {len(results):6}  {ok / len(results):.3f}")
        if args.show:
            for text, good in results:
                if not good:
                    print(f"    missed: {text}")
    print(f"{'all':40} {read:6} {total:6}  {read / total:.3f}")


if __name__ == "__main__":
    main()
