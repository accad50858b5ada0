"""The Progress page and its JSON data endpoint.

`/progress/` renders the charts' numbers as tables (so the page reads without JavaScript and to
screen readers) and hands the same dict to static/js/progress.js through `json_script`;
`/progress/data/?range=...` returns that dict as JSON for scripts and, later, the API.
"""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from knowledge.models import Guideline
from tracker.log.models import get_profile
from tracker.log.records_page import prediction_context
from tracker.progress import charts as progress
from tracker.progress.insights import evaluate
from tracker.progress.outlook import outlook_for
from tracker.progress.periods import range_start
from tracker.progress.rows import read_rows
from tracker.progress.snapshot import gather
from tracker.progress.tables import chart_tables

# key, title, what it shows (one sentence), empty state, where to log it, the link's text, and
# the guide article that explains it
CHARTS = (
    (
        "weekly_distance",
        "Weekly running distance by run type",
        "Each bar is a week's running, split by run type. Tempo, intervals, sprints, hills and "
        "races are the hard share the guide talks about.",
        "No runs in this range yet.",
        "tracker:run_create",
        "Log a run",
        "intensity-and-leg-size",
    ),
    (
        "pace",
        "Pace by run type",
        "Average pace per run type; higher on the chart is faster.",
        "No runs in this range yet.",
        "tracker:run_create",
        "Log a run",
        "hill-sprints-and-intervals",
    ),
    (
        "training_load",
        "Training load",
        "Every session's load (perceived effort × minutes, or heart-rate load from a recording), "
        "stacked by runs, strength and cross-training; the ratio of the last 7 days to the "
        "4-week weekly average is safest inside the shaded band and risky above the red line.",
        "No sessions with a load in this range: give an effort, or import a recording with "
        "heart rate.",
        "tracker:run_create",
        "Log a run with its effort",
        "overtraining-and-recovery",
    ),
    (
        "fitness",
        "Fitness, fatigue and form",
        "Fitness is your load averaged over 42 days, fatigue over 7; form, their difference as "
        "a share of fitness, is productive training in the lower band and fresh in the upper.",
        "No sessions with a load in this range.",
        "tracker:run_create",
        "Log a run with its effort",
        "overtraining-and-recovery",
    ),
    (
        "weekly_strain",
        "Weekly monotony and strain",
        "Monotony is how alike the 7 days' loads were (their average ÷ their spread) and "
        "strain is the week's load × monotony; weeks above the dashed line needed easier days.",
        "No sessions with a load in this range.",
        "tracker:run_create",
        "Log a run with its effort",
        "overtraining-and-recovery",
    ),
    (
        "strength_volume",
        "Weekly strength volume per muscle group",
        "Reps × weight per week for each muscle, through each exercise's muscles (muscles that "
        "only assist count half).",
        "No strength sets in this range yet.",
        "tracker:strength_create",
        "Log a strength session",
        "strength-training-for-runners",
    ),
    (
        "one_rep_max",
        "Estimated one-rep max",
        "The best estimated one-rep max (Epley) of each day, for sets of up to 10 reps with a "
        "weight; stars mark personal records.",
        "No weighted sets of up to 10 reps in this range.",
        "tracker:strength_create",
        "Log a strength session",
        "progressive-overload",
    ),
    (
        "measurements",
        "Leg girth and body weight",
        "Thigh and calf girth, left and right, with body weight on the right-hand axis.",
        "No measurements in this range.",
        "tracker:measurement_create",
        "Add a measurement",
        "measuring-leg-girth",
    ),
    (
        "protein",
        "Daily protein per kg of body weight",
        "Protein per kg of your latest body weight, against the guide's range (shaded).",
        "No protein logged in this range.",
        "tracker:protein_create",
        "Add protein",
        "protein-for-runners",
    ),
)
# Where a chart's explanation lives in its article.
ARTICLE_ANCHORS = {"fitness": "fitness-fatigue-form", "weekly_strain": "monotony-and-strain"}


# "All" is drawn per month for a log over two years long: the words that change with it.
MONTHLY_WORDING = {
    "weekly_distance": (
        "Monthly running distance by run type",
        "Each bar is a month's running, split by run type. Tempo, intervals, sprints, hills and "
        "races are the hard share the guide talks about.",
    ),
    "training_load": (
        "Training load",
        "Every session's load, stacked by runs, strength and cross-training; each bar is a "
        "month's load. The ratio of the last 7 days to the 4-week weekly average, shown on each "
        "month's last day, is safest inside the shaded band and risky above the red line.",
    ),
    "strength_volume": (
        "Monthly strength volume per muscle group",
        "Reps × weight per month for each muscle, through each exercise's muscles (muscles that "
        "only assist count half).",
    ),
    "protein": (
        "Daily protein per kg of body weight",
        "Each month's average daily protein (over the days logged) per kg of body weight, "
        "against the guide's range (shaded).",
    ),
}


def chart_sections(data: dict, tables: dict) -> list[dict]:
    sections = []
    for key, title, description, empty, url_name, log_text, article in CHARTS:
        if data["range"]["resolution"] == "month":
            title, description = MONTHLY_WORDING.get(key, (title, description))
        sections.append(
            {
                "key": key,
                "title": title,
                "description": description,
                "empty": empty,
                "log_url": reverse(url_name),
                "log_text": log_text,
                "article_url": reverse("knowledge:article", args=[article])
                + (f"#{ARTICLE_ANCHORS[key]}" if key in ARTICLE_ANCHORS else ""),
                "has_data": data["charts"][key]["has_data"],
                "table": tables[key],
            }
        )
    return sections


def exercise_id_from(request) -> int | None:
    """The e1RM chart's exercise from ?exercise=; anything that is not a number is ignored
    (chart_data falls back to the runner's most-logged exercise)."""
    try:
        return int(request.GET.get("exercise", ""))
    except ValueError:
        return None


@require_GET
def progress_data(request):
    if not request.user.is_authenticated:
        return JsonResponse({"error": "Log in to see your progress."}, status=401)
    range_key = request.GET.get("range", progress.DEFAULT_RANGE)
    try:
        data = progress.chart_data(request.user, range_key, exercise_id=exercise_id_from(request))
    except progress.InvalidRange as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(data)


@login_required
@require_GET
def progress_page(request):
    range_key = request.GET.get("range", progress.DEFAULT_RANGE)
    if range_key not in progress.RANGES:
        range_key = progress.DEFAULT_RANGE
    profile = get_profile(request.user)
    today = profile.today()
    # Read once for the charts, the insights and the outlook.
    guidelines = Guideline.objects.by_key()
    rows = read_rows(request.user, range_start(range_key, today), today)
    data = progress.chart_data(
        request.user,
        range_key,
        exercise_id=exercise_id_from(request),
        today=today,
        profile=profile,
        guidelines=guidelines,
        rows=rows,
    )
    snapshot = gather(request.user, today=today, profile=profile, guidelines=guidelines, rows=rows)
    tables = chart_tables(data, profile.units)
    return render(
        request,
        "tracker/progress.html",
        {
            "data": data,
            "charts": data["charts"],
            "units": profile.units,
            "ranges": progress.RANGES,
            "range_key": range_key,
            "chart_sections": chart_sections(data, tables),
            "insights": evaluate(snapshot),
            "outlook": outlook_for(
                snapshot, rows, data["leg_ledger"], progress.RANGES[range_key].label
            ),
            **prediction_context(request.user, today),  # tracker/_predictions.html
        },
    )
