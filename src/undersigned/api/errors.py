"""One error shape for every 4xx of the API:
{"error": "<code>", "message": "<sentence>", "fields": {"<field>": ["<problem>", ...]}}."""

import json
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser


class ErrorOut(Schema):
    error: str
    message: str
    fields: dict[str, list[str]]


class ApiError(Exception):
    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}
        self.headers = headers or {}


class UnsupportedMediaType(Exception):
    pass


class SurrogateText(Exception):
    """A JSON string held a lone surrogate (like "\\ud800"): no text can contain one, and
    neither the database nor UTF-8 can store it."""

    def __init__(self, fields: list[str]) -> None:
        super().__init__(", ".join(fields))
        self.fields = fields


def _surrogates(value: Any, path: str, found: list[str]) -> None:
    if isinstance(value, str):
        if any("\ud800" <= c <= "\udfff" for c in value):
            found.append(path or "body")
    elif isinstance(value, dict):
        for key, item in value.items():
            _surrogates(str(key), path or "body", found)
            _surrogates(item, f"{path}.{key}" if path else str(key), found)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _surrogates(item, f"{path}.{index}" if path else str(index), found)


# Codes and sentences for statuses the views do not raise themselves.
GENERIC = {
    400: ("bad_request", "The request could not be understood."),
    401: ("unauthenticated", "Send a valid API token as 'Authorization: Bearer <token>'."),
    403: ("forbidden", "You may not do this."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not accept that method."),
    413: ("body_too_large", "The request body is too large."),
    415: (
        "unsupported_media_type",
        "Send the body as JSON, with 'Content-Type: application/json'.",
    ),
    429: ("rate_limited", "Too many requests; please try again in a few minutes."),
}


def error_response(
    status: int, code: str = "", message: str = "", fields: dict[str, list[str]] | None = None
) -> JsonResponse:
    default_code, default_message = GENERIC.get(status, ("error", "The request failed."))
    body = {"error": code or default_code, "message": message or default_message}
    return JsonResponse({**body, "fields": fields or {}}, status=status)


class JsonParser(Parser):
    """The default parser, but refusing bodies that do not say they are JSON."""

    def parse_body(self, request: HttpRequest) -> Any:
        if request.content_type != "application/json":
            raise UnsupportedMediaType
        data = json.loads(request.body)
        found: list[str] = []
        _surrogates(data, "", found)
        if found:
            raise SurrogateText(found)
        return data


def _field_name(loc: tuple[Any, ...] | list[Any]) -> str:
    # ninja locates errors as ("body", "<parameter>", "field", ...) or ("query", "field").
    parts = (
        [str(part) for part in loc[2:]] if loc and loc[0] == "body" else [str(p) for p in loc[1:]]
    )
    return ".".join(parts) or str(loc[0] if loc else "body")


def _on_validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
    assert isinstance(exc, ValidationError)
    fields: dict[str, list[str]] = {}
    unknown = False
    for error in exc.errors:
        if error.get("type") == "extra_forbidden":
            unknown = True
            message = "This field is not known."
        elif error.get("type") == "missing":
            message = "This field is required."
        else:
            message = str(error.get("msg", "This value is not valid."))
        fields.setdefault(_field_name(error.get("loc", ())), []).append(message)
    if unknown:
        return error_response(
            400, "unknown_fields", "The request has fields that are not known.", fields
        )
    return error_response(422, "invalid", "Some values are missing or not valid.", fields)


def _on_http_error(request: HttpRequest, exc: Any) -> HttpResponse:
    assert isinstance(exc, HttpError)
    cause = exc.__cause__
    if isinstance(cause, UnsupportedMediaType):
        return error_response(415)
    if isinstance(cause, RequestDataTooBig):
        return error_response(413)
    if isinstance(cause, SurrogateText):
        problem = "This text contains an invalid character (a lone surrogate); please retype it."
        return error_response(
            422,
            "invalid",
            "Some values are missing or not valid.",
            {field: [problem] for field in cause.fields},
        )
    if isinstance(cause, ValueError):  # JSONDecodeError and UnicodeDecodeError
        return error_response(400, "malformed_json", "The request body is not valid JSON.")
    return error_response(exc.status_code)


def _on_api_error(request: HttpRequest, exc: Any) -> HttpResponse:
    response = error_response(exc.status, exc.code, exc.message, exc.fields)
    for name, value in exc.headers.items():
        response[name] = value
    return response


def install(api: NinjaAPI) -> None:
    api.add_exception_handler(ApiError, _on_api_error)
    api.add_exception_handler(ValidationError, _on_validation_error)
    api.add_exception_handler(HttpError, _on_http_error)
    api.add_exception_handler(Http404, lambda request, exc: error_response(404))
    api.add_exception_handler(RequestDataTooBig, lambda request, exc: error_response(413))
