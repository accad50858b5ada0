"""Cross-training sessions: list, detail and the form views, the runner's own only."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, render

from tracker.log.cross_training_forms import CrossTrainingForm
from tracker.log.models import CrossTrainingSession, get_profile
from tracker.log.views import LogCreateView, LogDeleteView, LogUpdateView, list_context, paginate


@login_required
def cross_training_list(request):
    context = list_context(request, CrossTrainingSession.objects.for_user(request.user))
    sessions = context["filtered"]
    context["page"] = paginate(request, sessions)
    context["totals"] = sessions.aggregate(duration_s=Sum("duration_s"), count=Count("pk"))
    return render(request, "tracker/cross_training_list.html", context)


@login_required
def cross_training_detail(request, pk):
    session = get_object_or_404(CrossTrainingSession.objects.for_user(request.user), pk=pk)
    profile = get_profile(request.user)
    local_start = session.start_time.astimezone(profile.zone) if session.start_time else None
    return render(
        request,
        "tracker/cross_training_detail.html",
        {"session": session, "units": profile.units, "local_start": local_start},
    )


class CrossTrainingCreateView(LogCreateView):
    model = CrossTrainingSession
    form_class = CrossTrainingForm
    noun = "Session"
    template_name = "tracker/cross_training_form.html"


class CrossTrainingUpdateView(LogUpdateView):
    model = CrossTrainingSession
    form_class = CrossTrainingForm
    noun = "Session"
    template_name = "tracker/cross_training_form.html"


class CrossTrainingDeleteView(LogDeleteView):
    model = CrossTrainingSession
    noun = "Session"
    template_name = "tracker/cross_training_delete.html"
    list_url_name = "tracker:cross_training_list"
