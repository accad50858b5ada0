from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from legsite.home import HomeContext


def home(request):
    """The pitch for visitors; a signed-in runner's weeks, calendar and next step."""
    if not request.user.is_authenticated:
        return render(request, "home.html")
    return render(request, "home_signed_in.html", HomeContext.for_user(request.user).as_context())


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
