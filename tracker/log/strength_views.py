"""Strength sessions with their sets, and the exercises a runner adds for themselves."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.views.decorators.http import require_POST
from django.views.generic import CreateView, DeleteView, UpdateView

from knowledge.models import Exercise, Routine, RoutineExercise
from tracker import units as unit_conversions
from tracker.log import lifts
from tracker.log.models import (
    LiftHistory,
    PrivateExercise,
    PrivateRoutine,
    StrengthSession,
    StrengthSet,
    get_profile,
)
from tracker.log.strength_forms import (
    MAX_SETS,
    ExerciseForm,
    RoutineNameForm,
    StrengthSessionForm,
    strength_set_formset,
)
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
    context["records"] = (
        LiftHistory.objects.filter(user=request.user)
        .select_related("exercise")
        .order_by("exercise__name", "exercise_id")
    )
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
            "routine_form": RoutineNameForm(user=request.user),
        },
    )


def set_rows_from_session(session, system: str) -> list[dict]:
    """Initial set rows repeating `session`, weights in the runner's units."""
    return [
        {
            "exercise": strength_set.exercise_id,
            "reps": strength_set.reps,
            "weight": round(unit_conversions.from_si("weight", strength_set.weight_kg, system), 2),
            "reps_in_reserve": strength_set.reps_in_reserve,
        }
        for strength_set in session.sets.all()
    ]


def set_rows_from_routine(user, routine, system: str) -> list[dict]:
    """Initial set rows for a routine's targets, each weight the runner's last for that
    exercise (one query: the last weight comes along as a subquery per item)."""
    last_weight = (
        StrengthSet.objects.for_user(user)
        .filter(exercise=OuterRef("exercise"))
        .order_by("-session__date", "-session__pk", "-order", "-pk")
        .values("weight_kg")[:1]
    )
    rows = []
    for item in RoutineExercise.objects.filter(routine=routine).annotate(
        last_weight_kg=Subquery(last_weight)
    ):
        weight = item.last_weight_kg
        if weight is not None:
            weight = round(unit_conversions.from_si("weight", weight, system), 2)
        rows += [
            {
                "exercise": item.exercise_id,
                "reps": item.reps,
                "weight": weight,
                "reps_in_reserve": item.reps_in_reserve,
            }
        ] * item.sets
    return rows


def _pk_from(request, name) -> int | None:
    try:
        return int(request.GET.get(name, ""))
    except ValueError:
        return None


@login_required
def strength_form(request, pk=None):
    """Create or edit a session and its sets on one page; both save together or not at all.

    A new session can start from a routine (?routine=<pk>, the guide's or the runner's own) or
    repeat an earlier session (?repeat=<pk>): their sets arrive filled in, to change or save.
    """
    user = request.user
    profile = get_profile(user)
    if pk is None:
        session = StrengthSession(user=user)
    else:
        session = get_object_or_404(StrengthSession.objects.for_user(user), pk=pk)
    my_sessions = StrengthSession.objects.for_user(user)
    last_session = None if pk else my_sessions.order_by("-date", "-pk").first()
    initial_rows, started_from = [], None
    if pk is None and request.method == "GET":
        if (routine_pk := _pk_from(request, "routine")) is not None:
            started_from = Routine.objects.available_to(user).filter(pk=routine_pk).first()
            if started_from:
                initial_rows = set_rows_from_routine(user, started_from, profile.units)
        elif (repeat_pk := _pk_from(request, "repeat")) is not None:
            started_from = my_sessions.filter(pk=repeat_pk).first()
            if started_from:
                initial_rows = set_rows_from_session(started_from, profile.units)
    initial_rows = initial_rows[:MAX_SETS]
    # The formset always shows min_num (1) rows on top of `extra`.
    extra = len(initial_rows) - 1 if initial_rows else (2 if pk is None else 1)
    formset_class = strength_set_formset(extra=extra)
    data = request.POST if request.method == "POST" else None
    form = StrengthSessionForm(data, instance=session, profile=profile)
    formset = formset_class(
        data, instance=session, prefix="sets", profile=profile, user=user, initial=initial_rows
    )
    if data is not None and form.is_valid() and formset.is_valid():
        with transaction.atomic():
            touched = lifts.exercise_ids_of(session.pk) if session.pk else set()
            if session.duration_s is None:
                session.duration_s = session.suggested_duration_s(len(formset.kept_forms()))
            session = form.save()
            formset.save(commit=False)
            for removed in formset.deleted_objects:
                removed.delete()
            for position, set_form in enumerate(formset.kept_forms()):
                strength_set = set_form.save(commit=False)
                strength_set.session = session
                strength_set.order = position
                strength_set.save()
                touched.add(strength_set.exercise_id)
            lifts.refresh(user, touched)
        messages.success(
            request, "Strength session saved." if pk is None else "Strength session updated."
        )
        return redirect(session)
    return render(
        request,
        "tracker/strength_form.html",
        {
            "form": form,
            "formset": formset,
            "session": session,
            "units": profile.units,
            "last_session": last_session,
            "started_from": started_from,
            "routines": Routine.objects.available_to(user).only("pk", "name", "owner_id")
            if pk is None
            else [],
        },
    )


