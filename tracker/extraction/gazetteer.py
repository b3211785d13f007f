"""What extraction knows before reading: people (with offices over time) and countries.

The gazetteer is plain data; ``tracker.services.gazetteer.gazetteer_from_db`` builds one from the
database. Countries of the world come built in (from ``countryinfo``) so that titles such as
"Israeli Prime Minister" or "President of Paraguay" place a person even on an empty database.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from .items import KnownCountry, KnownPerson
from .vocabulary import HONORIFICS, NAME_PARTICLES

# Organisations whose officers articles name like heads of state ("NATO Secretary General ...").
BUILTIN_ORGANISATIONS = (
    KnownCountry("NATO", ("North Atlantic Treaty Organization",)),
    KnownCountry("European Union", ("EU",)),
    KnownCountry("European Commission", ()),
    KnownCountry("European Council", ()),
    KnownCountry("United Nations", ("UN", "U.N.")),
)

# Short forms the reference data lacks but English news uses constantly.
EXTRA_ALIASES = {
    "United States": ("U.S.", "US", "USA", "America", "the United States"),
    "United Kingdom": ("Britain", "U.K."),
    "China": ("People's Republic of China", "People’s Republic of China", "PRC"),
    "Russia": ("Russian Federation",),
    "South Korea": ("Republic of Korea",),
    "South Africa": ("Republic of South Africa",),
    "Turkey": ("Türkiye",),  # the reference data keeps ASCII spellings only
}


@functools.cache
def builtin_countries() -> tuple[KnownCountry, ...]:
    import countryinfo  # imported lazily: only needed when the caller did not supply countries

    out = []
    for info in countryinfo.all_countries():
        try:
            name = info.name()
            spellings = tuple(s for s in (info.alt_spellings() or []) if len(s) > 3 and s.isascii() and not s.isupper())
            demonym = info.demonym() or ""
        except Exception:  # a malformed record in the reference data must not stop extraction
            continue
        if not name:
            continue
        demonyms = tuple(d for d in demonym.split("/") if d) if demonym else ()
        out.append(KnownCountry(name, spellings + EXTRA_ALIASES.get(name, ()), demonyms))
    return tuple(out) + BUILTIN_ORGANISATIONS


@functools.cache
def builtin_provinces() -> dict[str, str]:
    """The country of each of the world's states and provinces, by folded name ("new mexico",
    "bavaria", "dagestan" from "Dagestan (Makhachkala)"), from countryinfo."""
    import countryinfo

    provinces: dict[str, str] = {}
    for info in countryinfo.all_countries():
        try:
            country = info.name()
            for p in info.provinces() or []:
                provinces.setdefault(fold(p.split("(")[0]), country)
        except Exception:  # a malformed record in the reference data must not stop extraction
            continue
    provinces.pop("", None)
    return provinces


# Country-code domains the world uses for other reasons ("bit.ly", "youtu.be", "x.ai"): no country.
GENERIC_COUNTRY_DOMAINS = frozenset("io tv me co ai ly fm am to cc ws nu tk gg sh la vc be".split())


@functools.cache
def builtin_country_domains() -> dict[str, str]:
    """The country of each country-code top-level domain ("nz": New Zealand), from countryinfo."""
    import countryinfo

    domains: dict[str, str] = {}
    for info in countryinfo.all_countries():
        try:
            country = info.name()
            for tld in info.tld() or []:
                domains.setdefault(tld.lstrip(".").lower(), country)
        except Exception:  # a malformed record in the reference data must not stop extraction
            continue
    domains.setdefault("uk", "United Kingdom")  # ISO's code is GB; Britain's domains end in .uk
    for generic in GENERIC_COUNTRY_DOMAINS:
        domains.pop(generic, None)
    return domains


def country_of_url(url: str | None) -> str | None:
    """The country whose country-code domain ends the address's host ("www.beehive.govt.nz": New
    Zealand), or None (a generic domain, no address)."""
    if not url:
        return None
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    except ValueError:  # "http://[unclosed": an address extraction must survive
        return None
    return builtin_country_domains().get(host.rsplit(".", 1)[-1]) if "." in host else None


@functools.lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower-case and straighten apostrophes, for dictionary keys."""
    return " ".join(text.replace("’", "'").casefold().split())


# Where a name is written family name first ("Kishida Fumio", "Yoon Suk Yeol", "Lee Hsien Loong"):
# a lone family name is then the first word of the full name, not the last.
FAMILY_NAME_FIRST = frozenset(
    {"China", "Japan", "South Korea", "North Korea", "Taiwan", "Vietnam", "Cambodia", "Singapore", "Mongolia"}
)
# Letters NFKD leaves alone that English spelling writes plainly ("Erdoğan" has ğ, "Tayyıp" has ı).
_PLAIN_LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"})


