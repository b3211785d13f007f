"""Write fixtures/countries.json from maintained sources instead of typing countries by hand.

ISO 3166 codes and names come from pycountry; the English demonym ("Israeli") and the other
names articles use ("UK", "Great Britain") from countryinfo. Run it again when either package
is upgraded:  python manage.py countries_fixture > fixtures/countries.json
"""

import json
import re

import pycountry
from countryinfo import CountryInfo
from django.core.management.base import BaseCommand

# Short forms articles use that look like codes but are names in their own right.
CODE_ALIASES = {"US", "USA", "UK", "UAE", "DRC"}


def country_record(country) -> dict:
    try:
        info = CountryInfo(country.alpha_2).info()
    except (KeyError, AttributeError):
        info = {}
    name = getattr(country, "common_name", None) or info.get("name") or country.name
    candidates = [country.name, getattr(country, "official_name", None), *(info.get("altSpellings") or [])]
    aliases = []
    for alias in candidates:
        if not alias or alias == name or alias in aliases or not alias.isascii():
            continue
        if alias.isupper() and len(alias) <= 3 and alias not in CODE_ALIASES:
            continue
        if re.search(r",\s", alias):  # catalogue inversions such as "Korea, Republic of"
            continue
        aliases.append(alias)
    if re.search(r",\s", name):  # prefer a plain name to a catalogue inversion
        plain = [a for a in aliases if not a.lower().startswith("the ") and " " not in a.strip()]
        if plain:
            aliases = [a for a in aliases if a != plain[0]] + [name]
            name = plain[0]
    demonym = (info.get("demonym") or "").strip()
    return {
        "model": "tracker.country",
        "fields": {
            "name": name,
            "official_name": getattr(country, "official_name", "") or "",
            "kind": "state",
            "iso_alpha2": country.alpha_2,
            "iso_alpha3": country.alpha_3,
            "demonyms": demonym,
            "aliases": "\n".join(aliases),
        },
    }


class Command(BaseCommand):
    help = "Print the countries fixture (ISO 3166 from pycountry, demonyms from countryinfo)."

    def handle(self, *args, **options):
        records = sorted((country_record(c) for c in pycountry.countries), key=lambda r: r["fields"]["name"])
        self.stdout.write(json.dumps(records, ensure_ascii=False, indent=1))
