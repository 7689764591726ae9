"""A database that is down or restarting is an outage, not a bug: the answer is 503 with
Retry-After and a sentence asking to try again, never a 500. Whatever the request was doing
ran in a transaction that the database rolled back, so nothing half-written remains."""

import logging
import sys
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views import defaults

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5
UNAVAILABLE = (OperationalError, InterfaceError)


def unavailable(request: HttpRequest) -> HttpResponse:
    message = _("The site is briefly unavailable. Nothing was saved: please try again in a moment.")
    response: HttpResponse
    if request.path.startswith("/api/") or request.path in ("/healthz", "/readyz"):
        response = JsonResponse({"error": "unavailable", "message": message}, status=503)
    else:
        # No request context: its processors would read the session, in the database.
        page = render_to_string(
            "ops/unavailable.html", {"message": message, "path": request.get_full_path()}
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a lost database in a view into the 503 answer (see server_error for the rest)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, UNAVAILABLE):
            log.warning("database unavailable: %s", exception)
            return unavailable(request)
        return None


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the same 503 for a database error raised outside a view (a middleware
    reading the session, say), else Django's own 500 page."""
    if isinstance(sys.exc_info()[1], UNAVAILABLE):
        try:
            return unavailable(request)
        except Exception:  # noqa: BLE001, S110 - rendering must not hide the 503
            response = HttpResponse(
                "Briefly unavailable: please try again.", status=503, content_type="text/plain"
            )
            response["Retry-After"] = str(RETRY_AFTER_SECONDS)
            return response
    return defaults.server_error(request)
