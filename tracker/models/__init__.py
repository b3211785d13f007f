"""The diplomatic record: who held which office, who spoke with whom, who said what, and
the silences between contacts. One module per aggregate; import from here.

Reads live in QuerySet methods; writes that span models live in ``tracker.services``; the
pure computations (gaps, verdicts) live in ``tracker.gaps`` and the shared rules in
``tracker.rules``, both on plain values.
"""

from tracker.models.articles import Article, ArticleQuerySet, Topic, TopicManager, UnplacedName, text_hash
from tracker.models.base import (
    BoundPrecision,
    DatedQuerySet,
    Precision,
    RecordQuerySet,
    ReviewedQuerySet,
    ReviewStatus,
    country_speakers_every_day,
    lines,
    links_insert,
    save_with_unique_slug,
)
from tracker.models.derived import (
    ContactDayCount,
    Gap,
    GapClaim,
    GapQuerySet,
    InOffice,
    PairContactCount,
    PairGapCount,
    PairMonthCount,
)
from tracker.models.events import AnchorPrecision, Event, EventQuerySet
from tracker.models.facet_counts import FacetCount, FacetMonthCount, PairFacetCount, PairFacetMonthCount
from tracker.models.jobs import IngestJob
from tracker.models.people import (
    Country,
    CountryManager,
    Office,
    OfficeQuerySet,
    Person,
    PersonQuerySet,
    PersonRedirect,
    office_held_on_q,
    office_holder,
    office_known_held_on_q,
)
from tracker.models.person_counts import PairArticleCount, PersonArticleCount, PersonMonthCount, PersonPairCount
from tracker.models.record import Contact, ContactQuerySet, ContactSource, Statement, StatementQuerySet, participants

__all__ = [
    "AnchorPrecision",
    "Article",
    "ArticleQuerySet",
    "BoundPrecision",
    "InOffice",
    "IngestJob",
    "ReviewedQuerySet",
    "office_known_held_on_q",
    "Contact",
    "ContactDayCount",
    "ContactQuerySet",
    "ContactSource",
    "Country",
    "CountryManager",
    "DatedQuerySet",
    "Event",
    "EventQuerySet",
    "Gap",
    "GapClaim",
    "GapQuerySet",
    "Office",
    "OfficeQuerySet",
    "FacetCount",
    "FacetMonthCount",
    "PairFacetCount",
    "PairFacetMonthCount",
    "PairContactCount",
    "PairGapCount",
    "PairMonthCount",
    "Person",
    "PairArticleCount",
    "PersonArticleCount",
    "PersonMonthCount",
    "PersonPairCount",
    "PersonRedirect",
    "PersonQuerySet",
    "Precision",
    "RecordQuerySet",
    "ReviewStatus",
    "Statement",
    "StatementQuerySet",
    "Topic",
    "TopicManager",
    "UnplacedName",
    "country_speakers_every_day",
    "lines",
    "office_held_on_q",
    "office_holder",
    "participants",
    "text_hash",
    "links_insert",
    "save_with_unique_slug",
]
