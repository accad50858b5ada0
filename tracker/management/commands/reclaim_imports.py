"""`manage.py reclaim_imports`: queue again (or fail) imports whose worker died.

scripts/run-worker runs it before each start of `db_worker`, so a worker killed mid-import
picks its job up again when it comes back (IMPORT_JOB_STALE_MINUTES after the last heartbeat).
"""

from django.core.management.base import BaseCommand

from tracker.transfer.tasks import reclaim_stale_jobs


class Command(BaseCommand):
    help = "Queue again, or mark failed, import jobs whose worker stopped sending heartbeats."

    def handle(self, *args, **options):
        counts = reclaim_stale_jobs()
        self.stdout.write(
            f"Imports whose worker was gone: {counts['requeued']} queued again, "
            f"{counts['failed']} marked failed."
        )
