"""New people of a document's body completed from its title, which readouts keep out of the body."""

from __future__ import annotations

from .gazetteer import name_is_fuller, name_key
from .people import People, PeopleFinder


def people_complete_from_title(people: People, title: str | None, finder: PeopleFinder) -> None:
    """Complete new people from the document's title, which readouts keep out of the body text:
    the body's "President Hichilema" is the title's "President Hakainde Hichilema of Zambia".

    A new person named by one word takes the title's fuller name (and a known person's key); any
    new person whose name the title repeats takes the country and office the title gives.
    """
    if not title or not any(e.key is None for e in people.entities):
        return
    heading = PeopleFinder(title, finder.gz, finder.published, finder.home).find([(0, len(title))])
    for e in people.entities:
        if e.key is not None:
            continue
        for h in heading.entities:
            forms = [h.name, *([h.variant] if h.variant else []), *(h.known.aliases if h.known else ())]
            same = any(name_key(f) == name_key(e.name) for f in forms)
            fuller = next((f for f in forms if name_is_fuller(f, e.name)), None)
            if not (same or fuller):
                continue
            if not same:
                e.name, e.key, e.known, e.surname = h.name, h.key, h.known, h.surname
                e.variant = h.variant or (fuller if fuller != h.name else None)
            e.country = e.country or h.country
            e.office = e.office or h.office
            break
