"""API tokens: the page at /settings/api-tokens/ where a runner creates and revokes them."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from api.models import ApiToken

NEW_KEY_SESSION = "new_api_key"


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="Where you will use it, for example “spreadsheet” or “phone”.",
    )


@never_cache  # the page shows a new key once; no cache may keep a copy
@login_required
def token_list(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            token, key = ApiToken.create_for(
                user=request.user, name=form.cleaned_data["name"].strip()
            )
            # Shown once on the next page, then gone: only its hash is stored.
            request.session[NEW_KEY_SESSION] = {"name": token.name, "key": key}
            return redirect("api_tokens:list")
        messages.error(request, "Give the token a name (up to 100 characters).")
    context = {
        "api_tokens": ApiToken.objects.for_user(request.user),
        "new_api_key": request.session.pop(NEW_KEY_SESSION, None),
        "token_form": form if request.method == "POST" else ApiTokenForm(),
    }
    return render(request, "api/token_list.html", context)


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken.objects.for_user(request.user), pk=pk)
    token.delete()
    messages.success(request, f"Token “{token.name}” revoked; it no longer works.")
    return redirect("api_tokens:list")
