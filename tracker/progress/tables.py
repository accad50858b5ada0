"""The Progress charts' numbers as tables, in the runner's units: the page shows one under
each chart, so it reads without JavaScript and to screen readers."""

import datetime

from tracker.templatetags.tracker_format import MISSING, measure, pace
from tracker.units import unit_label


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
    ending = {"day": "Date", "week": "Week ending", "month": "Month ending"}
    kinds = load.get("kinds", [])
    tables["training_load"] = {
        "headers": [
            ending[load["resolution"]],
            {"day": "Load", "week": "Week's load", "month": "Month's load"}[load["resolution"]],
            *(kind["label"] for kind in kinds),
            "7-day load",
            "28-day weekly average",
            "Ratio",
            "Ratio (weighted)",
        ],
        "rows": [
            [
                day,
                _number(load["load"][i], 0),
                *(_number(kind["load"][i], 0) for kind in kinds),
                _number(load["acute_7d"][i], 0),
                _number(load["chronic_weekly"][i], 0),
                _number(load["acwr"][i], 2),
                _number(load["acwr_ewma"][i], 2),
            ]
            for i, day in reversed(list(enumerate(load["dates"])))
        ],
    }

    fitness = charts["fitness"]
    tables["fitness"] = {
        "headers": [
            ending[fitness["resolution"]],
            "Fitness",
            "Fatigue",
            "Form",
            "Form (% of fitness)",
        ],
        "rows": [
            [
                day,
                _number(fitness["fitness"][i], 0),
                _number(fitness["fatigue"][i], 0),
                _number(fitness["form"][i], 0),
                MISSING if fitness["form_pct"][i] is None else f"{fitness['form_pct'][i]:+.0f} %",
            ]
            for i, day in reversed(list(enumerate(fitness["dates"])))
        ],
    }

    strain = charts["weekly_strain"]
    tables["weekly_strain"] = {
        "headers": ["7 days ending", "Load", "Monotony", "Strain"],
        "rows": [
            [
                day,
                _number(strain["load_7d"][i], 0),
                _number(strain["monotony"][i], 2),
                _number(strain["strain"][i], 0),
            ]
            for i, day in reversed(list(enumerate(strain["dates"])))
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
