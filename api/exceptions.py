"""JSON errors for the API, whatever fails: DRF's own errors, Django's 400/403/404/500 under
/api/ (an unknown URL, a body too large, a crash), never an HTML page to a JSON client."""

from django.http import JsonResponse
from django.views import defaults
from rest_framework.views import exception_handler

API_PREFIX = "/api/"


def json_exception_handler(exc, context):
    """DRF's handler, with every answer shaped {"detail": ...} or {field: [...]}."""
    response = exception_handler(exc, context)
    if response is not None and not isinstance(response.data, (dict, list)):
        response.data = {"detail": response.data}
    return response


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def _json(status: int, detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=status)


def bad_request(request, exception, template_name="400.html"):
    if _is_api(request):
        return _json(400, "Bad request.")
    return defaults.bad_request(request, exception)


def permission_denied(request, exception, template_name="403.html"):
    if _is_api(request):
        return _json(403, "You do not have permission to perform this action.")
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception, template_name="404.html"):
    if _is_api(request):
        return _json(404, "Not found.")
    return defaults.page_not_found(request, exception)


def server_error(request, template_name="500.html"):
    if _is_api(request):
        return _json(500, "Server error; it has been logged.")
    return defaults.server_error(request)
