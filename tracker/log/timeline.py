"""The timeline: the latest entries of every kind, newest first, a page at a time.

    page = timeline_page(user, profile, before=None, length=20)
    page.entries      -> [{"kind": "run", "object": run}, ...]
    page.older_before -> the `before` date of the next (older) page, or None

Pages are cut by date (keyset paging on `?before=YYYY-MM-DD`), so an older page costs the same
fixed handful of queries as the first, however long the log: each kind's newest `length`
entries before the date, merged. A page never splits a day, so the next one starts cleanly on
the day before the last one shown.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch

from tracker.log.models import (
    LegMeasurement,
    Profile,
    ProteinEntry,
    Run,
    StrengthSession,
    StrengthSet,
    protein_days,
    with_protein_target,
)


@dataclass
class TimelinePage:
    entries: list[dict]
    older_before: datetime.date | None
    kinds: set[str]  # the kinds found on this page


def timeline_page(
    user, profile: Profile, *, before: datetime.date | None = None, length: int = 20
) -> TimelinePage:
    """`length` entries (or a few more, to finish the last day) dated before `before`."""

    def older(queryset, field="date"):
        return queryset.filter(**{f"{field}__lt": before}) if before else queryset

    # A run waiting for its date (imported without a clock) is on the import report, not here.
    runs = list(older(Run.objects.for_user(user).dated())[:length])
    # The newest sessions and protein days are picked before grouping, so the grouping (and
    # the page's time) does not grow with years of history.
    newest_sessions = older(StrengthSession.objects.for_user(user)).order_by("-date", "-pk")
    sessions = list(
        StrengthSession.objects.filter(pk__in=newest_sessions.values("pk")[:length])
        .with_totals()
        .prefetch_related(Prefetch("sets", StrengthSet.objects.select_related("exercise")))[:length]
    )
    measurements = list(older(LegMeasurement.objects.for_user(user))[:length])
    newest_days = (
        older(ProteinEntry.objects.for_user(user)).order_by("-date").values("date").distinct()
    )[:length]
    days = [
        with_protein_target(row, profile)
        for row in protein_days(user).filter(date__in=newest_days)[:length]
    ]
    if days:
        for row in days:
            row["items"] = []
        by_date = {row["date"]: row for row in days}
        for entry in (
            ProteinEntry.objects.for_user(user)
            .filter(date__in=by_date)
            .order_by("created_at", "pk")
        ):
            by_date[entry.date]["items"].append(entry)
    fetched = {"run": runs, "strength": sessions, "measurement": measurements, "protein": days}
    entries = [
        *((r.date, r.created_at, "run", r) for r in runs),
        *((s.date, s.created_at, "strength", s) for s in sessions),
        *((m.date, m.created_at, "measurement", m) for m in measurements),
        *((d["date"], d["items"][-1].created_at, "protein", d) for d in days),
    ]
    entries.sort(key=lambda entry: entry[:2], reverse=True)
    older_before = None
    # More may be older when the merge overflows or when any kind filled its `length`.
    if len(entries) > length or any(len(rows) == length for rows in fetched.values()):
        cut = entries[min(length, len(entries)) - 1][0]
        # A kind that filled its `length` up to the cut day may have more entries on it than
        # were fetched: then that day goes to the next page whole.
        if any(len(rows) == length and _date(rows[-1]) == cut for rows in fetched.values()):
            shown = [entry for entry in entries if entry[0] > cut]
            older_before = cut + datetime.timedelta(days=1)
            if not shown:  # one day holds more than a page: show what was fetched of it
                shown, older_before = entries, cut
        else:
            shown = [entry for entry in entries if entry[0] >= cut]
            older_before = cut
    else:
        shown = entries
    return TimelinePage(
        entries=[{"kind": kind, "object": obj} for _, _, kind, obj in shown],
        older_before=older_before,
        kinds={kind for kind, rows in fetched.items() if rows},
    )


def _date(row) -> datetime.date:
    return row["date"] if isinstance(row, dict) else row.date