# --------------------------------------------------------------------------------------------
# Routines
# --------------------------------------------------------------------------------------------


@login_required
def routine_list(request):
    routines = (
        Routine.objects.available_to(request.user)
        .prefetch_related(Prefetch("items", RoutineExercise.objects.select_related("exercise")))
        .order_by("owner", "name")
    )
    return render(
        request,
        "tracker/routine_list.html",
        {
            "guide_routines": [r for r in routines if r.owner_id is None],
            "own_routines": [r for r in routines if r.owner_id is not None],
        },
    )


@login_required
@require_POST
def routine_from_session(request, pk):
    """Saves a session's exercises, in order, as the runner's own routine: per exercise its
    number of sets, and the reps and reps in reserve of its first set."""
    session = get_object_or_404(StrengthSession.objects.for_user(request.user), pk=pk)
    form = RoutineNameForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, " ".join(form.errors.get("name", ["Give the routine a name."])))
        return redirect(session)
    with transaction.atomic():
        routine = PrivateRoutine.objects.create(
            owner=request.user, name=form.cleaned_data["name"], slug=form.slug
        )
        items: dict[int, RoutineExercise] = {}
        for strength_set in session.sets.all():
            item = items.get(strength_set.exercise_id)
            if item is None:
                items[strength_set.exercise_id] = RoutineExercise(
                    routine=routine,
                    exercise_id=strength_set.exercise_id,
                    order=len(items),
                    sets=1,
                    reps=strength_set.reps,
                    reps_in_reserve=strength_set.reps_in_reserve,
                )
            elif item.sets < 10:
                item.sets += 1
        RoutineExercise.objects.bulk_create(items.values())
    messages.success(request, f"Routine “{routine.name}” saved: start it from Log strength.")
    return redirect("tracker:routine_list")


@login_required
def routine_delete(request, pk):
    routine = get_object_or_404(PrivateRoutine.objects.for_user(request.user), pk=pk)
    if request.method == "POST":
        name = routine.name
        routine.delete()
        messages.success(request, f"Routine “{name}” deleted.")
        return redirect("tracker:routine_list")
    return render(request, "tracker/routine_delete.html", {"routine": routine})


class StrengthDeleteView(LogDeleteView):
    model = StrengthSession
    noun = "Strength session"
    template_name = "tracker/strength_delete.html"
    list_url_name = "tracker:strength_list"

    @transaction.atomic
    def form_valid(self, form):
        touched = lifts.exercise_ids_of(self.object.pk)
        response = super().form_valid(form)
        lifts.refresh(self.request.user, touched)
        return response


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
