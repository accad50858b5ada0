"""The leg ledger's weights are guide data: loaded from the muscles' files, edited in the admin
(inline on the muscle), checked, kept by the loader, and read by the tracker's ledger and the
muscle page's "your month" block, which only a signed-in runner sees, with only their data."""

import shutil

import pytest
from django.db import IntegrityError, transaction

from knowledge.loading import CONTENT_DIR, ContentError, load_guidance
from knowledge.models import Muscle, StimulusWeight
from knowledge.shingles import copied_runs, load_source_hashes
from tests.test_html_validity import checker_missing, validate
from tests.tracker.ledger_log import build_log, set_weights
from tracker.log.models import get_profile
from tracker.progress.ledger import article_url, leg_ledger
from tracker.progress.periods import range_start
from tracker.progress.rows import read_rows

PREFIX = "stimulus_weights"


def muscle_form(muscle, **changes):
    """The muscle's admin form as it stands, with `changes` ({kind: {field: value}}) made to
    its inline weights."""
    data = {
        "name": muscle.name,
        "slug": muscle.slug,
        "order": muscle.order,
        "location": muscle.location,
        "function": muscle.function,
        "stride_phase": muscle.stride_phase,
        "running_load": muscle.running_load,
        "body": muscle.body,
    }
    weights = list(muscle.stimulus_weights.order_by("pk"))
    data.update(
        {
            f"{PREFIX}-TOTAL_FORMS": len(weights),
            f"{PREFIX}-INITIAL_FORMS": len(weights),
            f"{PREFIX}-MIN_NUM_FORMS": 0,
            f"{PREFIX}-MAX_NUM_FORMS": 1000,
        }
    )
    for i, weight in enumerate(weights):
        fields = {
            "id": weight.pk,
            "muscle": muscle.pk,
            "kind": weight.kind,
            "weight": weight.weight,
            "article": weight.article_id,
            "evidence_grade": weight.evidence_grade,
            "citation": weight.citation,
            "rationale": weight.rationale,
            **changes.get(weight.kind, {}),
        }
        data.update({f"{PREFIX}-{i}-{name}": value for name, value in fields.items()})
    return data


def edit(client, muscle, **changes):
    return client.post(
        f"/admin/knowledge/muscle/{muscle.pk}/change/", muscle_form(muscle, **changes)
    )


def test_every_guide_muscle_has_a_weight_for_each_kind_and_a_reason(guide):
    for muscle in Muscle.objects.all():
        weights = {w.kind: w for w in muscle.stimulus_weights.all()}
        assert set(weights) == set(StimulusWeight.Kind.values), muscle.slug
        for weight in weights.values():
            weight.full_clean()  # cited, or a rule of thumb with its reason, within bounds
            assert weight.rationale
    # The scale's unit: a main-muscle set is one point.
    assert set(
        StimulusWeight.objects.filter(kind="strength_primary").values_list("weight", flat=True)
    ) == {1.0}


def test_the_weights_reasons_are_in_our_own_words(guide):
    hashes = load_source_hashes()
    copied = [
        (weight.muscle.slug, weight.kind, run)
        for weight in StimulusWeight.objects.select_related("muscle")
        for run in copied_runs(weight.rationale, hashes)
    ]
    assert copied == []


def test_an_admin_edit_of_a_weight_changes_the_ledger_and_the_muscle_page(
    client, guide, admin_user, runner
):
    set_weights()
    today = get_profile(runner).today()
    build_log(runner, today)
    hamstrings = Muscle.objects.get(slug="hamstrings")

    client.force_login(runner)
    assert "<td>13.9</td>" in client.get(hamstrings.get_absolute_url()).content.decode()

    client.force_login(admin_user)
    response = edit(client, hamstrings, hard_running={"weight": 0.2})
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    assert StimulusWeight.objects.get(muscle=hamstrings, kind="hard_running").weight == 0.2

    # 50 hard minutes now give 10 points, not 5: 13.9 + 5 in the last 30 days.
    client.force_login(runner)
    html = client.get(hamstrings.get_absolute_url()).content.decode()
    assert "<td>18.9</td>" in html
    assert "0.2 per minute" in html  # the weights table everyone sees
    ledger = leg_ledger(read_rows(runner, range_start("12w", today), today), "week")
    (row,) = [m for m in ledger["muscles"] if m["slug"] == "hamstrings"]
    assert row["range_points"]["hard_running"] == 10.0
    assert row["range_total"] == 18.9


