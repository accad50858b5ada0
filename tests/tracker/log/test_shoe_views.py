"""/log/shoes/: a runner's shoes with their distance and life; the form, retiring, deleting;
defaults on the run form and on import; warnings at 80 % and 100 %."""

import datetime

import pytest

from tests.samples import SAMPLES
from tests.tracker.factories import RunFactory, ShoeFactory
from tracker.log import shoes as shoe_wear
from tracker.log.models import Run, Shoe, get_profile
from tracker.transfer.imports import import_files


def distance_of(shoe) -> float:
    return Shoe.objects.with_distance().get(pk=shoe.pk).distance_m


def test_a_pairs_distance_is_its_start_plus_its_runs_and_follows_edits_and_deletions(runner):
    shoe = ShoeFactory(user=runner, start_distance_m=50_000)
    first = RunFactory(user=runner, shoe=shoe, distance_m=10_000)
    RunFactory(user=runner, shoe=shoe, distance_m=21_100)
    RunFactory(user=runner, distance_m=5_000)  # in no shoes
    assert distance_of(shoe) == pytest.approx(81_100)
    first.distance_m = 12_000
    first.save()
    assert distance_of(shoe) == pytest.approx(83_100)
    first.delete()
    assert distance_of(shoe) == pytest.approx(71_100)


def test_a_new_pairs_distance_is_its_starting_distance(runner):
    shoe = ShoeFactory(user=runner, start_distance_m=12_345)
    assert distance_of(shoe) == 12_345


def test_the_list_shows_distance_life_and_a_warning_past_80_percent(signed_in, runner):
    shoe = ShoeFactory(user=runner, name="Ghost 15", retire_at_m=100_000)
    RunFactory(user=runner, shoe=shoe, distance_m=85_000, duration_s=30_000)
    page = signed_in.get("/log/shoes/").content.decode()
    assert "Ghost 15" in page
    assert "85.00 km" in page
    assert "85 %" in page
    assert "Worn" in page
    assert "/guide/" in page  # the injuries article


def test_the_list_queries_do_not_grow_with_shoes(signed_in, runner, django_assert_num_queries):
    for _ in range(5):
        RunFactory(user=runner, shoe=ShoeFactory(user=runner))
    get_profile(runner)
    # session, user, profile, the shoes with their summed distance
    with django_assert_num_queries(4):
        signed_in.get("/log/shoes/")


def test_adding_shoes_in_miles_stores_metres_and_defaults_to_700_km(signed_in, runner):
    profile = get_profile(runner)
    profile.units = "imperial"
    profile.save()
    form = signed_in.get("/log/shoes/new/").content.decode()
    assert 'value="434.96"' in form  # 700 km in miles
    response = signed_in.post(
        "/log/shoes/new/",
        {"name": "Speed 3", "brand": "Saucony", "start_distance": "10", "retire_at": "400"},
    )
    assert response.status_code == 302
    shoe = Shoe.objects.get(user=runner)
    assert shoe.start_distance_m == pytest.approx(16_093.44)
    assert shoe.retire_at_m == pytest.approx(643_737.6)


def test_a_second_pair_with_the_same_name_is_refused(signed_in, runner):
    ShoeFactory(user=runner, name="Pegasus 40")
    response = signed_in.post("/log/shoes/new/", {"name": "pegasus 40", "retire_at": "700"})
    assert response.status_code == 200
    assert "already have shoes with this name" in response.content.decode()


def test_an_absurd_retirement_distance_is_refused(signed_in, runner):
    response = signed_in.post("/log/shoes/new/", {"name": "X", "retire_at": "90000"})
    assert "5,000 km" in response.content.decode()
    assert not Shoe.objects.exists()


def test_retiring_hides_a_pair_from_the_run_form_but_keeps_its_runs(signed_in, runner):
    shoe = ShoeFactory(user=runner, name="Old trail shoes")
    run = RunFactory(user=runner, shoe=shoe)
    signed_in.post(f"/log/shoes/{shoe.pk}/retire/", follow=True)  # the message is shown
    shoe.refresh_from_db()
    assert shoe.retired
    assert "Old trail shoes" not in signed_in.get("/log/runs/new/").content.decode()
    # The run in them still shows its pair when edited.
    assert "Old trail shoes" in signed_in.get(f"/log/runs/{run.pk}/edit/").content.decode()
    signed_in.post(f"/log/shoes/{shoe.pk}/retire/")
    shoe.refresh_from_db()
    assert not shoe.retired


def test_deleting_a_pair_leaves_its_runs_without_shoes(signed_in, runner):
    shoe = ShoeFactory(user=runner)
    run = RunFactory(user=runner, shoe=shoe)
    assert signed_in.post(f"/log/shoes/{shoe.pk}/delete/").status_code == 302
    run.refresh_from_db()
    assert run.shoe is None


RUN_POST = {"date": "2025-03-10", "distance": "10", "duration": "50:00", "surface": "road"}


