"""factory_boy factories for the training log (and the few guide rows it builds on)."""

import datetime

import factory
from django.utils.text import slugify

from knowledge.models import Exercise, Muscle
from tests.factories import UserFactory
from tracker.log import lifts
from tracker.log.models import (
    CrossTrainingSession,
    LegMeasurement,
    ProteinEntry,
    Run,
    Shoe,
    StrengthSession,
    StrengthSet,
)

DAY = datetime.date(2025, 3, 10)


class MuscleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Muscle
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Muscle {n}")
    slug = factory.LazyAttribute(lambda muscle: slugify(muscle.name))
    location = "Leg"
    function = "Moves the leg."
    stride_phase = "Stance."
    running_load = "High."


class ExerciseFactory(factory.django.DjangoModelFactory):
    """A guide exercise (no owner) unless `owner` is given."""

    class Meta:
        model = Exercise
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Exercise {n}")
    slug = factory.LazyAttribute(lambda exercise: slugify(exercise.name))
    owner = None

    @factory.post_generation
    def primary_muscles(self, create, extracted, **kwargs):
        if create:
            self.primary_muscles.set(extracted or [MuscleFactory(name="Quadriceps")])


class RunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Run

    user = factory.SubFactory(UserFactory)
    date = DAY
    distance_m = 10_000.0
    duration_s = 3000
    run_type = Run.RunType.EASY
    surface = Run.Surface.ROAD
    effort = 4


class CrossTrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CrossTrainingSession

    user = factory.SubFactory(UserFactory)
    date = DAY
    sport = CrossTrainingSession.Sport.CYCLING
    duration_s = 3600
    distance_m = 30_000.0
    effort = 5


class StrengthSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrengthSession

    user = factory.SubFactory(UserFactory)
    date = DAY
    effort = 6


class StrengthSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrengthSet

    session = factory.SubFactory(StrengthSessionFactory)
    exercise = factory.SubFactory(ExerciseFactory)
    reps = 5
    weight_kg = 100.0

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Saved as the log saves a set: with the runner's lift history brought up to date."""
        strength_set = super()._create(model_class, *args, **kwargs)
        lifts.refresh(strength_set.session.user_id, {strength_set.exercise_id})
        return strength_set


class LegMeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegMeasurement

    user = factory.SubFactory(UserFactory)
    date = DAY
    weight_kg = 70.0
    thigh_left_cm = 55.0
    thigh_right_cm = 54.5


class ProteinEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProteinEntry

    user = factory.SubFactory(UserFactory)
    date = DAY
    protein_g = 30.0
    food = "Eggs"


class ShoeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shoe

    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Pegasus {n}")
    brand = "Nike"
    started_on = datetime.date(2025, 1, 1)
