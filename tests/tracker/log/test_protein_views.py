import datetime

import pytest

from tests.tracker.factories import LegMeasurementFactory, ProteinEntryFactory
from tracker.log.models import ProteinEntry, get_profile


def protein_data(**overrides):
    return {"date": "2025-03-10", "protein_g": "25", "food": "", "meal": "", **overrides}


def test_a_protein_entry_is_saved(signed_in, runner):
    response = signed_in.post(
        "/log/protein/new/", protein_data(protein_g="32.5", food="Skyr", meal="breakfast")
    )
    entry = ProteinEntry.objects.get()
    assert response["Location"] == f"/log/protein/{entry.pk}/"
    assert (entry.user, entry.protein_g, entry.food, entry.meal) == (
        runner,
        32.5,
        "Skyr",
        "breakfast",
    )


def test_several_entries_a_day_add_up_against_the_target(signed_in, runner):
    LegMeasurementFactory(user=runner, date=datetime.date(2025, 3, 1), weight_kg=75)
    day = datetime.date(2025, 3, 10)
    ProteinEntryFactory(user=runner, date=day, protein_g=30)
    ProteinEntryFactory(user=runner, date=day, protein_g=42)
    ProteinEntryFactory(user=runner, date=day - datetime.timedelta(days=1), protein_g=99)
    response = signed_in.get("/log/protein/")
    day_row = response.context["days"][day]
    assert day_row["total_g"] == 72
    assert day_row["target_g"] == pytest.approx(120)  # 1.6 g/kg × 75 kg
    assert day_row["percent_of_target"] == 60
    assert "72 g" in response.content.decode()
    assert "of 120 g target (60 %)" in response.content.decode()


def test_quick_add_returns_to_the_page_it_came_from(signed_in, runner):
    today = get_profile(runner).today().isoformat()
    response = signed_in.post(
        "/log/protein/new/", {"date": today, "protein_g": "20", "next": "/log/"}
    )
    assert response["Location"] == "/log/"
    assert ProteinEntry.objects.get().protein_g == 20


def test_quick_add_never_leaves_the_site(signed_in):
    response = signed_in.post("/log/protein/new/", protein_data(next="https://evil.example/"))
    assert response["Location"] == f"/log/protein/{ProteinEntry.objects.get().pk}/"


def test_the_protein_page_has_quick_add_buttons_for_today(signed_in, runner):
    page = signed_in.get("/log/protein/").content.decode()
    assert "+20 g" in page
    assert f'value="{get_profile(runner).today():%Y-%m-%d}"' in page


@pytest.mark.parametrize(
    ("grams", "message"),
    [
        ("500", "Enter at most 300 g in one entry; split a big day into several entries."),
        ("0", "Enter the grams of protein, above 0."),
        ("-20", "Enter the grams of protein, above 0."),
        ("", "This field is required."),
        ("lots", "Enter a number."),
        ("20.25", "Use fewer decimal places (at most 1)."),
    ],
)
def test_implausible_protein_is_refused(signed_in, grams, message):
    response = signed_in.post("/log/protein/new/", protein_data(protein_g=grams))
    assert response.context["form"].errors["protein_g"] == [message]
    assert not ProteinEntry.objects.exists()


def test_an_unknown_meal_is_refused(signed_in):
    response = signed_in.post("/log/protein/new/", protein_data(meal="brunch"))
    assert "meal" in response.context["form"].errors
    assert not ProteinEntry.objects.exists()


def test_editing_and_deleting_an_entry(signed_in, runner):
    entry = ProteinEntryFactory(user=runner)
    signed_in.post(f"/log/protein/{entry.pk}/edit/", protein_data(protein_g="40", food="Tofu"))
    entry.refresh_from_db()
    assert (entry.protein_g, entry.food) == (40, "Tofu")
    assert (
        "Delete this protein entry?"
        in signed_in.get(f"/log/protein/{entry.pk}/delete/").content.decode()
    )
    assert signed_in.post(f"/log/protein/{entry.pk}/delete/")["Location"] == "/log/protein/"
    assert not ProteinEntry.objects.exists()


def test_the_list_filters_by_date_and_pages_by_25(signed_in, runner, other_runner):
    ProteinEntryFactory.create_batch(30, user=runner, date=datetime.date(2025, 3, 10))
    ProteinEntryFactory(user=runner, date=datetime.date(2025, 1, 1))
    ProteinEntryFactory(user=other_runner, date=datetime.date(2025, 3, 10))
    assert len(signed_in.get("/log/protein/").context["page"]) == 25
    assert len(signed_in.get("/log/protein/", {"page": 2}).context["page"]) == 6
    filtered = signed_in.get("/log/protein/", {"start": "2025-03-01"}).context["page"]
    assert filtered.paginator.count == 30


def test_a_new_runner_is_guided_to_the_first_entry(signed_in):
    assert "Add your first entry" in signed_in.get("/log/protein/").content.decode()


@pytest.mark.parametrize("days", [1, 10])
def test_the_list_needs_the_same_queries_for_1_or_10_days(
    signed_in, runner, days, django_assert_num_queries
):
    for offset in range(days):
        ProteinEntryFactory.create_batch(3, user=runner, date=datetime.date(2025, 3, 1 + offset))
    LegMeasurementFactory(user=runner, date=datetime.date(2025, 2, 1))
    get_profile(runner)
    # session, user, profile, page count, page rows, the page's day totals, today's total
    # and today's body weight
    with django_assert_num_queries(8):
        signed_in.get("/log/protein/")


OBJECT_URLS = ["/log/protein/{pk}/", "/log/protein/{pk}/edit/", "/log/protein/{pk}/delete/"]


@pytest.mark.parametrize("url", OBJECT_URLS)
@pytest.mark.parametrize("method", ["get", "post"])
def test_another_runners_entry_is_a_404_and_stays_unchanged(
    client, runner, other_runner, url, method
):
    theirs = ProteinEntryFactory(user=other_runner, protein_g=30)
    client.force_login(runner)
    response = getattr(client, method)(url.format(pk=theirs.pk), protein_data(protein_g="1"))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert (theirs.protein_g, theirs.user) == (30, other_runner)
