"""The real watch files the tests import, kept in the repository with their provenance
(tests/data/activity-samples/SOURCES.md) and licences (its licenses/ folder)."""

from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "data" / "activity-samples"
