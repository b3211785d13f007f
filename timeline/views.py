from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from tracker.models import Article, Contact, Person


@require_GET
def home(request):
    contacts = Contact.objects.confirmed().prefetch_related("participants").order_by("-date", "-id")[:20]
    return render(request, "timeline/home.html", {"contacts": contacts})


@require_GET
def leader(request, slug: str):
    person = get_object_or_404(Person, slug=slug)
    ctx = {
        "person": person,
        "offices": person.offices.select_related("country").order_by("start"),
        "contacts": person.contacts.confirmed().prefetch_related("participants").order_by("-date")[:50],
    }
    return render(request, "timeline/leader.html", ctx)


@require_GET
def contact(request, pk: int):
    item = get_object_or_404(Contact.objects.prefetch_related("participants", "sources__article"), pk=pk)
    return render(request, "timeline/contact.html", {"contact": item})


@require_GET
def article(request, pk: int):
    item = get_object_or_404(Article, pk=pk)
    return render(request, "timeline/article.html", {"article": item})
