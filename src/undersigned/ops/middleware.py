import logging
import re
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from undersigned.ops import router
from undersigned.ops.logs import request_id

access = logging.getLogger("undersigned.access")

# An id from the proxy in front is kept if it is short and plain (nginx's $request_id is
# 32 hex digits); anything else is replaced, so logs cannot be forged through the header.
SANE_ID = re.compile(r"[A-Za-z0-9._:-]{8,128}")

type GetResponse = Callable[[HttpRequest], HttpResponse]


class RequestMiddleware:
    """First in MIDDLEWARE: gives each request an id (X-Request-ID, in every log line and in
    the answer), logs one line per request, counts it for /metrics, and marks HTML pages as
    private to the browser (their forms carry a CSRF token tied to a cookie)."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from undersigned.ops import metrics

        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if settings.BEHIND_PROXY and SANE_ID.fullmatch(incoming) else ""
        token = request_id.set(rid or uuid.uuid4().hex)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            elapsed = time.perf_counter() - started
            match = request.resolver_match
            view = (match.view_name if match else "") or "unresolved"
            if view != "ops:metrics":
                metrics.REQUESTS.labels(view, request.method, response.status_code).inc()
                metrics.LATENCY.labels(view).observe(elapsed)
            response["X-Request-ID"] = request_id.get()
            _cache_headers(request, response)
            path = _loggable_path(request)
            access.info(
                "%s %s %s",
                request.method,
                path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": path,
                    "status": response.status_code,
                    "view": view,
                    "duration_ms": round(elapsed * 1000, 1),
                },
            )
            return response
        finally:
            request_id.reset(token)


def _loggable_path(request: HttpRequest) -> str:
    """The path without the secret in emailed links (confirm and withdraw tokens): a log
    line must not be a way to withdraw someone's signature. No address, no query string."""
    match = request.resolver_match
    token = match.kwargs.get("token") if match else None
    return request.path.replace(token, "[token]") if token else request.path


def _cache_headers(request: HttpRequest, response: HttpResponse) -> None:
    if response.get("Content-Type", "").startswith("text/html") and "Cache-Control" not in response:
        # Pages differ per visitor (CSRF token, login): a CDN must not share them.
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])


class ReplicaMiddleware:
    """Sends the public reads to the replica (see ops.router) and pins a visitor who has
    just written to the primary for REPLICA_PIN_SECONDS."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = router.use_replica.set(False)
        try:
            response = self.get_response(request)
        finally:
            router.use_replica.reset(token)
        if (
            router.configured()
            and request.method not in ("GET", "HEAD", "OPTIONS")
            and response.status_code < 400
        ):
            response.set_cookie(
                router.PIN_COOKIE,
                "1",
                max_age=settings.REPLICA_PIN_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request: HttpRequest, *args: object) -> None:
        match = request.resolver_match
        if (
            router.configured()
            and request.method in ("GET", "HEAD")
            and match is not None
            and match.view_name in router.PUBLIC_READS
            and router.PIN_COOKIE not in request.COOKIES
        ):
            router.use_replica.set(True)
