"""The training log's pages.

Lists and details are small function views; forms are generic Create/Update/DeleteViews behind
`OwnedObjectMixin`, which answers 404 for anything that is not the signed-in runner's own.
"""

import datetime
from functools import cached_property

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, Sum
from django.http import FileResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import CreateView, DeleteView, UpdateView

from tracker.log import recompute
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
    RunStream,
    get_profile,
    protein_day_summary,
    protein_days,
    with_protein_target,
)
from tracker.log.records import with_record_flag
from tracker.log.run_page import RunPage
from tracker.log.shoes import shoe_warnings_context
from tracker.log.timeline import timeline_page

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
    """The latest entries of every kind, newest first, a page at a time, and today's protein."""
    user = request.user
    profile = get_profile(user)
    try:
        before = datetime.date.fromisoformat(request.GET.get("before", ""))
    except ValueError:
        before = None
    page = timeline_page(user, profile, before=before, length=TIMELINE_LENGTH)
    return render(
        request,
        "tracker/log.html",
        {
            "units": profile.units,
            "timeline": page.entries,
            "older_before": page.older_before,
            "before": before,
            "has_runs": "run" in page.kinds,
            "has_strength": "strength" in page.kinds,
            "has_measurements": "measurement" in page.kinds,
            "has_protein": "protein" in page.kinds,
            # Older pages do not show today's protein: no need to look it up.
            "today_protein": (
                None if before else protein_day_summary(user, profile, profile.today())
            ),
            "quick_add_grams": QUICK_ADD_GRAMS,
            "today": profile.today(),
            # Shoes at 80 % or more of their life, on the newest page only.
            **(shoe_warnings_context(user) if before is None else {"shoe_warnings": []}),
        },
    )


# --------------------------------------------------------------------------------------------
# Runs
# --------------------------------------------------------------------------------------------


@login_required
def run_list(request):
    context = list_context(request, Run.objects.for_user(request.user))
    runs = context["filtered"]
    context["page"] = paginate(request, with_record_flag(runs))  # PR badges on this page only
    context["totals"] = runs.aggregate(
        distance_m=Sum("distance_m"), duration_s=Sum("duration_s"), count=Count("pk")
    )
    return render(request, "tracker/run_list.html", context)


@login_required
def run_detail(request, pk):
    # Queries: session, user, the run with its recording, profile, laps, zone sets, and the
    # estimated maximum heart rate when neither a zone set nor the profile gives one.
    # The packed samples stay unread: the page draws from the kept page data (run_page.py).
    runs = Run.objects.for_user(request.user).select_related("recording")
    run = get_object_or_404(runs.defer("recording__data"), pk=pk)
    profile = get_profile(request.user)
    local_start = run.start_time.astimezone(profile.zone) if run.start_time else None
    page = RunPage.for_run(run, profile, request.user)
    return render(
        request,
        "tracker/run_detail.html",
        {"run": run, "units": profile.units, "local_start": local_start, "page": page},
    )


@login_required
def run_original(request, pk):
    """The watch file a run was imported from, as it was uploaded."""
    recording = get_object_or_404(
        RunStream.objects.for_user(request.user).exclude(original=""), pk=pk
    )
    return FileResponse(
        recording.original.open("rb"),
        as_attachment=True,
        filename=recording.original_name.rpartition("›")[2].strip() or "activity",
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

    def get_context_data(self, **kwargs):
        latest = (
            LegMeasurement.objects.for_user(self.request.user)
            .weighed_on_or_before(self.object.today())
            .only("date", "weight_kg")
            .first()
        )
        return super().get_context_data(latest_weight=latest, units=self.object.units, **kwargs)

    def form_valid(self, form):
        with transaction.atomic():  # the profile, and the runs its heart rates change
            response = super().form_valid(form)
            outcome = recompute.after_profile_change(self.request.user, set(form.changed_data))
        messages.success(
            self.request, outcome.message("Settings saved") if outcome else "Settings saved."
        )
        return response
