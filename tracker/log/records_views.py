"""/log/records/: the runner's best efforts per distance, race predictions, and the predicted
10 km beside leg girth and body weight."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from tracker.log.models import get_profile
from tracker.log.records_page import records_context


@login_required
@require_GET
def records(request):
    # Queries: session, user, profile, the top efforts with their runs, the recent efforts (a
    # window), the trend's monthly efforts and monthly measurements.
    profile = get_profile(request.user)
    context = records_context(request.user, profile.today())
    return render(request, "tracker/records.html", {**context, "units": profile.units})
