"""The Progress page and its JSON data endpoint.

`/progress/` renders the charts' numbers as tables (so the page reads without JavaScript and to
screen readers) and hands the same dict to static/js/progress.js through `json_script`;
`/progress/data/?range=...` returns that dict as JSON for scripts and, later, the API.
"""

import datetime

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
from tracker.templatetags.tracker_format import MISSING, measure, pace
from tracker.units import unit_label

# key, title, what it shows, empty state, where to log it, the link's text
CHARTS = (
    (
        "weekly_distance",
        "Weekly running distance by run type",
        "Each bar is a week's running, split by run type. Tempo, intervals, sprints, hills and "
        "races are the hard share the guide talks about.",
        "No runs in this range yet.",
        "tracker:run_create",
        "Log a run",
    ),
    (
        "pace",
        "Pace by run type",
        "Average pace per run type; higher on the chart is faster.",
        "No runs in this range yet.",
        "tracker:run_create",
        "Log a run",
    ),
    (
        "training_load",
        "Training load",
        "Load is perceived effort × minutes. The ratio of the last 7 days to the 4-week weekly "
        "average is safest inside the shaded band and risky above the red line.",
        "No runs with a perceived effort in this range.",
        "tracker:run_create",
        "Log a run with its effort",
    ),
    (
        "strength_volume",
        "Weekly strength volume per muscle group",
        "Reps × weight per week for each muscle, through each exercise's muscles (muscles that "
        "only assist count half).",
        "No strength sets in this range yet.",
        "tracker:strength_create",
        "Log a strength session",
    ),
    (
        "one_rep_max",
        "Estimated one-rep max",
        "The best estimated one-rep max (Epley) of each day, for sets of up to 10 reps with a "
        "weight; stars mark personal records.",
        "No weighted sets of up to 10 reps in this range.",
        "tracker:strength_create",
        "Log a strength session",
    ),
    (
        "measurements",
        "Leg girth and body weight",
        "Thigh and calf girth, left and right, with body weight on the right-hand axis.",
        "No measurements in this range.",
        "tracker:measurement_create",
        "Add a measurement",
    ),
    (
        "protein",
        "Daily protein per kg of body weight",
        "Protein per kg of your latest body weight, against the guide's range (shaded).",
        "No protein logged in this range.",
        "tracker:protein_create",
        "Add protein",
    ),
)


# "All" is drawn per month for a log over two years long: the words that change with it.
MONTHLY_WORDING = {
    "weekly_distance": (
        "Monthly running distance by run type",
        "Each bar is a month's running, split by run type. Tempo, intervals, sprints, hills and "
        "races are the hard share the guide talks about.",
    ),
    "training_load": (
        "Training load",
        "Load is perceived effort × minutes; each bar is a month's load. The ratio of the last "
        "7 days to the 4-week weekly average, shown on each month's last day, is safest inside "
        "the shaded band and risky above the red line.",
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
    for key, title, description, empty, url_name, log_text in CHARTS:
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
            "outlook": outlook_for(snapshot),
            **prediction_context(request.user, today),  # tracker/_predictions.html
        },
    )


# --------------------------------------------------------------------------------------------
# The charts' numbers as tables, in the runner's units
# --------------------------------------------------------------------------------------------


def _number(value, places=1) -> str:
    return MISSING if value is None else f"{value:,.{places}f}"


def month_name(iso_date: str) -> str:
    """ "Mar 2025" for any day of March 2025."""
    return datetime.date.fromisoformat(iso_date).strftime("%b %Y")


# A table's first column: its heading per resolution, and how a bucket's date reads in it.
PERIOD_HEADINGS = {"day": "Date", "week": "Week of", "month": "Month"}


def period_text(iso_date: str, resolution: str) -> str:
    return month_name(iso_date) if resolution == "month" else iso_date


