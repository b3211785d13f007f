"""The visual timeline's data endpoint: the timeline's query string in, JSON out (``timeline.visual``)."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from timeline.filters import ContactFilter
from timeline.visual import DEFAULT_LANES, LANE_KINDS, MAX_LANES, VisualTimeline
from tracker.models import Contact, Person


class LaneOptions(forms.Form):
    """What the drawing asks for beside the filters: how to split the lanes and how many."""

    lanes = forms.ChoiceField(choices=[(k, k) for k in LANE_KINDS], required=False)
    lead = forms.ModelChoiceField(queryset=Person.objects.all(), to_field_name="slug", required=False)
    rows = forms.IntegerField(min_value=1, max_value=MAX_LANES, required=False)


@require_safe
def visual_data(request: HttpRequest) -> JsonResponse:
    options = LaneOptions(request.GET)
    if not options.is_valid():
        errors = [f"{name}: {' '.join(e)}" for name, e in options.errors.items()]
        return JsonResponse({"errors": errors}, status=400)
    params = request.GET.copy()
    for key in ("lanes", "lead", "rows"):
        params.pop(key, None)
    contact_filter = ContactFilter(params, queryset=Contact.objects.all(), request=request)
    lanes_by = options.cleaned_data["lanes"] or ("kind" if contact_filter.chosen_pair() else "pair")
    answer = VisualTimeline(
        contact_filter,
        lanes_by=lanes_by,
        lead=options.cleaned_data["lead"],
        rows=options.cleaned_data["rows"] or DEFAULT_LANES,
    ).data()
    return JsonResponse(answer, status=400 if "errors" in answer else 200)
