"""Organiser endpoints: a token reads its own organisation's letters, and nothing else."""

from collections.abc import Iterator
from typing import Any

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Query, Router, Schema
from pydantic import Field

from undersigned.api.auth import TokenAuth
from undersigned.api.errors import ApiError, ErrorOut
from undersigned.api.models import ApiToken
from undersigned.api.schemas import OrganiserLetterOut
from undersigned.letters import export, stats
from undersigned.letters.models import Letter

router = Router(tags=["organiser"], auth=TokenAuth())


class ExportQuery(Schema):
    private: bool = Field(
        False, description="Include what only organisers may see (emails and review state)."
    )


def own_letter(request: HttpRequest, slug: str) -> Letter:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    letter = Letter.objects.filter(organisation=token.organisation, slug=slug).first()
    if letter is None:
        # The same answer for another organisation's letter as for no letter at all.
        raise ApiError(404, "not_found", "Your organisation has no letter with this slug.")
    return letter


@router.get(
    "/letters",
    response={200: list[OrganiserLetterOut], 401: ErrorOut},
    summary="Your organisation's letters",
)
def organiser_letters(request: HttpRequest) -> list[dict[str, object]]:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return [
        {
            "slug": letter.slug,
            "title": letter.title,
            "status": letter.status,
            "count": letter.public_count,
        }
        for letter in Letter.objects.filter(organisation=token.organisation).order_by(
            "-created", "-id"
        )
    ]


@router.get(
    "/letters/{slug:slug}/stats",
    response={200: dict[str, Any], 401: ErrorOut, 404: ErrorOut},
    summary="Statistics of one letter",
)
def letter_stats(request: HttpRequest, slug: str) -> dict[str, Any]:
    letter = own_letter(request, slug)
    return stats.letter_stats(letter)


def _audited(request: HttpRequest, letter: Letter, private: bool, fmt: str) -> Iterator[str]:
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    return export.audited(letter, token.user, private=private, fmt=fmt, via="api", token=token.hint)


def streamed(rows: Iterator[str], content_type: str, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(rows, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _export_responses(content_type: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {
        "responses": {
            "200": {
                "description": "The signatures, streamed.",
                "content": {content_type: {"schema": schema}},
            }
        }
    }


@router.get(
    "/letters/{slug:slug}/export.csv",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    openapi_extra=_export_responses("text/csv", {"type": "string"}),
    summary="Export as CSV",
)
def export_csv(request: HttpRequest, slug: str, query: Query[ExportQuery]) -> StreamingHttpResponse:
    letter = own_letter(request, slug)
    return streamed(
        _audited(request, letter, query.private, "csv"),
        "text/csv; charset=utf-8",
        f"{letter.slug}-{'private' if query.private else 'public'}.csv",
    )


@router.get(
    "/letters/{slug:slug}/export.json",
    response={401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    openapi_extra=_export_responses("application/json", {}),
    summary="Export as JSON",
)
def export_json(
    request: HttpRequest, slug: str, query: Query[ExportQuery]
) -> StreamingHttpResponse:
    letter = own_letter(request, slug)
    return streamed(
        _audited(request, letter, query.private, "json"),
        "application/json",
        f"{letter.slug}-{'private' if query.private else 'public'}.json",
    )
