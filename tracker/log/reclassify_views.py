"""One-click fixes from the import report: run <-> cross-training, and a missing date."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.dateparse import parse_date
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from tracker.log import reclassify
from tracker.log.models import CrossTrainingSession, Run, get_profile


def _back(request, fallback):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def run_to_cross_training(request, pk):
    run = get_object_or_404(Run.objects.for_user(request.user), pk=pk)
    try:
        session = reclassify.run_to_cross_training(run, request.POST.get("sport", "other"))
    except reclassify.CannotConvert as error:
        messages.error(request, str(error))
        return _back(request, run)
    messages.success(request, f"Saved as cross-training: {session}.")
    return _back(request, session)


@login_required
@require_POST
def cross_training_to_run(request, pk):
    session = get_object_or_404(CrossTrainingSession.objects.for_user(request.user), pk=pk)
    try:
        run = reclassify.cross_training_to_run(session)
    except reclassify.CannotConvert as error:
        messages.error(request, str(error))
        return _back(request, session)
    messages.success(request, "Saved as a run.")
    return _back(request, run)


@login_required
@require_POST
def run_date(request, pk):
    run = get_object_or_404(Run.objects.for_user(request.user), pk=pk)
    day = parse_date(request.POST.get("date", "") or "")
    if day is None:
        messages.error(request, "Enter the run's date (YYYY-MM-DD).")
        return _back(request, run)
    try:
        reclassify.give_date(run, day, get_profile(request.user).today())
    except reclassify.CannotConvert as error:
        messages.error(request, str(error))
        return _back(request, run)
    messages.success(request, f"The run is dated {day:%Y-%m-%d}.")
    return _back(request, run)