@pytest.mark.parametrize(
    ("kind", "changes", "field", "message"),
    [
        ("hard_running", {"weight": -0.1}, "weight", "A weight cannot be negative"),
        ("easy_running", {"weight": 0.6}, "weight", "At most 0.5 points per minute"),
        ("strength_primary", {"weight": 3.5}, "weight", "At most 3 points per set"),
        (
            "hills",
            {"evidence_grade": "rule_of_thumb", "rationale": ""},
            "rationale",
            "Say why this rule of thumb is used.",
        ),
        (
            "cycling",
            {"evidence_grade": "moderate", "citation": ""},
            "citation",
            "Cite the research, or label the weight a rule of thumb.",
        ),
    ],
)
def test_the_admin_refuses_a_bad_weight_with_a_clear_message(
    client, guide, admin_user, kind, changes, field, message
):
    client.force_login(admin_user)
    hamstrings = Muscle.objects.get(slug="hamstrings")
    before = StimulusWeight.objects.get(muscle=hamstrings, kind=kind)
    response = edit(client, hamstrings, **{kind: changes})
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors
    assert any(message in " ".join(form.get(field, [])) for form in errors), errors
    after = StimulusWeight.objects.get(pk=before.pk)
    assert (after.weight, after.rationale, after.citation) == (
        before.weight,
        before.rationale,
        before.citation,
    )


def test_the_database_refuses_a_negative_weight(guide):
    weight = StimulusWeight.objects.filter(muscle__slug="calves").first()
    with pytest.raises(IntegrityError), transaction.atomic():
        StimulusWeight.objects.filter(pk=weight.pk).update(weight=-1)


# Loading ------------------------------------------------------------------------------------


@pytest.fixture
def fresh_guide(no_guide):
    """A load into an empty database: these tests check what loading itself does."""
    return load_guidance()


@pytest.fixture
def content_copy(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, target)
    return target


def change_file_weight(content_dir, old, new):
    path = content_dir / "muscles" / "hamstrings.md"
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))


def test_the_loader_keeps_a_weight_an_admin_edited_unless_forced(
    fresh_guide, content_copy, client, admin_user
):
    client.force_login(admin_user)
    hamstrings = Muscle.objects.get(slug="hamstrings")
    assert edit(client, hamstrings, hard_running={"weight": 0.3}).status_code == 302
    change_file_weight(
        content_copy,
        "- kind: hard_running\n  weight: 0.1\n",
        "- kind: hard_running\n  weight: 0.12\n",
    )

    report = load_guidance(content_copy)
    assert report.kept == ["stimulus/hamstrings/hard_running"]
    assert StimulusWeight.objects.get(muscle=hamstrings, kind="hard_running").weight == 0.3
    # Nobody edited the muscle's text (its file changed, so it is updated) or its other weights.
    assert report.counts[("muscles", "updated")] == 1
    assert report.counts[("stimulus", "unchanged")] == 6 * Muscle.objects.count() - 1

    report = load_guidance(content_copy, force=True)
    assert report.counts[("stimulus", "updated")] == 1
    assert StimulusWeight.objects.get(muscle=hamstrings, kind="hard_running").weight == 0.12


def test_a_changed_weight_in_a_file_updates_a_weight_nobody_edited(fresh_guide, content_copy):
    change_file_weight(
        content_copy, "- kind: cycling\n  weight: 0.005\n", "- kind: cycling\n  weight: 0.01\n"
    )
    report = load_guidance(content_copy)
    assert report.counts[("stimulus", "updated")] == 1
    assert StimulusWeight.objects.get(muscle__slug="hamstrings", kind="cycling").weight == 0.01


def test_a_weight_out_of_bounds_in_a_file_loads_nothing(no_guide, content_copy):
    change_file_weight(
        content_copy, "- kind: cycling\n  weight: 0.005\n", "- kind: cycling\n  weight: 5\n"
    )
    with pytest.raises(ContentError, match="hamstrings.md: stimulus cycling: .*At most 0.5"):
        load_guidance(content_copy)
    assert Muscle.objects.count() == StimulusWeight.objects.count() == 0


