from django import forms
from django.contrib.auth.forms import PasswordChangeForm, UserCreationForm
from django.contrib.auth.models import User

from accounts import limits


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        required=False,
        help_text="Optional. Only used to reset your password if you forget it.",
    )

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")


def check_password_with_lockout(user, password: str, wrong: str) -> None:
    """A signed-in runner confirming their password: wrong ones are counted (accounts/limits.py)
    and, past the limit, even the right one is refused until the cool-off ends, as at login."""
    if limits.password_checks_locked(user):
        raise forms.ValidationError(limits.locked_message(), code="locked_out")
    if not user.check_password(password):
        limits.password_check_failed(user)
        raise forms.ValidationError(wrong, code="password_incorrect")
    limits.password_check_passed(user)


class LockoutPasswordChangeForm(PasswordChangeForm):
    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        check_password_with_lockout(
            self.user, old_password, self.error_messages["password_incorrect"]
        )
        return old_password


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        check_password_with_lockout(self.user, password, "That is not your password.")
        return password