def test_a_new_run_left_without_shoes_gets_the_default_for_its_type(signed_in, runner):
    ShoeFactory(user=runner, name="Road pair", default_for_surface="road")
    racer = ShoeFactory(user=runner, name="Racers", default_for_run_type="race")
    signed_in.post("/log/runs/new/", {**RUN_POST, "run_type": "race"})
    assert Run.objects.get(user=runner).shoe == racer


def test_without_a_default_for_the_type_the_surfaces_default_is_used(signed_in, runner):
    road = ShoeFactory(user=runner, name="Road pair", default_for_surface="road")
    ShoeFactory(user=runner, name="Racers", default_for_run_type="race")
    signed_in.post("/log/runs/new/", {**RUN_POST, "run_type": "easy"})
    assert Run.objects.get(user=runner).shoe == road


def test_a_chosen_pair_wins_over_the_default(signed_in, runner):
    ShoeFactory(user=runner, default_for_surface="road")
    chosen = ShoeFactory(user=runner)
    signed_in.post("/log/runs/new/", {**RUN_POST, "run_type": "easy", "shoe": chosen.pk})
    assert Run.objects.get(user=runner).shoe == chosen


def test_another_runners_pair_cannot_be_chosen(signed_in, runner, other_runner):
    theirs = ShoeFactory(user=other_runner)
    response = signed_in.post("/log/runs/new/", {**RUN_POST, "run_type": "easy", "shoe": theirs.pk})
    assert response.status_code == 200
    assert not Run.objects.filter(user=runner).exists()


def test_an_imported_run_gets_the_default_pair(runner):
    trail = ShoeFactory(
        user=runner, default_for_surface="road", started_on=datetime.date(2000, 1, 1)
    )
    path = SAMPLES / "gpx" / "run-garmin-3.1km-hr.gpx"
    import_files(user=runner, files=[(path.name, path.read_bytes())])
    assert Run.objects.get(user=runner).shoe == trail


def test_a_gear_name_matches_by_name_or_brand_and_name():
    pegasus = Shoe(name="Pegasus 40", brand="Nike")
    trail = Shoe(name="Old trail shoes", brand="")
    assert shoe_wear.matching_gear("Pegasus 40", [pegasus, trail]) == pegasus
    assert shoe_wear.matching_gear(" nike  pegasus 40 ", [pegasus, trail]) == pegasus
    assert shoe_wear.matching_gear("Old trail shoes", [pegasus, trail]) == trail
    assert shoe_wear.matching_gear("Vaporfly", [pegasus, trail]) is None
    assert shoe_wear.matching_gear("", [pegasus]) is None


def test_worn_shoes_are_the_active_pairs_past_80_percent_most_worn_first(runner):
    fine = ShoeFactory(user=runner, retire_at_m=100_000)
    worn = ShoeFactory(user=runner, retire_at_m=100_000, start_distance_m=80_000)
    done = ShoeFactory(user=runner, retire_at_m=100_000, start_distance_m=60_000)
    RunFactory(user=runner, shoe=done, distance_m=41_000)
    RunFactory(user=runner, shoe=fine, distance_m=79_000)
    ShoeFactory(user=runner, retired=True, start_distance_m=900_000)
    found = shoe_wear.worn_shoes(runner)
    assert [(w.shoe_id, w.level) for w in found] == [(done.pk, "retire"), (worn.pk, "worn")]


def test_the_warnings_partial_links_the_shoes_and_the_injuries_article(runner):
    from django.template.loader import render_to_string

    ShoeFactory(user=runner, name="Ghost", retire_at_m=100_000, start_distance_m=100_000)
    html = render_to_string("tracker/_shoe_warnings.html", shoe_wear.shoe_warnings_context(runner))
    assert "Ghost" in html
    assert "100 %" in html
    assert "/guide/" in html
    assert "/log/shoes/" in html


def test_another_runner_gets_404_for_each_shoe_view(signed_in, other_runner):
    shoe = ShoeFactory(user=other_runner, name="Theirs")
    for url in (f"/log/shoes/{shoe.pk}/edit/", f"/log/shoes/{shoe.pk}/delete/"):
        assert signed_in.get(url).status_code == 404
        assert signed_in.post(url, {"name": "Mine", "retire_at": "1"}).status_code == 404
    assert signed_in.post(f"/log/shoes/{shoe.pk}/retire/").status_code == 404
    shoe.refresh_from_db()
    assert shoe.name == "Theirs"
    assert not shoe.retired
    assert "Theirs" not in signed_in.get("/log/shoes/").content.decode()


def test_stravas_gear_names_pick_the_pair_on_import(runner):
    pegasus = ShoeFactory(user=runner, name="Pegasus 40", started_on=None)
    road = ShoeFactory(user=runner, name="Road", default_for_surface="road", started_on=None)
    path = SAMPLES / "exports" / "strava-export-4-activities.zip"
    import_files(user=runner, files=[(path.name, path.read_bytes())])
    worn = list(Run.objects.filter(user=runner).values_list("shoe", flat=True))
    # activities.csv names "Pegasus 40" for two runs and "Old trail shoes" (not a pair in the
    # log) for the third, which gets the default for its surface instead.
    assert sorted(worn) == sorted([pegasus.pk, pegasus.pk, road.pk])
