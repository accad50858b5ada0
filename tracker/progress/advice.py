"""What an insight is, and the helpers every rule writes its message with."""

import datetime
from dataclasses import dataclass

from django.urls import reverse

from knowledge.models import Article, Guideline
from tracker import units
from tracker.progress.snapshot import Snapshot

WARNING, TIP, GOOD_NEWS = "warning", "tip", "good-news"
KIND_RANK = {WARNING: 0, TIP: 1, GOOD_NEWS: 2}


@dataclass(frozen=True)
class Insight:
    key: str
    kind: str  # WARNING, TIP or GOOD_NEWS
    title: str
    message: str
    numbers: dict
    article_url: str
    article_title: str

    @property
    def css_class(self) -> str:
        return {WARNING: "warning", TIP: "info", GOOD_NEWS: "success"}[self.kind]

    @property
    def kind_label(self) -> str:
        return {WARNING: "Warning", TIP: "Tip", GOOD_NEWS: "Good news"}[self.kind]


def _fmt(number: float, places: int = 1) -> str:
    return f"{number:,.{places}f}".replace("-", "−")


def _day(day: datetime.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _length(snapshot: Snapshot, cm: float) -> str:
    shown = units.from_si("length", cm, snapshot.units)
    return f"{_fmt(shown)} {units.unit_label('length', snapshot.units)}"


def _distance(snapshot: Snapshot, metres: float) -> str:
    shown = units.from_si("distance", metres, snapshot.units)
    return f"{_fmt(shown)} {units.unit_label('distance', snapshot.units)}"


def _insight(key, kind, title, message, numbers, article: Article) -> Insight:
    return Insight(
        key=key,
        kind=kind,
        title=title,
        message=message,
        numbers=numbers,
        article_url=reverse("knowledge:article", args=[article.slug]),
        article_title=article.title,
    )


def _guideline(snapshot: Snapshot, key: str, *needed: str) -> Guideline | None:
    """The guideline, when it exists and has the numbers the rule needs."""
    guideline = snapshot.guidelines.get(key)
    if guideline is None or any(getattr(guideline, name) is None for name in needed):
        return None
    return guideline
