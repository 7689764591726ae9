"""The public JSON API, version 1, at /api/v1/ (schema at /api/v1/openapi.json)."""

from ninja import NinjaAPI

from undersigned.api import errors, organiser, public

api = NinjaAPI(
    title="Undersigned API",
    version="1",
    description=(
        "Read open letters, their counts and public signatories; sign a letter; and, with "
        "an organiser's API token, export and count your organisation's letters. Every 4xx "
        'answer has the shape {"error": code, "message": sentence, "fields": {field: [..]}}.'
    ),
    urls_namespace="api-v1",
    parser=errors.JsonParser(),
    docs_url=None,
)
errors.install(api)
api.add_router("/", public.router)
api.add_router("/organiser/", organiser.router)
