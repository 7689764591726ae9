import json
from pathlib import Path

from tests.base import BaseTestCase

README = Path(__file__).resolve().parents[2] / "README.md"
DOCS_SCHEMA = README.parent / "docs" / "openapi.json"


class OpenApiTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.schema = self.client.get("/api/v1/openapi.json").json()

    def test_it_is_served_and_lists_every_operation(self) -> None:
        operations = {
            f"{method.upper()} {path}"
            for path, methods in self.schema["paths"].items()
            for method in methods
        }
        self.assertEqual(len(operations), 13)
        self.assertIn("POST /api/v1/letters/{slug}/signatures", operations)

    def test_every_error_answer_is_documented_with_the_error_shape(self) -> None:
        for path, methods in self.schema["paths"].items():
            for method, operation in methods.items():
                codes = set(operation["responses"])
                self.assertTrue(codes & {"200", "202"}, f"{method} {path}")
                for code, response in operation["responses"].items():
                    if code.startswith("4"):
                        ref = response["content"]["application/json"]["schema"]["$ref"]
                        self.assertEqual(ref, "#/components/schemas/ErrorOut", f"{method} {path}")

    def test_the_organiser_endpoints_document_authentication(self) -> None:
        for path, methods in self.schema["paths"].items():
            if path.startswith("/api/v1/organiser/"):
                self.assertIn("401", methods["get"]["responses"], path)
                self.assertTrue(methods["get"]["security"], path)

    def test_the_readme_describes_every_operation(self) -> None:
        readme = README.read_text()
        for path, methods in self.schema["paths"].items():
            for method in methods:
                self.assertIn(f"`{method.upper()} {path}", readme)

    def test_the_published_copy_in_docs_is_up_to_date(self) -> None:
        # docs/openapi.json is the schema as published with the README; regenerate it with
        # `undersigned export_openapi > docs/openapi.json` after changing the API.
        published = json.loads(DOCS_SCHEMA.read_text())
        self.assertEqual(published, self.schema)
