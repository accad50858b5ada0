"""The training log's pages.

Lists and details are small function views; forms are generic Create/Update/DeleteViews behind
`OwnedObjectMixin`, which answers 404 for anything that is not the signed-in runner's own.
"""

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Prefetch, Sum
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import CreateView, DeleteView, UpdateView

from api.models import ApiToken
from knowledge.models import Exercise
from tracker.exports import CSV_KINDS
from tracker.forms import (
    DateRangeForm,
    ExerciseForm,
    MeasurementForm,
    ProfileForm,
    ProteinEntryForm,
    RunForm,
    StrengthSessionForm,
    strength_set_formset,
)
from tracker.models import (
    LegMeasurement,
    ProteinEntry,
    Run,
    StrengthSession,
    StrengthSet,
    get_profile,
    protein_day_summary,
    protein_days,
    with_protein_target,
)
from tracker.views.account import NEW_KEY_SESSION, ApiTokenForm

PAGE_SIZE = 25
TIMELINE_LENGTH = 20
QUICK_ADD_GRAMS = (10, 20, 30, 40)


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def private_exercises(user):
    """Exercises the runner added for themselves (the guide's have no owner)."""
    return Exercise.objects.filter(owner=user)


# --------------------------------------------------------------------------------------------
# Shared pieces of the form views
# --------------------------------------------------------------------------------------------


class OwnedObjectMixin(LoginRequiredMixin):
    """Object views over the runner's own rows only: anyone else's pk is a 404."""

    model = None
    noun = "Entry"

    def get_queryset(self):
        return self.model.objects.for_user(self.request.user)

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    @cached_property
    def profile(self):
        return get_profile(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(units=self.profile.units, noun=self.noun, **kwargs)


class LogFormMixin(OwnedObjectMixin):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "profile": self.profile}


class LogCreateView(LogFormMixin, CreateView):
    def form_valid(self, form):
        form.instance.user = self.request.user
        response = super().form_valid(form)
        messages.success(self.request, f"{self.noun} saved.")
        return response


class LogUpdateView(LogFormMixin, UpdateView):
    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"{self.noun} updated.")
        return response


class LogDeleteView(OwnedObjectMixin, DeleteView):
    list_url_name = ""

    def get_success_url(self):
        return reverse(self.list_url_name)

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, f"{self.noun} deleted.")
        return response


def list_context(request, queryset, profile=None):
    """The date filter, the filtered queryset and the units for a list page."""
    filter_form = DateRangeForm(request.GET or None)
    profile = profile or get_profile(request.user)
    return {
        "filter_form": filter_form,
        "filtered": filter_form.filter(queryset),
        "is_filtered": filter_form.is_bound and filter_form.has_changed(),
        "units": profile.units,
    }


# --------------------------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------------------------


@login_required
def log(request):
    """The latest entries of every kind, newest first, and today's protein."""
    user = request.user
    profile = get_profile(user)
    runs = list(Run.objects.for_user(user)[:TIMELINE_LENGTH])
    # The newest sessions and protein days are picked before grouping, so the grouping (and
    # the page's time) does not grow with years of history.
    newest_sessions = StrengthSession.objects.for_user(user).order_by("-date", "-pk")
    sessions = list(
        StrengthSession.objects.filter(pk__in=newest_sessions.values("pk")[:TIMELINE_LENGTH])
        .with_totals()
        .prefetch_related(Prefetch("sets", StrengthSet.objects.select_related("exercise")))[
            :TIMELINE_LENGTH
        ]
    )
    measurements = list(LegMeasurement.objects.for_user(user)[:TIMELINE_LENGTH])
    # Protein is logged several times a day: one timeline entry per day, listing its entries.
    newest_days = (ProteinEntry.objects.for_user(user).order_by("-date").values("date").distinct())[
        :TIMELINE_LENGTH
    ]
    days = [
        with_protein_target(row, profile)
        for row in protein_days(user).filter(date__in=newest_days)[:TIMELINE_LENGTH]
    ]
    if days:
        for row in days:
            row["items"] = []
        by_date = {row["date"]: row for row in days}
        for entry in (
            ProteinEntry.objects.for_user(user)
            .filter(date__in=by_date)
            .order_by("created_at", "pk")
        ):
            by_date[entry.date]["items"].append(entry)
    entries = [
        *((r.date, r.created_at, "run", r) for r in runs),
        *((s.date, s.created_at, "strength", s) for s in sessions),
        *((m.date, m.created_at, "measurement", m) for m in measurements),
        *((d["date"], d["items"][-1].created_at, "protein", d) for d in days),
    ]
    entries.sort(key=lambda entry: entry[:2], reverse=True)
    return render(
        request,
        "tracker/log.html",
        {
            "units": profile.units,
            "timeline": [
                {"kind": kind, "object": obj} for _, _, kind, obj in entries[:TIMELINE_LENGTH]
            ],
            "has_runs": bool(runs),
            "has_strength": bool(sessions),
            "has_measurements": bool(measurements),
            "has_protein": bool(days),
            "today_protein": protein_day_summary(user, profile, profile.today()),
            "quick_add_grams": QUICK_ADD_GRAMS,
            "today": profile.today(),
        },
    )


# --------------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------------


