"""The editors' tool for the record: people, offices, topics, contacts, statements, and the gaps and
claims derived from them. Admin actions call ``tracker.services`` and add no logic of their own."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Count

from tracker.admin.imports import ContactImportMixin
from tracker.admin.merge import CONTACTS, PEOPLE, MergeAdminMixin
from tracker.models import (
    Contact,
    ContactSource,
    Country,
    Event,
    Gap,
    GapClaim,
    Office,
    Person,
    ReviewStatus,
    Statement,
    Topic,
)
from tracker.services.claims import gap_claim_verify
from tracker.services.confirming import people_set_status, statements_set_status
from tracker.services.contacts import contact_validate_participants, contacts_set_status


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "iso_alpha2", "iso_alpha3", "demonyms"]
    list_filter = ["kind"]
    search_fields = ["name", "official_name", "iso_alpha2", "iso_alpha3", "aliases", "demonyms"]


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 1
    autocomplete_fields = ["country"]


@admin.register(Person)
class PersonAdmin(MergeAdminMixin, admin.ModelAdmin):
    merge_kind = PEOPLE
    list_display = ["name", "country", "current_offices", "contact_count", "status"]
    list_filter = ["status", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "aliases"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OfficeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("country").annotate(n_contacts=Count("contacts"))

    @admin.display(description="Contacts", ordering="n_contacts")
    def contact_count(self, obj):
        return obj.n_contacts

    @admin.display(description="Offices")
    def current_offices(self, obj):
        return "; ".join(
            f"{o.title} of {o.country.name_in_text}" for o in obj.offices.all() if o.end is None and o.term.end_known
        )


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "country", "start", "end", "is_head", "status"]
    list_filter = ["is_head", "title", ("country", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["person__name", "title", "country__name"]
    autocomplete_fields = ["person", "country"]
    date_hierarchy = "start"


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "keywords"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    """Events claims count from ("since the harbour bombing"): saving one dates the claims naming it."""

    list_display = ["name", "date", "precision", "aliases"]
    search_fields = ["name", "aliases"]
    prepopulated_fields = {"slug": ["name"]}
    date_hierarchy = "date"


class ContactAdminForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "kind",
            "date",
            "date_precision",
            "participants",
            "host",
            "initiator",
            "topics",
            "summary",
            "status",
            "planned",
        ]

    def clean(self):
        cleaned = super().clean()
        participants = cleaned.get("participants")
        if participants is not None:
            try:
                contact_validate_participants(participants)
            except forms.ValidationError as error:
                self.add_error("participants", error)
        return cleaned


class ContactSourceInline(admin.TabularInline):
    model = ContactSource
    extra = 0
    autocomplete_fields = ["article"]
    fields = ["article", "evidence", "start", "end", "reported_kind"]


class StatementInline(admin.TabularInline):
    model = Statement
    extra = 0
    autocomplete_fields = ["speaker", "contact"]
    fields = ["speaker", "quote", "date", "channel", "contact", "is_fragment", "status", "start", "end"]


@admin.action(description="Confirm the selected items")
def confirm_selected(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, ReviewStatus.CONFIRMED)


@admin.action(description="Reject the selected items")
def reject_selected(modeladmin, request, queryset):
    _set_status(modeladmin, request, queryset, ReviewStatus.REJECTED)


def _set_status(modeladmin, request, queryset, status):
    if queryset.model is Contact:
        changed = contacts_set_status(queryset, status)
    elif queryset.model is Statement:
        changed = statements_set_status(queryset, status)
    elif queryset.model is Person:
        try:
            changed = people_set_status(queryset, status)
        except ValidationError as refused:
            modeladmin.message_user(request, " ".join(refused.messages), messages.ERROR)
            return
    else:
        changed = queryset.exclude(status=status).update(status=status)
        if queryset.model is GapClaim:
            for claim in queryset:
                gap_claim_verify(claim)
    modeladmin.message_user(request, f"{changed} item(s) marked {status}.", messages.SUCCESS)


# Confirming a person confirms the offices proposed for them (``people_set_status``).
PersonAdmin.actions = [confirm_selected, reject_selected]


@admin.register(Contact)
class ContactAdmin(ContactImportMixin, MergeAdminMixin, admin.ModelAdmin):
    merge_kind = CONTACTS
    form = ContactAdminForm
    list_display = ["date", "kind", "people", "status", "planned", "source_count"]
    list_filter = [
        "kind",
        "status",
        "planned",
        "date_precision",
        ("participants__country", admin.RelatedOnlyFieldListFilter),
        ("topics", admin.RelatedOnlyFieldListFilter),
        "date",
    ]
    search_fields = ["summary", "participants__name", "participants__aliases"]
    autocomplete_fields = ["participants", "host", "initiator", "topics"]
    date_hierarchy = "date"
    actions = [confirm_selected, reject_selected]
    inlines = [ContactSourceInline, StatementInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related("participants")
            .annotate(n_sources=Count("sources", distinct=True))
        )

    @admin.display(description="Participants")
    def people(self, obj):
        return ", ".join(p.name for p in obj.participants.all())

    @admin.display(description="Sources", ordering="n_sources")
    def source_count(self, obj):
        return obj.n_sources


@admin.register(ContactSource)
class ContactSourceAdmin(admin.ModelAdmin):
    list_display = ["contact", "article", "evidence"]
    search_fields = ["evidence", "article__title"]
    autocomplete_fields = ["contact", "article"]
    list_select_related = ["contact", "article"]


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ["speaker", "short_quote", "date", "channel", "is_fragment", "status"]
    list_filter = ["status", "channel", "is_fragment", ("speaker__country", admin.RelatedOnlyFieldListFilter), "date"]
    search_fields = ["quote", "speaker__name"]
    autocomplete_fields = ["speaker", "contact", "article", "topics"]
    date_hierarchy = "date"
    actions = [confirm_selected, reject_selected]
    list_select_related = ["speaker"]

    @admin.display(description="Quote")
    def short_quote(self, obj):
        return obj.quote if len(obj.quote) <= 90 else obj.quote[:87] + "…"


class GapClaimInline(admin.StackedInline):
    model = GapClaim
    extra = 0
    fk_name = "article"
    autocomplete_fields = ["person_a", "person_b", "anchor_event"]
    readonly_fields = ["verdict", "verdict_reason"]


@admin.register(Gap)
class GapAdmin(admin.ModelAdmin):
    """Derived from confirmed contacts: shown, never edited."""

    list_display = ["person_a", "person_b", "start", "end", "days", "longest_since", "is_record", "approximate"]
    list_filter = ["is_record", "approximate"]
    search_fields = ["person_a__name", "person_b__name"]
    list_select_related = ["person_a", "person_b"]
    date_hierarchy = "end"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description="Check the selected claims against the record again")
def reverify_selected(modeladmin, request, queryset):
    for claim in queryset:
        gap_claim_verify(claim)
    modeladmin.message_user(request, f"{queryset.count()} claim(s) checked.", messages.SUCCESS)


@admin.register(GapClaim)
class GapClaimAdmin(admin.ModelAdmin):
    list_display = ["text", "person_a", "person_b", "ends", "comparison", "verdict", "status"]
    list_filter = ["verdict", "comparison", "status"]
    search_fields = ["text", "person_a__name", "person_b__name"]
    autocomplete_fields = ["person_a", "person_b", "article", "anchor_event"]
    readonly_fields = ["verdict", "verdict_reason", "deciding_gap", "runner_up_gap", "conflicting_contact", "verified"]
    actions = [confirm_selected, reject_selected, reverify_selected]
    list_select_related = ["person_a", "person_b"]
    # One form for every shape of claim; the help texts say which fields each comparison reads.
    fieldsets = [
        (None, {"fields": ["article", "text", "person_a", "person_b", "ends", "comparison", "status"]}),
        ("Length ('more than a month', 'ten days after')", {"fields": ["duration_days", "duration_months"]}),
        (
            "Counted from ('since October 7', 'since the harbour bombing', 'this year')",
            {"fields": ["anchor", "anchor_precision", "anchor_text", "anchor_event"]},
        ),
        ("Nth contact ('our second call', 'the first time they met')", {"fields": ["ordinal", "contact_kind"]}),
        ("Last contact ('they last met in June')", {"fields": ["starts", "last_when"]}),
        ("Where in the article", {"fields": ["start_offset", "end_offset"], "classes": ["collapse"]}),
        ("Verdict (computed)", {"fields": readonly_fields}),
    ]