_NAME_PUNCTUATION = re.compile(r"[-‐‑–'’.]+")


@functools.lru_cache(maxsize=16384)
def name_key(name: str) -> str:
    """A person's name as a matching key: accents, hyphens, apostrophes, case and leading
    honorifics folded away, so "Recep Tayyıp Erdoğan" = "Recep Tayyip Erdogan" and
    "Abdel Fattah Al-Sisi" = "Abdel Fattah Al Sisi". The display name keeps its spelling."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name.translate(_PLAIN_LETTERS))
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _NAME_PUNCTUATION.sub(" ", name).casefold().split()
    while len(words) > 1 and words[0] in HONORIFICS:
        words.pop(0)
    return " ".join(words)


def name_is_surname_only(name: str) -> bool:
    """Whether a name is one word but for particles ("Gallant", "El-Sisi", "bin Salman")."""
    return len([w for w in name_key(name).split() if w not in NAME_PARTICLES]) < 2


def surname_key(surname: str) -> str:
    """A family name as a matching key, without its leading particle ("El-Sisi", "Al Sisi": "sisi")."""
    words = name_key(surname).split()
    while len(words) > 1 and words[0] in NAME_PARTICLES:
        words.pop(0)
    return " ".join(words)


def name_is_fuller(name: str, surname: str) -> bool:
    """Whether ``name`` is a full name ending (or, family name first, starting) with a one-word
    ``surname``, particles and all ("Mette Frederiksen" of "Frederiksen", "Yoon Suk Yeol" of "Yoon",
    "Abdel Fattah El-Sisi" of "El-Sisi")."""
    short, words = surname_key(surname).split(), name_key(name).split()
    if len(short) != 1 or len(words) < 2 or name_key(surname) == name_key(name):
        return False
    return short[0] in (words[0], words[-1])


def name_extends(short: list[str], long: list[str]) -> bool:
    """Whether the words of one name are a shorter form of another's: a prefix ("Mohamed bin Zayed"
    of "... Al Nahyan"), a suffix ("Irfaan Ali" of "Mohamed Irfaan Ali") or the same first and last
    word with middle names left out ("Jair Bolsonaro", "Jair Messias Bolsonaro"). The short form
    needs two words that are not particles: "Al Thani" alone names a family, not a person."""
    n = len(short)
    if n >= len(long) or sum(1 for w in short if w not in NAME_PARTICLES) < 2:
        return False
    if long[:n] == short or long[-n:] == short:
        return True
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    rest = iter(long[1:-1])
    return all(w in rest for w in short[1:-1])


def name_index(names) -> dict[str, list[tuple[str, ...]]]:
    """Names as word tuples, keyed by the leading letters, digits and hyphens of the first word
    ("O’Neill" under "O"), longest first: what ``people.known_names_in`` looks names up in."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in sorted(names, key=_longest_first):
        if head := name_head(name):
            index.setdefault(head, []).append(tuple(name.split()))
    return index


_HEAD = re.compile(r"[\w-]*")


def name_head(name: str) -> str:
    """What ``name_index`` files a name under: the leading letters, digits and hyphens of its first
    word ("" for none)."""
    return _HEAD.match(name.split()[0]).group()


def _longest_first(name: str) -> tuple[int, int]:
    return -len(name.split()), -len(name)


def _names_written(person: KnownPerson) -> list[str]:
    """A person's name and aliases as ``names_as_written`` lists them (three letters or more)."""
    return [n.strip() for n in (person.name, *person.aliases) if len(n.strip()) > 2]


NAME_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|II|III|IV)\.?$")


def surname_of(name: str) -> str:
    """The last word of a name, ignoring "Jr." and the like."""
    bare = NAME_SUFFIX.sub("", name.strip())
    parts = bare.split()
    return parts[-1] if parts else ""


