from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from tracker.progress.insights import insights_for

# How many insights the home page shows a signed-in runner; /progress/ shows them all.
HOME_INSIGHTS = 3


def home(request):
    insights = []
    if request.user.is_authenticated:
        insights = insights_for(request.user)[:HOME_INSIGHTS]
    return render(request, "home.html", {"insights": insights})


@never_cache
@require_GET
def healthz(request):
    """200 when the database answers a query, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
