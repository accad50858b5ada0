"""The one way into a runner's rows: `Model.objects.for_user(user)`."""

from django.db import models


class OwnedQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)
