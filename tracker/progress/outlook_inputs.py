"""What the leg outlook reads for a range of the Progress page: hard running, strength
sessions, protein and measurements from the page's rows (rows.read_rows), the leg ledger's
stimulus, and the words for the days read. outlook.outlook_for puts them together."""

import datetime

from tracker import metrics
from tracker.progress.daily import RUN, STRENGTH
from tracker.progress.rows import MEASUREMENT_DAYS, ProgressRows
from tracker.progress.snapshot import protein_days_met

# The thigh muscles' stimulus from hard running, hills and strength sets, as a share of all
# their stimulus: at this share or more the ledger points to growth (outlook.SIZE_STIMULUS_PCT).
SIZE_KINDS = ("hard_running", "hills", "strength_primary", "strength_assisting")
THIGH_MUSCLES = ("quadriceps", "hamstrings", "glutes")


def period_words(range_label: str, first: datetime.date, today: datetime.date) -> str:
    """ "the last 12 weeks (8 Sep 2026 to 30 Nov 2026)", or "your whole log (…)"."""
    dates = f"{first.day} {first:%b %Y} to {today.day} {today:%b %Y}"
    if not range_label:
        return f"the last 4 weeks ({dates})"
    if range_label.lower() == "all":
        return f"your whole log ({dates})"
    words = range_label.lower().removeprefix("1 ")
    return f"the last {words} ({dates})"


def range_inputs(rows: ProgressRows, first, today, protein_minimum) -> dict:
    """Hard share, strength sessions, protein adherence and the measurements over the range."""
    run_seconds = hard_seconds = 0.0
    sessions = 0
    logged = False
    for day in rows.days:
        if day.date < first or day.date > today:
            continue
        if day.kind == RUN:
            run_seconds += day.duration_s
            hard_seconds += day.hard_s
            logged = True
        elif day.kind == STRENGTH:
            sessions += day.count
            logged = True
    finished = [(day, grams) for day, grams in rows.protein if first <= day < today]
    per_kg = [g for _, g in metrics.protein_g_per_kg_by_day(finished, rows.weights) if g]
    adherence = None
    if protein_minimum is not None and per_kg:
        adherence = 100 * protein_days_met(per_kg, protein_minimum) / len(per_kg)
    measured_from = min(first, today - datetime.timedelta(days=MEASUREMENT_DAYS - 1))
    return {
        "hard_share_pct": 100 * hard_seconds / run_seconds if run_seconds else None,
        "sessions": sessions,
        "logged": logged or bool(finished),
        "protein_adherence_pct": adherence,
        "measurements": [row for row in rows.measurements if row["date"] >= measured_from],
    }


def ledger_stimulus(ledger: dict | None) -> dict | None:
    """From the leg ledger: the thigh muscles' share of stimulus from the size-building kinds,
    and which leg muscle got the most and the least points; None without any points."""
    if not ledger or not ledger.get("has_data"):
        return None
    totals, size, thigh = {}, 0.0, 0.0
    for muscle in ledger["muscles"]:
        by_kind = {kind: sum(values) for kind, values in muscle["points"].items()}
        totals[muscle["name"]] = sum(by_kind.values())
        if muscle["slug"] in THIGH_MUSCLES:
            thigh += totals[muscle["name"]]
            size += sum(by_kind.get(kind, 0.0) for kind in SIZE_KINDS)
    if not thigh:
        return None
    ranked = sorted(totals.items(), key=lambda item: item[1])
    return {"size_pct": 100 * size / thigh, "most": ranked[-1], "least": ranked[0]}
