"""Merging in the admin: select two or more contacts (or two people) on their list, choose the one
to keep on a preview page that lists what will move, confirm with a POST. The plan, the refusals
and the writes are ``tracker.services.merge``'s; this module only shows them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import urlencode

from tracker.services.merge import (
    MergePlan,
    MergeRefused,
    contacts_merge,
    contacts_merge_plan,
    people_merge,
    people_merge_plan,
)


@dataclass(frozen=True)
class MergeKind:
    """How one model merges: how many may be chosen, and the service's plan and merge."""

    at_most: int | None
    plan: Callable[..., MergePlan]
    merge: Callable[..., object]


def _contacts_plan(keep, others) -> MergePlan:
    return contacts_merge_plan(keep=keep, others=others)


def _contacts_merge(keep, others, confirmed: bool):
    return contacts_merge(keep=keep, others=others, confirmed=confirmed)


def _people_plan(keep, others) -> MergePlan:
    return people_merge_plan(keep=keep, other=others[0])


def _people_merge(keep, others, confirmed: bool):
    return people_merge(keep=keep, other=others[0])


CONTACTS = MergeKind(at_most=None, plan=_contacts_plan, merge=_contacts_merge)
PEOPLE = MergeKind(at_most=2, plan=_people_plan, merge=_people_merge)


class MergeAdminMixin:
    """A "Merge the selected …" action and its preview page for a ``ModelAdmin``."""

    merge_kind: MergeKind

    def get_urls(self):
        view = self.admin_site.admin_view(self.merge_view)
        return [path("merge/", view, name=self._merge_url_name()), *super().get_urls()]

    def _merge_url_name(self) -> str:
        return f"{self.model._meta.app_label}_{self.model._meta.model_name}_merge"

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.has_change_permission(request) and self.has_delete_permission(request):
            description = f"Merge the selected {self.model._meta.verbose_name_plural}…"
            actions["merge_selected"] = (MergeAdminMixin.merge_selected, "merge_selected", description)
        return actions

    def merge_selected(self, request, queryset):
        ids = sorted(queryset.values_list("pk", flat=True))
        url = reverse(f"admin:{self._merge_url_name()}")
        return HttpResponseRedirect(f"{url}?{urlencode({'ids': ','.join(map(str, ids))})}")

    def merge_view(self, request):
        if not (self.has_change_permission(request) and self.has_delete_permission(request)):
            raise PermissionDenied
        data = request.POST if request.method == "POST" else request.GET
        chosen = self._merge_chosen(data.get("ids", ""))
        opts = self.model._meta
        problem = None
        if len(chosen) < 2:
            problem = f"Choose at least two {opts.verbose_name_plural} to merge."
        elif self.merge_kind.at_most and len(chosen) > self.merge_kind.at_most:
            problem = f"Merge {opts.verbose_name_plural} {self.merge_kind.at_most} at a time."
        if problem:
            self.message_user(request, problem, messages.ERROR)
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        keep_id = data.get("keep")
        keep = next((o for o in chosen if str(o.pk) == keep_id), chosen[0])
        others = [o for o in chosen if o.pk != keep.pk]
        if request.method == "POST":
            try:
                self.merge_kind.merge(keep, others, confirmed=bool(request.POST.get("confirmed")))
            except MergeRefused as refused:
                self.message_user(request, f"Not merged, nothing changed: {refused}", messages.ERROR)
            else:
                self.message_user(request, f"Merged {len(others)} into {keep}.", messages.SUCCESS)
                return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", keep.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {opts.verbose_name_plural}",
            "subtitle": None,
            "opts": opts,
            "chosen": chosen,
            "keep": keep,
            "ids": ",".join(str(o.pk) for o in chosen),
            "plan": self.merge_kind.plan(keep, others),
            "has_view_permission": self.has_view_permission(request),
        }
        return TemplateResponse(request, "admin/tracker/merge_preview.html", context)

    def _merge_chosen(self, ids: str) -> list:
        wanted = [int(i) for i in ids.split(",") if i.strip().isdigit()]
        found = {o.pk: o for o in self.get_queryset_for_merge().filter(pk__in=wanted)}
        return [found[i] for i in wanted if i in found]

    def get_queryset_for_merge(self):
        return self.model._default_manager.all()
