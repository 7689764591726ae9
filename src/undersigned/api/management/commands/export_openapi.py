import json
from typing import Any

from django.core.management.base import BaseCommand

from undersigned.api.v1 import api


class Command(BaseCommand):
    help = "Print the API's OpenAPI schema (as served at /api/v1/openapi.json)."

    def handle(self, *args: Any, **options: Any) -> None:
        # Round-trip first: the schema has integer keys (status codes) beside string ones.
        schema = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), default=str))
        self.stdout.write(json.dumps(schema, indent=2, sort_keys=True))