@login_required
def run_list(request):
    context = list_context(request, Run.objects.for_user(request.user))
    runs = context["filtered"]
    context["page"] = paginate(request, runs)
    context["totals"] = runs.aggregate(
        distance_m=Sum("distance_m"), duration_s=Sum("duration_s"), count=Count("pk")
    )
    return render(request, "tracker/run_list.html", context)


@login_required
def run_detail(request, pk):
    run = get_object_or_404(Run.objects.for_user(request.user), pk=pk)
    profile = get_profile(request.user)
    local_start = run.start_time.astimezone(profile.zone) if run.start_time else None
    return render(
        request,
        "tracker/run_detail.html",
        {"run": run, "units": profile.units, "local_start": local_start},
    )


class RunCreateView(LogCreateView):
    model = Run
    form_class = RunForm
    noun = "Run"
    template_name = "tracker/run_form.html"


class RunUpdateView(LogUpdateView):
    model = Run
    form_class = RunForm
    noun = "Run"
    template_name = "tracker/run_form.html"


class RunDeleteView(LogDeleteView):
    model = Run
    noun = "Run"
    template_name = "tracker/run_delete.html"
    list_url_name = "tracker:run_list"


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
# Leg measurements
# --------------------------------------------------------------------------------------------


@login_required
def measurement_list(request):
    context = list_context(request, LegMeasurement.objects.for_user(request.user))
    context["page"] = paginate(request, context["filtered"])
    return render(request, "tracker/measurement_list.html", context)


@login_required
def measurement_detail(request, pk):
    measurement = get_object_or_404(LegMeasurement.objects.for_user(request.user), pk=pk)
    return render(
        request,
        "tracker/measurement_detail.html",
        {
            "measurement": measurement,
            "changes": measurement.changes(),
            "units": get_profile(request.user).units,
        },
    )


class MeasurementCreateView(LogCreateView):
    model = LegMeasurement
    form_class = MeasurementForm
    noun = "Measurement"
    template_name = "tracker/measurement_form.html"


class MeasurementUpdateView(LogUpdateView):
    model = LegMeasurement
    form_class = MeasurementForm
    noun = "Measurement"
    template_name = "tracker/measurement_form.html"


class MeasurementDeleteView(LogDeleteView):
    model = LegMeasurement
    noun = "Measurement"
    template_name = "tracker/measurement_delete.html"
    list_url_name = "tracker:measurement_list"


# --------------------------------------------------------------------------------------------
# Protein
# --------------------------------------------------------------------------------------------


@login_required
def protein_list(request):
    """Entries grouped by day, each day's total against its target, and quick-add buttons."""
    user = request.user
    profile = get_profile(user)
    context = list_context(request, ProteinEntry.objects.for_user(user), profile)
    page = paginate(request, context["filtered"])
    days_on_page = {entry.date for entry in page}
    context["page"] = page
    context["days"] = {
        row["date"]: with_protein_target(row, profile)
        for row in protein_days(user).filter(date__in=days_on_page)
    }
    context["today_protein"] = protein_day_summary(user, profile, profile.today())
    context["quick_add_grams"] = QUICK_ADD_GRAMS
    context["today"] = profile.today()
    context["protein_g_per_kg"] = profile.protein_g_per_kg
    return render(request, "tracker/protein_list.html", context)


@login_required
def protein_detail(request, pk):
    entry = get_object_or_404(ProteinEntry.objects.for_user(request.user), pk=pk)
    profile = get_profile(request.user)
    return render(
        request,
        "tracker/protein_detail.html",
        {"entry": entry, "day": protein_day_summary(request.user, profile, entry.date)},
    )


class ProteinCreateView(LogCreateView):
    model = ProteinEntry
    form_class = ProteinEntryForm
    noun = "Protein entry"
    template_name = "tracker/protein_form.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        next_url = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(
            next_url,
            allowed_hosts={self.request.get_host()},
            require_https=self.request.is_secure(),
        ):
            return HttpResponseRedirect(next_url)
        return response


class ProteinUpdateView(LogUpdateView):
    model = ProteinEntry
    form_class = ProteinEntryForm
    noun = "Protein entry"
    template_name = "tracker/protein_form.html"


class ProteinDeleteView(LogDeleteView):
    model = ProteinEntry
    noun = "Protein entry"
    template_name = "tracker/protein_delete.html"
    list_url_name = "tracker:protein_list"


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
    model = Exercise
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


# --------------------------------------------------------------------------------------------
# Settings
# --------------------------------------------------------------------------------------------


class SettingsView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "tracker/profile_form.html"
    success_url = reverse_lazy("tracker:settings")

    def get_object(self, queryset=None):
        return get_profile(self.request.user)

    def get_context_data(self, **kwargs):
        # API tokens and "your data" (tracker/views/account.py); a new key is shown only once.
        return super().get_context_data(
            api_tokens=ApiToken.objects.for_user(self.request.user),
            new_api_key=self.request.session.pop(NEW_KEY_SESSION, None),
            token_form=ApiTokenForm(),
            csv_kinds=CSV_KINDS,
            **kwargs,
        )

    def form_valid(self, form):
        messages.success(self.request, "Settings saved.")
        return super().form_valid(form)
