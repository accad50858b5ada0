"""The guide's models, by part: base (what loaded rows share), articles (sources, topics,
articles, muscles), exercises (exercises, routines) and guidelines (guidelines, stimulus
weights). Import them from here."""

from knowledge.models.articles import (
    RESERVED_SLUGS,
    Article,
    ArticleQuerySet,
    Muscle,
    Source,
    Topic,
)
from knowledge.models.base import LoadedContent
from knowledge.models.exercises import (
    Exercise,
    ExerciseQuerySet,
    Routine,
    RoutineExercise,
    RoutineQuerySet,
)
from knowledge.models.guidelines import Guideline, GuidelineQuerySet, StimulusWeight

__all__ = [
    "RESERVED_SLUGS",
    "Article",
    "ArticleQuerySet",
    "Exercise",
    "ExerciseQuerySet",
    "Guideline",
    "GuidelineQuerySet",
    "LoadedContent",
    "Muscle",
    "Routine",
    "RoutineExercise",
    "RoutineQuerySet",
    "Source",
    "StimulusWeight",
    "Topic",
]
