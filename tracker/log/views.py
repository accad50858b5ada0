"""The training log's pages.

Lists and details are small function views; forms are generic Create/Update/DeleteViews behind
`OwnedObjectMixin`, which answers 404 for anything that is not the signed-in runner's own.
"""

from functools import cached_property

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Sum
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import CreateView, DeleteView, UpdateView

from tracker.log.forms import (
    DateRangeForm,
    MeasurementForm,
    ProfileForm,
    ProteinEntryForm,
    RunForm,
)
from tracker.log.models import (
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

PAGE_SIZE = 25
TIMELINE_LENGTH = 20
QUICK_ADD_GRAMS = (10, 20, 30, 40)


def paginate(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


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
# Settings
# --------------------------------------------------------------------------------------------


class SettingsView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "tracker/profile_form.html"
    success_url = reverse_lazy("tracker:settings")

    def get_object(self, queryset=None):
        return get_profile(self.request.user)

    def form_valid(self, form):
        messages.success(self.request, "Settings saved.")
        return super().form_valid(form)
