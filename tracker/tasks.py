"""Background jobs (Django's Tasks framework; `manage.py db_worker` runs them)."""

from django.tasks import task

from tracker import imports


@task()
def import_job(job_id: int) -> dict:
    """Import an upload stored with ImportJob `job_id`; returns the counts for the task log."""
    report = imports.run_job(job_id)
    if report is None:
        return {"job": job_id, "skipped": "already finished"}
    return {
        "job": job_id,
        "runs": report.runs,
        "measurements": report.measurements,
        "refused": len(report.refused),
        "duplicates": len(report.duplicates),
    }
