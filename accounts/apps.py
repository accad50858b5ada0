from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self):
        from django.contrib.auth.signals import user_logged_out

        user_logged_out.connect(say_logged_out, dispatch_uid="accounts.say_logged_out")


def say_logged_out(sender, request, user, **kwargs):
    from django.contrib import messages

    # Sent before the session is flushed; the message travels in its own cookie.
    if request is not None and user is not None:
        messages.info(request, "You are logged out. See you on the next run.")
