"""The routines a runner saved for themselves, beside the guide's (knowledge.Routine).

Like PrivateExercise, a proxy: one routine table, the guide's rows without an owner, loaded
from knowledge/content/routines/ and edited in the admin; a runner's own rows have an owner
and are reached only through `for_user`.
"""

from django.db import models

from knowledge.models import Routine


class PrivateRoutineQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(owner=user)


class PrivateRoutineManager(models.Manager.from_queryset(PrivateRoutineQuerySet)):
    def get_queryset(self):
        return super().get_queryset().filter(owner__isnull=False)


class PrivateRoutine(Routine):
    objects = PrivateRoutineManager()

    class Meta:
        proxy = True
        verbose_name = "runner's routine"
        verbose_name_plural = "runners' routines"

    def __str__(self):
        return f"{self.name} (of {self.owner})"
