"""The editors' review: the queue of articles with items awaiting review (on the admin index and a
page of its own), and on an article's page a confirm / reject / edit beside each extracted item,
the names extraction could not place, and warnings about the text itself."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from tracker.models import Article, ContactSource, GapClaim, Office, Person, ReviewStatus, Statement, UnplacedName
from tracker.rules import text_looks_truncated
from tracker.services.ingest import MAX_TEXT_CHARS, NO_DATE_NOTE
from tracker.services.review import (
    ITEM_KINDS,
    Placement,
    article_item_set_status,
    unplaced_name_dismiss,
    unplaced_name_link,
    unplaced_name_person_create,
)

# The queue on the admin index shows the oldest few; its own page shows them all.
INDEX_QUEUE_SIZE = 10


@dataclass(frozen=True)
class ReviewItem:
    """One extracted item of an article, as the review list and the highlights show it."""

    kind: str  # one of ``ITEM_KINDS``, as ``article_item_set_status`` names them
    pk: int
    status: str
    start: int | None
    end: int | None
    label: str  # what it says, in a few words (escaped where shown)
    url: str  # its admin change page

    @property
    def kind_label(self) -> str:
        return self.kind.replace("_", " ")

    @property
    def anchor(self) -> str:
        return f"review-{self.kind}-{self.pk}"


def _item(kind: str, pk: int, status: str, span: tuple[int | None, int | None], label: str) -> ReviewItem:
    url = reverse(f"admin:tracker_{kind.replace('_', '')}_change", args=[pk])
    return ReviewItem(kind, pk, status, span[0], span[1], label, url)


def _short(text: str, size: int = 120) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def _claim_label(claim: GapClaim) -> str:
    return f"“{_short(claim.text)}” ({claim.get_verdict_display()})"


def report_status(source: ContactSource) -> str:
    """The review status of one article's report of a contact: rejected when the report or the
    contact is, proposed while either awaits review, else confirmed."""
    statuses = {source.status, source.contact.status}
    for status in (ReviewStatus.REJECTED, ReviewStatus.PROPOSED):
        if status in statuses:
            return status
    return ReviewStatus.CONFIRMED


def _contact_label(source: ContactSource) -> str:
    contact = source.contact
    label = f"{contact.get_kind_display()}, {contact.date:%Y-%m-%d}: {_short(source.evidence)}"
    if contact.status == ReviewStatus.CONFIRMED and source.status == ReviewStatus.PROPOSED:
        label += " (on record from another source; this article's report awaits review)"
    return label


def article_review_items(article: Article) -> list[ReviewItem]:
    """Every item extracted from ``article``, in text order, then the people its items name and
    the offices inferred for them while not confirmed (they have no span); five queries."""
    sources = ContactSource.objects.filter(article=article).select_related("contact")
    items = [_item("contact", s.contact_id, report_status(s), (s.start, s.end), _contact_label(s)) for s in sources]
    items += [
        _item("statement", s.pk, s.status, (s.start, s.end), f"{s.speaker}: “{_short(s.quote)}”")
        for s in Statement.objects.filter(article=article).select_related("speaker")
    ]
    items += [
        _item(
            "gap_claim", c.pk, c.status, (c.start_offset, c.end_offset), f"“{c.text[:120]}” ({c.get_verdict_display()})"
        )
        for c in GapClaim.objects.filter(article=article)
    ]
    named = Person.objects.named_in(article)
    items += [
        _item("person", p.pk, p.status, (None, None), f"{p.name}{f' ({p.country})' if p.country else ''}")
        for p in named.exclude(status=ReviewStatus.CONFIRMED).select_related("country").order_by("name")
    ]
    offices = Office.objects.filter(person__in=named).exclude(status=ReviewStatus.CONFIRMED)
    items += [
        _item("office", o.pk, o.status, (None, None), f"{o.person.name}: {o}")
        for o in offices.select_related("person", "country").order_by("person__name", "pk")
    ]
    items.sort(key=lambda i: (i.start is None, i.start or 0, ITEM_KINDS.index(i.kind), i.pk))
    return items


def review_list_html(article: Article, items: list[ReviewItem]):
    """The review list beside the text. The buttons belong to the article page's one small review
    form (``form=`` attribute): the list sits inside the change form, and forms cannot nest."""
    if not items:
        return format_html('<p class="review-none">{}</p>', "Extraction found no items in this text.")
    rows = format_html_join(
        "",
        '<li id="{}" class="review-item review-{}">'
        '<span class="hl hl-{}">{}</span> <span class="review-status">{}</span> '
        '<span class="review-label">{}</span> '
        '<button type="submit" form="article-item-review" name="item" value="{}:{}:confirmed"{}>Confirm</button> '
        '<button type="submit" form="article-item-review" name="item" value="{}:{}:rejected"{}>Reject</button> '
        '<a href="{}">Edit</a></li>',
        (
            (
                i.anchor,
                i.status,
                i.kind_label.replace(" ", "-"),
                i.kind_label,
                i.status,
                i.label,
                i.kind,
                i.pk,
                " disabled" if i.status == ReviewStatus.CONFIRMED else "",
                i.kind,
                i.pk,
                " disabled" if i.status == ReviewStatus.REJECTED else "",
                i.url,
            )
            for i in items
        ),
    )
    return format_html('<ol class="review-items">{}</ol>', rows)


def article_warnings(article: Article) -> list[str]:
    """What an editor must know about the text before trusting its items."""
    warnings = []
    if article.published is None:
        warnings.append(f"{NO_DATE_NOTE}: set the date and re-run extraction.")
    truncated = text_looks_truncated(article.text, limit=MAX_TEXT_CHARS)
    if truncated:
        warnings.append(f"The text looks truncated: {truncated}. Items near its end may be missing.")
    return warnings


def article_review_context(article: Article) -> dict:
    """What the article's change page adds for review (see ``change_form.html``)."""
    return {
        "review_warnings": article_warnings(article),
        "unplaced_names": list(article.unplaced_names.filter(status=ReviewStatus.PROPOSED)),
        "people_for_linking": Person.objects.order_by("name").only("slug", "name"),
    }