def chart_tables(data: dict, system: str) -> dict[str, dict]:
    """For each chart: a caption, column headings and rows of text, newest first."""
    charts = data["charts"]
    distance_unit = unit_label("distance", system)
    tables = {}

    weekly = charts["weekly_distance"]
    tables["weekly_distance"] = {
        "headers": [
            PERIOD_HEADINGS[weekly["resolution"]],
            *(s["label"] for s in weekly["series"]),
            "Total",
            "Hard share",
        ],
        "rows": [
            [
                period_text(week, weekly["resolution"]),
                *(measure(s["distance_m"][i], "distance", system) for s in weekly["series"]),
                measure(weekly["total_distance_m"][i], "distance", system),
                MISSING
                if weekly["hard_share_pct"][i] is None
                else f"{weekly['hard_share_pct'][i]:.0f} %",
            ]
            for i, week in reversed(list(enumerate(weekly["periods"])))
        ],
    }

    pace_resolution = charts["pace"]["resolution"]
    pace_rows = []
    for series in charts["pace"]["series"]:
        for day, seconds in zip(series["dates"], series["pace_s_per_km"], strict=True):
            pace_rows.append([day, series["label"], pace(seconds, system)])
    # Sorted on the ISO dates, then written as the resolution reads.
    pace_rows.sort(key=lambda row: (row[0], row[1]), reverse=True)
    for row in pace_rows:
        row[0] = period_text(row[0], pace_resolution)
    tables["pace"] = {
        "headers": [PERIOD_HEADINGS[pace_resolution], "Run type", f"Pace (per {distance_unit})"],
        "rows": pace_rows,
    }

    load = charts["training_load"]
    tables["training_load"] = {
        "headers": [
            {"day": "Date", "week": "Week ending", "month": "Month ending"}[load["resolution"]],
            {"day": "Load", "week": "Week's load", "month": "Month's load"}[load["resolution"]],
            "7-day load",
            "28-day weekly average",
            "Ratio",
            "Ratio (weighted)",
        ],
        "rows": [
            [
                day,
                _number(load["load"][i], 0),
                _number(load["acute_7d"][i], 0),
                _number(load["chronic_weekly"][i], 0),
                _number(load["acwr"][i], 2),
                _number(load["acwr_ewma"][i], 2),
            ]
            for i, day in reversed(list(enumerate(load["dates"])))
        ],
    }

    volume = charts["strength_volume"]
    tables["strength_volume"] = {
        "headers": [
            PERIOD_HEADINGS[volume["resolution"]],
            *(f"{m['name']} (volume, sets)" for m in volume["muscles"]),
        ],
        "rows": [
            [
                period_text(week, volume["resolution"]),
                *(
                    f"{measure(m['volume_kg'][i], 'weight', system)}, {m['sets'][i]:g} sets"
                    for m in volume["muscles"]
                ),
            ]
            for i, week in reversed(list(enumerate(volume["periods"])))
        ],
    }

    e1rm = charts["one_rep_max"]
    tables["one_rep_max"] = {
        "headers": ["Date", "Estimated 1RM", "Personal record"],
        "rows": [
            [p["date"], measure(p["e1rm_kg"], "weight", system), "Yes" if p["is_record"] else ""]
            for p in reversed(e1rm["points"])
        ],
    }

    sizes = charts["measurements"]
    tables["measurements"] = {
        "headers": ["Date", "Thigh left", "Thigh right", "Calf left", "Calf right", "Body weight"],
        "rows": [
            [
                day,
                *(
                    measure(sizes[f][i], "length", system)
                    for f in ("thigh_left_cm", "thigh_right_cm", "calf_left_cm", "calf_right_cm")
                ),
                measure(sizes["weight_kg"][i], "weight", system),
            ]
            for i, day in reversed(list(enumerate(sizes["dates"])))
        ],
    }

    protein = charts["protein"]
    tables["protein"] = {
        "headers": [
            PERIOD_HEADINGS[protein["resolution"]]
            + ("" if protein["resolution"] == "day" else " (daily average)"),
            "Protein",
            "Per kg of body weight",
        ],
        "rows": [
            [
                period_text(day, protein["resolution"]),
                f"{protein['total_g'][i]:,.0f} g",
                MISSING if protein["g_per_kg"][i] is None else f"{protein['g_per_kg'][i]:.2f} g/kg",
            ]
            for i, day in reversed(list(enumerate(protein["dates"])))
        ],
    }
    return tables
