"""The main pages a person sees, for the whole-site audits (accessibility, HTML validity).

Add a page here when you add one to the site: the audits then cover it.
"""

import datetime
from io import StringIO

from django.core.management import call_command

from knowledge.loading import load_guidance
from tests.snapshots import recorded
from tracker.log.models import LegMeasurement, ProteinEntry, Run, StrengthSession

PUBLIC_PAGES = [
    "/",
    "/guide/",
    "/guide/protein-for-runners/",
    "/guide/muscles/",
    "/guide/muscles/calves/",
    "/guide/exercises/",
    "/guide/exercises/squat/",
    "/guide/search/?q=hill+sprints",
    "/guide/plan/",
    "/guide/sources/",
    "/guide/leg-muscles-in-the-stride/",
    "/guide/muscles/hamstrings/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password_reset/",
]

PASSWORD = "audit-pass-4242"


def seed_site(username: str = "auditor"):
    """The guide plus a year of a runner's training; returns the runner."""
    from django.contrib.auth.models import User

    def seed():
        load_guidance()
        call_command(
            "seed_demo",
            user=username,
            years=1,
            password=PASSWORD,
            end=datetime.date(2026, 6, 30),
            verbosity=0,
        )

    # Written once a process, copied back after that (tests/snapshots.py): the same rows.
    recorded(("seed_site", username), seed)
    return User.objects.get(username=username)


def seed_demo_runner(username: str, password: str):
    """The guide plus a year of training up to today, as `manage.py seed_demo` makes it for a
    new user; returns the runner. Recorded like seed_site, keyed on today's date."""
    from django.contrib.auth.models import User
    from django.utils import timezone

    def seed():
        load_guidance()
        call_command("seed_demo", user=username, years=1, password=password, stdout=StringIO())

    recorded(("seed_demo_runner", username, password, timezone.localdate()), seed)
    return User.objects.get(username=username)


def signed_in_pages(user) -> list[str]:
    run = Run.objects.for_user(user).first()
    session = StrengthSession.objects.for_user(user).first()
    measurement = LegMeasurement.objects.for_user(user).first()
    protein = ProteinEntry.objects.for_user(user).first()
    return [
        "/",
        "/log/",
        "/log/runs/",
        "/log/runs/new/",
        f"/log/runs/{run.pk}/",
        f"/log/runs/{run.pk}/edit/",
        f"/log/runs/{run.pk}/delete/",
        "/log/strength/",
        "/log/strength/new/",
        f"/log/strength/{session.pk}/",
        "/log/measurements/",
        "/log/measurements/new/",
        f"/log/measurements/{measurement.pk}/",
        "/log/protein/",
        "/log/protein/new/",
        f"/log/protein/{protein.pk}/",
        "/log/exercises/",
        "/log/exercises/new/",
        "/log/routines/",
        f"/log/strength/new/?repeat={session.pk}",
        f"/log/?before={session.date:%Y-%m-%d}",
        "/settings/start/",
        "/settings/",
        "/settings/api-tokens/",
        "/settings/heart-rate-zones/",
        "/log/cross-training/",
        "/log/records/",
        "/log/shoes/",
        "/accounts/password_change/",
        "/progress/",
        "/progress/?range=all",
        "/log/import/",
        "/account/delete/",
    ]