# --- Views (wired by ``ArticleAdmin.get_urls``, which makes the writing ones POST-only) -----------


def item_review_view(modeladmin, request, object_id):
    article = modeladmin._article_for_post(request, object_id)
    kind, _, rest = request.POST.get("item", "").partition(":")
    item_id, _, status = rest.partition(":")
    try:
        changed = article_item_set_status(article=article, kind=kind, item_id=int(item_id), status=status)
    except (ObjectDoesNotExist, ValidationError, ValueError) as error:
        reason = "; ".join(getattr(error, "messages", [str(error)])) or "no such item"
        modeladmin.message_user(request, f"Nothing changed: {reason}", messages.ERROR)
    else:
        what = f"{kind.replace('_', ' ')} {item_id}"
        modeladmin.message_user(request, f"{what} {status}." if changed else f"{what} was already {status}.")
    return redirect(reverse("admin:tracker_article_change", args=[article.pk]) + f"#review-{kind}-{item_id}")


def _items_proposed(placement: Placement) -> str:
    result = placement.extraction
    if result.status == "failed":
        return f"Extraction could not run again ({result.reason}): use “Re-run extraction”."
    items = ", ".join(f"{n} {kind}" for kind, n in sorted(result.proposed.items()))
    return f"Extraction ran again: {items or 'no new items'} proposed for review."


def unplaced_name_view(modeladmin, request, object_id, name_id):
    article = modeladmin._article_for_post(request, object_id)
    unplaced = get_object_or_404(UnplacedName, pk=name_id, article=article)
    action = request.POST.get("action")
    if action == "create":
        placement = unplaced_name_person_create(unplaced=unplaced)
        modeladmin.message_user(request, f"Created {placement.person}. {_items_proposed(placement)}")
    elif action == "link":
        person = get_object_or_404(Person, slug=(request.POST.get("person") or "").strip())
        placement = unplaced_name_link(unplaced=unplaced, person=person)
        modeladmin.message_user(request, f"“{unplaced.text}” is now an alias of {person}. {_items_proposed(placement)}")
    elif action == "dismiss":
        unplaced_name_dismiss(unplaced=unplaced)
        modeladmin.message_user(request, f"“{unplaced.text}” dismissed: not a person.")
    else:
        modeladmin.message_user(request, "Nothing changed: unknown action.", messages.ERROR)
    return redirect("admin:tracker_article_change", article.pk)


def review_queue(publisher: str | None = None):
    queue = Article.objects.awaiting_review()
    return queue.filter(publisher=publisher) if publisher else queue


def review_queue_view(modeladmin, request):
    if not modeladmin.has_view_permission(request):
        raise PermissionDenied
    publisher = request.GET.get("publisher") or None
    publishers = review_queue().order_by("publisher").values_list("publisher", flat=True).distinct()
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Articles awaiting review",
        "subtitle": None,
        "opts": modeladmin.model._meta,
        "queue": review_queue(publisher),
        "publisher": publisher,
        "publishers": list(publishers),
        "has_view_permission": True,
    }
    return TemplateResponse(request, "admin/tracker/article/review_queue.html", context)