def test_a_weight_citing_a_missing_article_is_named(no_guide, content_copy):
    change_file_weight(
        content_copy,
        "  weight: 0.005\n  article: cross-training-for-runners\n",
        "  weight: 0.005\n  article: no-such-article\n",
    )
    with pytest.raises(ContentError, match="stimulus cycling names article “no-such-article”"):
        load_guidance(content_copy)


# The muscle page's block ---------------------------------------------------------------------


def test_an_anonymous_visitor_sees_the_weights_but_no_month(client, guide, runner):
    build_log(runner, get_profile(runner).today())
    html = client.get("/guide/muscles/hamstrings/").content.decode()
    assert 'id="stimulus-weights"' in html
    assert "this month" not in html
    assert 'id="muscle-month-table"' not in html


def test_a_signed_in_runner_sees_their_own_month_only(client, guide, runner, other_runner):
    set_weights()
    build_log(runner, get_profile(runner).today())
    client.force_login(other_runner)
    html = client.get("/guide/muscles/hamstrings/").content.decode()
    assert "Your hamstrings this month" in html
    assert "Nothing in your log has worked your hamstrings" in html
    assert "13.9" not in html

    client.force_login(runner)
    html = client.get("/guide/muscles/hamstrings/").content.decode()
    assert "Your hamstrings this month" in html
    assert "<td>50 min</td><td>5.0</td>" in html  # hard running: 50 minutes × 0.1
    assert "<td>3 sets</td><td>3.0</td>" in html  # Romanian deadlift, the main muscle
    assert "<td>13.9</td>" in html
    # Thigh: 55.6 − 55.0 and 54.6 − 54.6, both measured within the 30 days.
    assert "left +0.6 cm, right 0.0 cm" in " ".join(html.split())


def test_the_muscle_page_costs_a_fixed_number_of_queries(
    client, guide, runner, django_assert_num_queries
):
    build_log(runner, get_profile(runner).today())
    # The muscle, its guidelines, its weights, its exercises (main, assisting), its articles.
    with django_assert_num_queries(6):
        client.get("/guide/muscles/calves/")
    client.force_login(runner)
    # And: the session, the user, the profile, then the month (the weights are the page's):
    # the day-by-day UNION, the sets, their exercises' muscles, the measurements.
    with django_assert_num_queries(13):
        client.get("/guide/muscles/calves/")


def test_the_article_the_ledger_links_to_explains_the_scale(client, guide):
    url, anchor = article_url().split("#")
    html = client.get(url).content.decode()
    assert f'id="{anchor}"' in html
    assert "stimulus points" in html


def test_the_muscle_pages_with_the_month_are_valid_html(client, guide, runner, tmp_path):
    missing = checker_missing()
    if missing:
        pytest.skip(missing)
    build_log(runner, get_profile(runner).today())
    client.force_login(runner)
    pages = {
        f"signed in {url}": client.get(url).content
        for url in ("/guide/muscles/hamstrings/", "/guide/muscles/peroneals/")
    }
    assert validate(pages, tmp_path) == []


def test_the_weights_list_shows_every_weight_and_its_edits_are_checked(client, guide, admin_user):
    client.force_login(admin_user)
    response = client.get("/admin/knowledge/stimulusweight/?kind__exact=cycling")
    assert response.status_code == 200
    assert response.context["cl"].result_count == Muscle.objects.count()
    weight = StimulusWeight.objects.get(muscle__slug="quadriceps", kind="cycling")
    form = {
        "weight": 0.9,
        "article": weight.article_id,
        "evidence_grade": weight.evidence_grade,
        "citation": weight.citation,
        "rationale": weight.rationale,
    }
    url = f"/admin/knowledge/stimulusweight/{weight.pk}/change/"
    response = client.post(url, form)
    assert "At most 0.5 points per minute" in response.content.decode()
    assert client.post(url, {**form, "weight": 0.04}).status_code == 302
    weight.refresh_from_db()
    assert weight.weight == 0.04
    assert weight.history.first().weight == 0.04
