"""The runner's account as a whole: export everything, delete everything, and API tokens."""

import io

from django import forms
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from api.models import ApiToken
from knowledge.models import Exercise
from tracker import exports
from tracker.models import StrengthSession

NEW_KEY_SESSION = "new_api_key"


def _filename(user, suffix: str) -> str:
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in user.get_username())
    return f"legsite-{safe}-{timezone.localdate():%Y-%m-%d}{suffix}"


@login_required
def account_export(request):
    """The whole account: one JSON file in a ZIP, which /log/import/ can restore."""
    response = HttpResponse(
        exports.account_export_zip(request.user), content_type="application/zip"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(request.user, "-export.zip")}"'
    )
    return response


@login_required
def account_export_csv(request, kind):
    if kind not in exports.CSV_KINDS:
        raise Http404("No such export.")
    out = io.StringIO()
    exports.write_csv(request.user, kind, out)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{_filename(request.user, f"-{kind}.csv")}"'
    )
    return response


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
        if not self.user.check_password(password):
            raise forms.ValidationError("That is not your password.")
        return password


@login_required
def account_delete(request):
    user = request.user
    form = DeleteAccountForm(request.POST or None, user=user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            # Sets protect the exercises they use, and the user's private exercises go with
            # the user: the sessions (and their sets) have to go first.
            StrengthSession.objects.for_user(user).delete()
            user_id = user.pk
            user.delete()
            # History rows of their private exercises keep the owner only as a number, so the
            # cascade does not reach them; the deletion itself has just added one per exercise,
            # signed by the user being deleted.
            Exercise.history.filter(owner_id=user_id).delete()
            Exercise.history.filter(history_user_id=user_id).update(history_user=None)
        logout(request)
        messages.success(request, "Your account and everything in it have been deleted.")
        return redirect("home")
    return render(request, "tracker/account_delete.html", {"form": form})


# --------------------------------------------------------------------------------------------
# API tokens, on /settings/
# --------------------------------------------------------------------------------------------


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="Where you will use it, for example “spreadsheet” or “phone”.",
    )


@login_required
@require_POST
def api_token_create(request):
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the token a name (up to 100 characters).")
        return redirect("tracker:settings")
    token, key = ApiToken.create_for(user=request.user, name=form.cleaned_data["name"].strip())
    # Shown once on the next page, then gone: only its hash is stored.
    request.session[NEW_KEY_SESSION] = {"name": token.name, "key": key}
    return redirect("tracker:settings")


@login_required
@require_POST
def api_token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)
    token.delete()
    messages.success(request, f"Token “{token.name}” revoked; it no longer works.")
    return redirect("tracker:settings")
