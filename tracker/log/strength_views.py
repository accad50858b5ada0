"""Strength sessions with their sets, and the exercises a runner adds for themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.generic import CreateView, DeleteView, UpdateView

from knowledge.models import Exercise
from tracker.log.models import (
    PrivateExercise,
    StrengthSession,
    StrengthSet,
    get_profile,
)
from tracker.log.strength_forms import ExerciseForm, StrengthSessionForm, strength_set_formset
from tracker.log.views import LogDeleteView, list_context, paginate


def private_exercises(user):
    """Exercises the runner added for themselves."""
    return PrivateExercise.objects.for_user(user)


# --------------------------------------------------------------------------------------------
# Strength sessions
# --------------------------------------------------------------------------------------------


@login_required
def strength_list(request):
    sessions = StrengthSession.objects.for_user(request.user).with_totals()
    context = list_context(request, sessions)
    context["page"] = paginate(
        request,
        context["filtered"].prefetch_related(
            Prefetch("sets", StrengthSet.objects.select_related("exercise"))
        ),
    )
    context["records"] = StrengthSet.objects.for_user(request.user).personal_records()
    return render(request, "tracker/strength_list.html", context)


@login_required
def strength_detail(request, pk):
    session = get_object_or_404(StrengthSession.objects.for_user(request.user), pk=pk)
    sets = session.sets_with_records()
    return render(
        request,
        "tracker/strength_detail.html",
        {
            "session": session,
            "sets": sets,
            "volume_kg": sum(s.volume_kg for s in sets),
            "units": get_profile(request.user).units,
        },
    )


@login_required
def strength_form(request, pk=None):
    """Create or edit a session and its sets on one page; both save together or not at all."""
    user = request.user
    profile = get_profile(user)
    if pk is None:
        session = StrengthSession(user=user)
    else:
        session = get_object_or_404(StrengthSession.objects.for_user(user), pk=pk)
    formset_class = strength_set_formset(extra=2 if pk is None else 1)
    data = request.POST if request.method == "POST" else None
    form = StrengthSessionForm(data, instance=session, profile=profile)
    formset = formset_class(data, instance=session, prefix="sets", profile=profile, user=user)
    if data is not None and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            session = form.save()
            formset.save(commit=False)
            for removed in formset.deleted_objects:
                removed.delete()
            for position, set_form in enumerate(formset.kept_forms()):
                strength_set = set_form.save(commit=False)
                strength_set.session = session
                strength_set.order = position
                strength_set.save()
        messages.success(
            request, "Strength session saved." if pk is None else "Strength session updated."
        )
        return redirect(session)
    return render(
        request,
        "tracker/strength_form.html",
        {"form": form, "formset": formset, "session": session, "units": profile.units},
    )


class StrengthDeleteView(LogDeleteView):
    model = StrengthSession
    noun = "Strength session"
    template_name = "tracker/strength_delete.html"
    list_url_name = "tracker:strength_list"


# --------------------------------------------------------------------------------------------
# Private exercises
# --------------------------------------------------------------------------------------------


@login_required
def exercise_list(request):
    exercises = (
        private_exercises(request.user)
        .prefetch_related("primary_muscles", "secondary_muscles")
        .annotate(set_count=Count("strength_sets"))
    )
    return render(
        request,
        "tracker/exercise_list.html",
        {"exercises": exercises, "guide_count": Exercise.objects.guide().count()},
    )


class ExerciseMixin(LoginRequiredMixin):
    model = PrivateExercise
    form_class = ExerciseForm
    template_name = "tracker/exercise_form.html"
    success_url = reverse_lazy("tracker:exercise_list")

    def get_queryset(self):
        return private_exercises(self.request.user)

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}


class ExerciseCreateView(ExerciseMixin, CreateView):
    def form_valid(self, form):
        form.instance.owner = self.request.user
        messages.success(self.request, f"Exercise “{form.instance.name}” added.")
        return super().form_valid(form)


class ExerciseUpdateView(ExerciseMixin, UpdateView):
    def form_valid(self, form):
        messages.success(self.request, f"Exercise “{form.instance.name}” updated.")
        return super().form_valid(form)


class ExerciseDeleteView(LoginRequiredMixin, DeleteView):
    template_name = "tracker/exercise_delete.html"
    success_url = reverse_lazy("tracker:exercise_list")

    def get_object(self, queryset=None):
        return get_object_or_404(private_exercises(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(set_count=self.object.strength_sets.count(), **kwargs)

    def form_valid(self, form):
        # Sets keep their exercise (PROTECT): refuse with a message rather than an error page.
        if self.object.strength_sets.exists():
            messages.error(
                self.request,
                f"“{self.object.name}” is used in your strength sessions, so it cannot be deleted.",
            )
            return redirect("tracker:exercise_list")
        messages.success(self.request, f"Exercise “{self.object.name}” deleted.")
        return super().form_valid(form)
