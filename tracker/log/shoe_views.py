"""/log/shoes/: the runner's shoes with their distance and life, and the forms for them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tracker.log.models import Shoe, get_profile
from tracker.log.shoe_forms import ShoeForm
from tracker.log.shoes import INJURIES_ARTICLE, wear_of
from tracker.log.views import LogCreateView, LogDeleteView, LogUpdateView


@login_required
def shoe_list(request):
    # Queries: session, user, profile, the shoes with their summed distance.
    profile = get_profile(request.user)
    shoes = [(shoe, wear_of(shoe)) for shoe in Shoe.objects.for_user(request.user).with_distance()]
    return render(
        request,
        "tracker/shoe_list.html",
        {
            "active": [pair for pair in shoes if not pair[0].retired],
            "retired": [pair for pair in shoes if pair[0].retired],
            "units": profile.units,
            "injuries_article": INJURIES_ARTICLE,
        },
    )


class ShoeCreateView(LogCreateView):
    model = Shoe
    form_class = ShoeForm
    noun = "Shoes"
    template_name = "tracker/shoe_form.html"


class ShoeUpdateView(LogUpdateView):
    model = Shoe
    form_class = ShoeForm
    noun = "Shoes"
    template_name = "tracker/shoe_form.html"


class ShoeDeleteView(LogDeleteView):
    model = Shoe
    noun = "Shoes"
    template_name = "tracker/shoe_delete.html"
    list_url_name = "tracker:shoe_list"


@login_required
@require_POST
def shoe_retire(request, pk):
    """Retire a pair (or bring it back): it keeps its runs but is no longer offered."""
    shoe = get_object_or_404(Shoe.objects.for_user(request.user), pk=pk)
    shoe.retired = not shoe.retired
    shoe.save(update_fields=["retired"])
    messages.success(request, f"{shoe} {'retired' if shoe.retired else 'back in use'}.")
    return redirect("tracker:shoe_list")
