from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, HttpResponseBase

from undersigned.api.errors import error_response

PREFIX = "/api/v1/"
# Token endpoints are for scripts, not for other sites' pages: no CORS there.
PRIVATE_PREFIX = "/api/v1/organiser/"


class ApiMiddleware:
    """For the API only: CORS headers on the read endpoints (answering preflight requests),
    and the API's JSON error shape for the 4xx answers Django gives before the API runs
    (unknown addresses, wrong methods)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        cors = not request.path.startswith(PRIVATE_PREFIX)
        if (
            cors
            and request.method == "OPTIONS"
            and "Access-Control-Request-Method" in request.headers
        ):
            response: HttpResponseBase = HttpResponse(status=204)
            response["Access-Control-Allow-Methods"] = "GET, HEAD"
            response["Access-Control-Allow-Headers"] = "If-None-Match"
            response["Access-Control-Max-Age"] = "86400"
        else:
            response = self.get_response(request)
            if 400 <= response.status_code < 500 and not response.get(
                "Content-Type", ""
            ).startswith("application/json"):
                allow = response.get("Allow")
                response = error_response(response.status_code)
                if allow:
                    response["Allow"] = allow
        if cors and request.method in ("GET", "HEAD", "OPTIONS"):
            response["Access-Control-Allow-Origin"] = "*"
            response["Access-Control-Expose-Headers"] = "ETag"
        return response
