"""What every row loaded from knowledge/content/ shares."""

from django.db import models


class LoadedContent(models.Model):
    """A row that `manage.py load_guidance` keeps in step with a file in knowledge/content/.

    `loaded_at` is when the loader last wrote the row; a later `updated_at` means an admin has
    edited it since, and the loader leaves it alone unless forced.
    """

    updated_at = models.DateTimeField(auto_now=True)
    loaded_at = models.DateTimeField(null=True, blank=True, editable=False)
    content_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def edited_since_load(self) -> bool:
        return self.loaded_at is not None and self.updated_at > self.loaded_at
