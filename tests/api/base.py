import json
from typing import Any

from django.http import HttpResponse

from tests.base import BaseTestCase


class ApiTestCase(BaseTestCase):
    def post_json(self, path: str, body: Any, **extra: Any) -> HttpResponse:
        data = body if isinstance(body, (str, bytes)) else json.dumps(body)
        return self.client.post(path, data, content_type="application/json", **extra)

    def sign_body(self, **overrides: Any) -> dict[str, Any]:
        body = {
            "name": "Ada Lovelace",
            "email": "ada@example.org",
            "role": "Steward",
            "branch": "northern-tyne",
            "display": "full",
            "consent": True,
        }
        body.update(overrides)
        return {k: v for k, v in body.items() if v is not None}

    def assert_error(
        self, response: HttpResponse, status: int, code: str, fields: tuple[str, ...] = ()
    ) -> dict[str, Any]:
        self.assertEqual(response.status_code, status, response.content)
        self.assertEqual(response["Content-Type"], "application/json")
        body = response.json()
        self.assertEqual(set(body), {"error", "message", "fields"})
        self.assertEqual(body["error"], code)
        self.assertTrue(body["message"].endswith("."))
        for field in fields:
            self.assertIn(field, body["fields"])
        return body
