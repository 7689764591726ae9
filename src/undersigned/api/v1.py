"""The public JSON API, version 1, at /api/v1/ (schema at /api/v1/openapi.json)."""

from typing import Any

from ninja import NinjaAPI

from undersigned.api import errors, motions, organiser, public

# The reason phrases of RFC 9110. Python's http.HTTPStatus changed some between 3.12 and
# 3.13; naming them here keeps the published schema the same on every Python.
REASONS = {413: "Content Too Large", 422: "Unprocessable Content"}


class UndersignedAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(*args, **kwargs)
        for methods in schema["paths"].values():
            for operation in methods.values():
                for code, response in operation.get("responses", {}).items():
                    if int(code) in REASONS:
                        response["description"] = REASONS[int(code)]
        return schema


api = UndersignedAPI(
    title="Undersigned API",
    version="1",
    description=(
        "Read open letters, their counts and public signatories; sign a letter; read the "
        "published meetings and motions of an organisation's bodies, each motion with its "
        "standing verdict; and, with "
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
api.add_router("/", motions.router)
