"""API tokens: a runner creates named tokens on /settings/ and revokes them there.

Only a SHA-256 of each key is stored; the key itself is shown once, when it is created. A key
is 32 random bytes, so a fast hash is enough (nobody can guess through 2^256 keys), and a lookup
by hash is one indexed query per API call.

Changing the password (password change, reset, the admin, `changepassword`) deletes the
runner's tokens, as it ends their other sessions: a leaked key dies with the old password.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

KEY_PREFIX = "lgs_"
# last_used_at is written at most this often, so API calls are not each a write.
LAST_USED_RESOLUTION_S = 60


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The first characters of the key, so the runner can tell their tokens apart.
    key_start = models.CharField(max_length=12, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.key_start}…)"

    @classmethod
    def create_for(cls, *, user, name: str) -> tuple["ApiToken", str]:
        """A new token and its key; the key is not stored and cannot be shown again."""
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, key_hash=hash_key(key), key_start=key[: len(KEY_PREFIX) + 4]
        )
        return token, key

    def touch(self) -> None:
        now = timezone.now()
        if (
            self.last_used_at is None
            or (now - self.last_used_at).total_seconds() > LAST_USED_RESOLUTION_S
        ):
            ApiToken.objects.filter(pk=self.pk).update(last_used_at=now)
            self.last_used_at = now


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="api-revoke-tokens-on-password")
def revoke_tokens_on_password_change(sender, instance, created, **kwargs):
    # set_password() keeps the new raw password in _password until the save is done; Django's
    # own save() uses it to call the password validators' password_changed(). A hash upgrade
    # at login (same password, new iterations) leaves it None and keeps the tokens.
    if not created and getattr(instance, "_password", None) is not None:
        ApiToken.objects.filter(user=instance).delete()
