"""Work out the best efforts of runs that have a recording (runs imported before efforts were
kept, or after the search changed): `manage.py recompute_records [--user NAME] [--missing]`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

from tracker.log.models import RunStream
from tracker.log.records import recompute_best_efforts


class Command(BaseCommand):
    help = "Recompute the best efforts of every run with a recording."

    def add_arguments(self, parser):
        parser.add_argument("--user", help="Only this runner's runs (username).")
        parser.add_argument(
            "--missing", action="store_true", help="Only runs that have no efforts yet."
        )

    def handle(self, *args, user=None, missing=False, **options):
        recordings = RunStream.objects.select_related("run").order_by("pk")
        if user:
            recordings = recordings.filter(run__user=get_user_model().objects.get(username=user))
        if missing:
            recordings = recordings.filter(run__best_efforts__isnull=True)
        runs = efforts = 0
        # One recording in memory at a time: a 10-year log holds thousands of them.
        for recording in recordings.iterator(chunk_size=200):
            efforts += len(recompute_best_efforts(recording.run, recording.stream()))
            runs += 1
        self.stdout.write(f"{efforts} best efforts from {runs} recorded runs.")
