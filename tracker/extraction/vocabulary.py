"""Word lists the extraction core reads names with: titles, honorifics, name particles, and words
that show a capitalised run names a role, a body or a place rather than a person.

One home for them: ``people``, ``names``, ``gazetteer`` and the services import these sets rather
than spelling their own. Plain data, no imports.
"""

TITLES = [
    "First Deputy Prime Minister", "Deputy Prime Minister", "Prime Minister-elect", "Prime Minister",
    "Vice President-elect", "Vice President", "President-elect", "President",
    "Federal Chancellor", "Chancellor", "Crown Prince", "Grand Duke", "King", "Queen", "Emir", "Amir", "Sultan",
    "Pope", "Ecumenical Patriarch", "Patriarch", "Supreme Leader", "Premier", "Taoiseach", "Secretary of State",
    "Secretary-General",
    "Secretary General", "General Secretary", "Foreign Minister", "Minister of Foreign Affairs",
    "Foreign Secretary", "Defense Minister", "Defence Minister", "Defense Secretary", "Defence Secretary",
    "Secretary of Defense", "National Security Adviser", "National Security Advisor", "Chief of Staff",
    "Ambassador", "Governor", "Senator", "Senate Majority Leader", "Senate Minority Leader", "Majority Leader",
    "Minority Leader", "House Speaker", "Speaker of the House", "Speaker", "Chairman", "Chairwoman", "Chairperson",
    "Mayor",
    "Minister", "Spokesperson", "Spokesman", "Spokeswoman", "Press Secretary", "Crown Princess", "Prince",
    "Sheikh", "First Lady", "First Gentleman", "Chief Adviser", "Leader", "Head of State", "Head of Government",
    "Head",
    # Military ranks, written out and abbreviated ("Gen. Mark Milley", "Field Marshal ...").
    "Field Marshal", "Marshal", "General", "Lieutenant General", "Major General", "Brigadier General",
    "Lieutenant Colonel", "Lieutenant Commander", "Rear Admiral",
    "Gen.", "Lt. Gen.", "Maj. Gen.", "Brig. Gen.", "Admiral", "Adm.", "Vice Admiral", "Colonel", "Col.",
    "Commander-in-Chief",
]  # fmt: skip
# Offices of a country's own legislature and regions: someone holding one meets his own head of
# state in a domestic meeting, not a diplomatic contact.
DOMESTIC_TITLES = frozenset(
    {
        "senator", "senate majority leader", "senate minority leader", "majority leader", "minority leader",
        "house speaker", "speaker", "leader", "governor", "mayor", "head",
    }
)  # fmt: skip

# Offices that head an organisation rather than serve a government ("Secretary-General Tol"):
# never read as the speaker's own government when no country is given.
ORGANISATION_HEAD_TITLES = frozenset({"secretary-general", "secretary general", "general secretary"})


# Honorifics written before a name that are no part of it ("Sheikh Tamim ...", "Shri Ajit Doval",
# "Mr. Scholz", "His Majesty King ..."): dropped from names and from matching keys.
HONORIFICS = frozenset(
    {
        "sheikh", "sheikha", "shri", "sri", "sir", "dame", "his", "her", "majesty", "highness", "royal",
        "excellency", "h.e", "mr", "mrs", "ms", "dr",
        # Forms of address of religious leaders ("His All-Holiness", "His Beatitude", "His Eminence").
        "holiness", "all-holiness", "beatitude", "eminence",
    }
)  # fmt: skip
# Words that join a name's parts ("Mohamed bin Zayed", "Lula da Silva"): never enough on their own.
NAME_PARTICLES = frozenset("von van der den de da del della di du la le bin ibn al el dos das ben bint abu".split())
# Popes and monarchs go by one name ("Pope Francis", "King Charles"): that word is their full name.
REGNAL_TITLES = frozenset(
    {
        "pope",
        "ecumenical patriarch",
        "patriarch",
        "king",
        "queen",
        "emperor",
        "empress",
        "sultan",
        "emir",
        "amir",
        "grand duke",
    }
)
# Offices that head a state or a government.
HEAD_TITLES = frozenset(
    t.casefold()
    for t in ["President", "Prime Minister", "Chancellor", "King", "Queen", "Emir", "Crown Prince", "Premier"]
)
MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
)  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Words that follow a title but are not names ("President Biden Monday", "Prime Minister The ...").
NOT_NAME = {
    "The", "A", "An", "And", "But", "Or", "In", "On", "At", "For", "With", "As", "Of", "To", "By", "From",
    "He", "She", "They", "It", "This", "That", "These", "His", "Her", "Their", "Its", "We", "I", "You",
    "Today", "Yesterday", "Tomorrow", *WEEKDAY_NAMES, *MONTH_NAMES, "Mr.", "Mrs.", "Ms.", "Dr.", "Prof.",
    "Office", "House", "Council",
    "Administration", "Government", "Ministry", "Department", "Kremlin", "Also", "Said", "Has", "Had",
    "Was", "Is", "Will", "Would", "Who", "When", "While", "After", "Before", "During", "Since", "Under",
    "Both", "Each", "Two", "Thank", "Thanks",
}  # fmt: skip
# Last words of capitalised phrases that name events and bodies, not people ("Leaders' Meeting said").
EVENT_WORDS = {"Meeting", "Summit", "Conference", "Forum", "Council", "Assembly", "Dialogue", "Commission"}