@dataclass
class Gazetteer:
    people: list[KnownPerson] = field(default_factory=list)
    countries: list[KnownCountry] = field(default_factory=list)
    include_builtin_countries: bool = True

    def __post_init__(self) -> None:
        self.by_name: dict[str, list[KnownPerson]] = {}
        self.by_surname: dict[str, list[KnownPerson]] = {}
        self.by_family_name: dict[str, list[KnownPerson]] = {}  # first word, family-name-first countries
        self.by_words: dict[tuple[str, ...], list[KnownPerson]] = {}  # sorted words: "Kishida Fumio"
        self.by_edge_word: dict[str, list[KnownPerson]] = {}  # first and last words of each name
        self.by_office: dict[str, list[KnownPerson]] = {}  # folded titles of the offices each held
        self._written: dict[str, list[tuple[str, ...]]] | None = None
        for person in self.people:
            self._index_person(person)
        self.country_by_word: dict[str, str] = {}
        self.country_by_demonym: dict[str, str] = {}
        all_countries = list(self.countries)
        if self.include_builtin_countries:
            all_countries += builtin_countries()
        for country in all_countries:
            for n in (country.name, *country.aliases):
                self.country_by_word.setdefault(fold(n), country.name)
            for d in country.demonyms:
                self.country_by_demonym.setdefault(fold(d), country.name)

    def _index_entries(self, person: KnownPerson) -> Iterator[tuple[dict, str]]:
        """The (index, key) lists ``_index_person`` files ``person`` in."""
        for n in (person.name, *person.aliases):
            key = name_key(n)
            if not key:
                continue
            yield self.by_name, key
            words = key.split()
            if len(words) > 1:
                yield self.by_words, tuple(sorted(words))
                for edge in {words[0], words[-1]}:
                    yield self.by_edge_word, edge
        if sur := surname_key(surname_of(person.name)):
            yield self.by_surname, sur
        words = name_key(person.name).split()
        if len(words) > 1 and (
            person.country in FAMILY_NAME_FIRST or any(o.country in FAMILY_NAME_FIRST for o in person.offices)
        ):
            yield self.by_family_name, words[0]
        for title in {fold(o.title) for o in person.offices}:
            yield self.by_office, title

    def _index_person(self, person: KnownPerson) -> None:
        for index, key in self._index_entries(person):
            index.setdefault(key, []).append(person)

    def add_person(self, person: KnownPerson) -> None:
        """Learn one more person (one an ingest batch just created), or learn again one whose name,
        aliases or country changed (same key); cheap, no full rebuild (of the indexes or of
        ``names_as_written``: only the entries of the names and surnames concerned change)."""
        gone = [p for p in self.people if p.key == person.key]
        if gone:
            self.people = [p for p in self.people if p.key != person.key]
            for index, key in (entry for p in gone for entry in self._index_entries(p)):
                if found := index.get(key):
                    index[key] = [p for p in found if p.key != person.key]
        self.people.append(person)
        self._index_person(person)
        if self._written is not None:
            self._written_update(gone, person)

    def names_as_written(self) -> dict[str, list[tuple[str, ...]]]:
        """Every name, alias and unambiguous surname of known people, as words, by first word;
        longest first, so "Joe Biden" wins over "Biden". Built once, then kept up to date by
        ``add_person``."""
        if self._written is None:
            self._written_names: Counter[str] = Counter()  # how many people (or surnames) give each
            self._written_surnames: dict[str, list[str]] = {}  # surname key -> the surnames it adds
            for p in self.people:
                self._written_names.update(_names_written(p))
            for key in {surname_key(surname_of(p.name)) for p in self.people}:
                self._written_surnames[key] = self._unique_surnames(key)
                self._written_names.update(self._written_surnames[key])
            self._written_heads: dict[str, set[str]] = {}
            for name in self._written_names:
                self._written_heads.setdefault(name_head(name), set()).add(name)
            self._written = name_index(self._written_names)
        return self._written

    def _unique_surnames(self, key: str) -> list[str]:
        """The surnames ``names_as_written`` takes from the people of one surname key: theirs, when
        they are one person."""
        if not key:
            return []
        people = self.by_surname.get(key) or self.by_family_name.get(key, [])
        if len({q.key for q in people}) != 1:
            return []
        return [sur for p in people if surname_key(sur := surname_of(p.name)) == key and len(sur) > 2]

    def _written_update(self, gone: list[KnownPerson], person: KnownPerson) -> None:
        """``names_as_written`` after ``person`` replaced ``gone``: the names they give, and the
        surnames of everyone sharing one of their surnames; only the first words whose names
        came or went are sorted again."""
        delta: Counter[str] = Counter()
        for p in gone:
            delta.subtract(_names_written(p))
        delta.update(_names_written(person))
        for key in {surname_key(surname_of(p.name)) for p in (*gone, person)}:
            delta.subtract(self._written_surnames.get(key, []))
            self._written_surnames[key] = self._unique_surnames(key)
            delta.update(self._written_surnames[key])
        names, heads = self._written_names, set()
        for name, change in delta.items():
            if not change:
                continue
            was = names[name] > 0
            names[name] += change
            if (names[name] > 0) != was:
                head = name_head(name)
                heads.add(head)
                found = self._written_heads.setdefault(head, set())
                if was:
                    found.discard(name)
                else:
                    found.add(name)
            if names[name] <= 0:
                del names[name]
        for head in heads - {""}:
            if found := self._written_heads.get(head):
                self._written[head] = [tuple(n.split()) for n in sorted(found, key=_longest_first)]
            else:
                self._written.pop(head, None)

    def person_named(self, text: str) -> KnownPerson | None:
        """The one person with this name or alias, spelling folded (``name_key``), or with the same
        words in another order ("Kishida Fumio" is "Fumio Kishida"); None when none or several."""
        key = name_key(text)
        found = self.by_name.get(key)
        if not found and " " in key:
            found = self.by_words.get(tuple(sorted(key.split())))
        if found and len({p.key for p in found}) == 1:
            return found[0]
        return None

    def person_extended(self, text: str, country: str | None = None) -> KnownPerson | None:
        """The one person whose name is a longer or shorter form of ``text`` (``name_extends``),
        in ``country`` when both are known; None when none or several."""
        words = name_key(text).split()
        if len(words) < 2:
            return None
        found = {}
        for person in self.by_edge_word.get(words[0], []) + self.by_edge_word.get(words[-1], []):
            if person.key in found or not self._in_country(person, country):
                continue
            for n in (person.name, *person.aliases):
                other = name_key(n).split()
                if name_extends(words, other) or name_extends(other, words):
                    found[person.key] = person
                    break
        return next(iter(found.values())) if len(found) == 1 else None

    @staticmethod
    def _in_country(person: KnownPerson, country: str | None) -> bool:
        if country is None or (person.country is None and not person.offices):
            return True
        return person.country == country or any(o.country == country for o in person.offices)

    def people_with_surname(self, surname: str) -> list[KnownPerson]:
        """People whose family name this is: the last word of their name, else the first word
        for names written family name first ("Yoon" of "Yoon Suk Yeol")."""
        key = surname_key(surname)
        return self.by_surname.get(key) or self.by_family_name.get(key, [])

    def country_named(self, text: str) -> str | None:
        t = fold(text)
        if t.startswith("the "):
            t = t[4:]
        return self.country_by_word.get(t) or self.country_by_word.get("the " + t)

    def is_place(self, text: str) -> bool:
        """Whether ``text`` names a country, organisation or a state or province of one."""
        return self.country_named(text) is not None or fold(text) in builtin_provinces()

    def country_of_province(self, text: str) -> str | None:
        """The country a state or province belongs to ("Republic of Dagestan": Russia)."""
        t = fold(text)
        for prefix in ("the ", "republic of ", "state of ", "province of ", "region of "):
            t = t.removeprefix(prefix)
        return builtin_provinces().get(t)

    def country_of_demonym(self, text: str) -> str | None:
        return self.country_by_demonym.get(fold(text))

    def office_holders(self, title: str, country: str | None, day: date | None) -> list[tuple[KnownPerson, str]]:
        """People holding ``title`` (of ``country`` when given) on ``day``, with the office's country."""
        if day is None:
            return []
        t = fold(title)
        out = []
        for person in self.by_office.get(t, ()):
            for office in person.offices:
                if fold(office.title) == t and office.held_on(day) and (country is None or office.country == country):
                    out.append((person, office.country))
        return out

    def offices_of(self, person: KnownPerson, day: date | None) -> list[tuple[str, str]]:
        if day is None:
            return []
        return [(o.title, o.country) for o in person.offices if o.held_on(day)]

    def title_contradicts(self, person: KnownPerson, title: str | None, day: date | None) -> bool:
        """Whether ``title`` is an office of another kind than any ``person`` holds on ``day`` (any
        they are known to hold, when none that day): "Speaker Tol" is not Prime Minister Mira Tol.
        Offices of a legislature or a region and offices of a government are the two kinds."""
        if not title:
            return False
        held = [t for t, _ in self.offices_of(person, day)] or [o.title for o in person.offices]
        if not held:
            return False
        legislative = _legislative(title)
        return all(_legislative(t) != legislative for t in held)


# Offices of a legislature or a region, whose holders are never a state's government.
LEGISLATIVE_TITLES = frozenset(
    {
        "speaker", "house speaker", "speaker of the house", "senator", "representative", "congressman",
        "congresswoman", "governor", "mayor", "majority leader", "minority leader", "senate majority leader",
        "senate minority leader", "chairman of the senate", "president of the senate",
    }
)  # fmt: skip


def _legislative(title: str) -> bool:
    return " ".join(title.casefold().removesuffix("-elect").split()) in LEGISLATIVE_TITLES
