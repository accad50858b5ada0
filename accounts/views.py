from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import CreateView

from accounts.forms import DeleteAccountForm, SignupForm
from knowledge.models import Exercise
from tracker.log.models import StrengthSession


class SignupView(CreateView):
    form_class = SignupForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("home")

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