# Words of titles that may also be surnames ("Angus King", "Prince"): dropped before a name, kept inside one.
TITLE_WORDS_ALSO_NAMES = {
    "king", "queen", "prince", "princess", "crown", "grand", "duke", "first", "lady", "gentleman", "house",
    "press", "federal", "supreme", "sheikh", "pope", "emir", "amir", "sultan", "leader", "of", "major", "field",
    "marshal",
}  # fmt: skip
# Words that name a role, never a person: before a name they are its title ("Secretary Marty Walsh",
# "Affairs Jake Sullivan" from "... for National Security Affairs Jake Sullivan"); inside one they
# show the words are not a name at all ("Mamie Locke Delegate Sally Hudson").
_TITLE_WORDS = {w.casefold() for t in TITLES for w in t.replace("-", " ").split() if len(w) > 2 and w != "the"}
ROLE_WORDS = _TITLE_WORDS - TITLE_WORDS_ALSO_NAMES | {
    "secretary", "advisor", "adviser", "administrator", "director", "representative", "delegate", "congressman",
    "congresswoman", "envoy", "counselor", "counsellor", "chair", "co", "designate", "deputy", "commissioner",
    "attorney", "general", "admiral", "colonel", "lieutenant", "assistant", "undersecretary", "nsa", "affairs",
    "head", "senior", "special", "cabinet", "coordinator", "officer", "elect", "pro", "tempore", "whip",
    "spokesperson", "minister", "ministers", "president", "presidents", "senator", "senators", "cardinal",
    "archbishop", "bishop", "reverend", "rabbi", "leaders", "members", "counterparts",
    "patriarch", "ecumenical", "metropolitan", "archpriest", "priest", "imam", "mufti", "catholicos",
}  # fmt: skip
# Government portfolios, written between a title and a name ("Secretary of Transportation Pete Buttigieg").
PORTFOLIO_WORDS = {
    "state", "defense", "defence", "transportation", "energy", "agriculture", "commerce", "labor", "labour",
    "treasury", "health", "education", "interior", "homeland", "veterans", "housing", "trade", "finance",
    "technology", "emerging", "cyber", "hemisphere", "western", "economic", "policy", "intelligence", "climate",
    "infrastructure", "development", "environment", "communications", "international", "global", "strategic",
    "military", "legislative", "public", "services", "urban", "foreign", "national", "security", "staff",
}  # fmt: skip
# Words of bodies, places and events: a capitalised run holding one is not a person's name.
ORGANISATION_WORDS = {
    "university", "college", "union", "church", "center", "centre", "network", "league", "federation", "alliance",
    "initiative", "agenda", "order", "framework", "summary", "call", "visit", "county", "family", "members",
    "academy", "congress", "guard", "council", "committee", "partnership", "bureau", "association", "institute",
    "foundation", "school", "agency", "department", "ministry", "office", "assembly", "commission", "coalition",
    "fund", "bank", "group", "corporation", "company", "party", "forum", "summit", "meeting", "conference",
    "dialogue", "program", "programme", "project", "campaign", "act", "court", "army", "navy", "forces",
    "command", "government", "administration", "republic", "kingdom", "city", "province", "region", "district",
    "islands", "senate", "parliament", "cabinet", "embassy", "consulate", "caucus", "delegation", "team",
    "society", "societies", "community", "communities", "authorities", "concern", "organization", "organisation",
    "airlines", "airways", "airport", "palace", "square", "cathedral", "museum", "stadium", "hotel", "avenue",
    "residence", "chancellery", "confederation", "chamber", "industry", "industries", "industrialists",
    "entrepreneurs", "manufacturers", "employers", "enterprises", "business", "roundtable",
}  # fmt: skip
NOT_A_NAME_WORDS = ROLE_WORDS | PORTFOLIO_WORDS | ORGANISATION_WORDS
