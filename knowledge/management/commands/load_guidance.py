from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from knowledge.loading import CONTENT_DIR, REPORT_ORDER, ContentError, load_guidance


class Command(BaseCommand):
    help = (
        "Load the guide (sources, topics, articles, muscles, exercises, guidelines) from "
        "knowledge/content/. Safe to run again: pages edited in the admin since the last load are "
        "kept unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Overwrite pages edited in the admin as well."
        )
        parser.add_argument(
            "--content-dir", type=Path, default=CONTENT_DIR, help="Where the content files are."
        )

    def handle(self, *args, force, content_dir, **options):
        try:
            report = load_guidance(content_dir, force=force)
        except ContentError as error:
            raise CommandError(f"The guide was not loaded; nothing was changed.\n{error}") from None
        for kind in REPORT_ORDER:
            counts = {
                o: report.counts[(kind, o)] for o in ("created", "updated", "unchanged", "kept")
            }
            self.stdout.write(f"{kind:<11} " + ", ".join(f"{n} {o}" for o, n in counts.items()))
        for name in report.kept:
            self.stdout.write(f"kept (edited in the admin; --force overwrites): {name}")
        self.stdout.write(
            self.style.SUCCESS(
                "Guide loaded: "
                + ", ".join(
                    f"{report.total(outcome)} {outcome}"
                    for outcome in ("created", "updated", "unchanged", "kept")
                )
                + "."
            )
        )
