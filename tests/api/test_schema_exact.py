"""The published schema is exact: what it allows, the API accepts (issue 17, #13)."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.base import BaseTestCase
from undersigned.api.schemas import NAME
from undersigned.letters.forms import SignForm
from undersigned.letters.models import Letter


def schema() -> dict:  # type: ignore[type-arg]
    from undersigned.api.v1 import api

    return api.get_openapi_schema()  # type: ignore[no-any-return]


class SchemaExactTests(BaseTestCase):
    def cursor_pattern(self) -> str:
        operation = schema()["paths"]["/api/v1/letters"]["get"]
        (after,) = [p for p in operation["parameters"] if p["name"] == "after"]
        return str(after["schema"]["pattern"])

    def test_every_cursor_the_schema_allows_is_accepted(self) -> None:
        @given(st.from_regex(self.cursor_pattern(), fullmatch=True))
        @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
        def run(cursor: str) -> None:
            for url in ("/api/v1/letters", "/api/v1/letters/solidarity/signatories"):
                response = self.client.get(url, {"after": cursor})
                self.assertEqual(response.status_code, 200, (url, cursor))

        run()

    def test_an_empty_name_or_email_is_outside_the_schema(self) -> None:
        sign_in = schema()["components"]["schemas"]["SignIn"]["properties"]
        self.assertEqual(sign_in["name"]["minLength"], 1)
        self.assertEqual(sign_in["email"]["format"], "email")
        self.assertIsNone(re.search(NAME, "\u200b"))

    def test_every_name_the_schema_allows_passes_the_form(self) -> None:
        letter = Letter.objects.get(slug="solidarity")

        @given(st.from_regex(NAME, fullmatch=True).filter(lambda n: len(n) <= 200))
        @settings(max_examples=80, deadline=None, suppress_health_check=list(HealthCheck))
        def run(name: str) -> None:
            form = SignForm(letter, self.sign_form(name=name))
            form.is_valid()
            self.assertNotIn("name", form.errors, repr(name))

        run()
