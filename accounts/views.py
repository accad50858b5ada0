from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import PasswordChangeView, PasswordResetView
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import CreateView

from accounts import limits
from accounts.client_ip import client_ip
from accounts.forms import DeleteAccountForm, LockoutPasswordChangeForm, SignupForm
from accounts.tasks import send_password_reset
from knowledge.models import Exercise
from tracker.log.models import StrengthSession


class SignupView(CreateView):
    form_class = SignupForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("tracker:onboarding")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("home")
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.save()
        # django-axes sits first among the backends; name the real one for this login.
        login(self.request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(self.request, f"Welcome, {user.username}. Your account is ready.")
        return redirect(self.get_success_url())

    def get_success_url(self):
        next_url = self.request.POST.get("next") or self.request.GET.get("next")
        if next_url and url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return next_url
        return str(self.success_url)


class LockoutPasswordChangeView(PasswordChangeView):
    """Django's password change, with wrong old passwords counted (accounts/limits.py)."""

    form_class = LockoutPasswordChangeForm


class QueuedPasswordResetView(PasswordResetView):
    """Django's password reset, limited per client and per address, with the mail left to the
    background worker (accounts/tasks.py): the same work for every address."""

    RATE_LIMITED = (
        "Too many password-reset requests from here. Try again in an hour, or ask the site's "
        "administrator."
    )

    def form_valid(self, form):
        if not limits.reset_allowed_for_ip(client_ip(self.request)):
            form.add_error(None, self.RATE_LIMITED)
            return self.render_to_response(self.get_context_data(form=form), status=429)
        email = form.cleaned_data["email"]
        # Past the per-address limit nothing is sent, and the page says the same as always:
        # saying more would tell whether the address has an account.
        if limits.reset_allowed_for_address(email):
            request = self.request
            send_password_reset.enqueue(
                email=email, domain=request.get_host(), use_https=request.is_secure()
            )
        return redirect(self.get_success_url())


@login_required
def account_delete(request):
    """Delete the account and everything in it, after the password."""
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
    return render(request, "accounts/account_delete.html", {"form": form})
