from datetime import date

import pytest
from django.core.management import call_command

from tracker.models import Article, Contact, Country, Gap, Office, Person, Statement
from tracker.services.upkeep import gaps_recompute_pair
from tracker.synthetic import synthetic_generate

pytestmark = pytest.mark.django_db


def test_synthetic_record_is_fictional_confirmed_and_has_its_gaps():
    made = synthetic_generate(leaders=9, contacts=200, statements=100, seed=2, until=date(2024, 1, 1))
    assert made["contacts"] == Contact.objects.count() == 200
    assert Statement.objects.count() == 100 and Person.objects.count() == 9
    assert not Country.objects.exclude(iso_alpha2=None).exists()
    assert set(Contact.objects.values_list("status", flat=True)) == {"confirmed"}
    assert all(c.participants.count() >= 2 for c in Contact.objects.all()[:50])
    # the bulk recomputation agrees with the per-pair one
    pair = Gap.objects.order_by().values_list("person_a", "person_b").first()
    before = sorted(Gap.objects.filter(person_a=pair[0], person_b=pair[1]).values_list("before", "after", "days"))
    gaps_recompute_pair(*pair)
    after = sorted(Gap.objects.filter(person_a=pair[0], person_b=pair[1]).values_list("before", "after", "days"))
    assert before == after and before


def test_synthetic_record_is_the_same_for_the_same_seed_on_an_empty_database():
    synthetic_generate(leaders=6, contacts=30, statements=10, seed=5, until=date(2024, 1, 1))
    first = list(Contact.objects.order_by("id").values_list("date", "kind"))
    for model in (Statement, Contact, Article, Office, Person, Country):
        model.objects.all().delete()
    synthetic_generate(leaders=6, contacts=30, statements=10, seed=5, until=date(2024, 1, 1))
    assert list(Contact.objects.order_by("id").values_list("date", "kind")) == first


def test_synth_command_runs(capsys):
    call_command("synth", "--leaders", "6", "--contacts", "20", "--statements", "5", "--seed", "1")
    assert "20 contacts" in capsys.readouterr().out
