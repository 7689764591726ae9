"""hypothesis drives the sign form and the API with arbitrary Unicode (lone surrogates, NUL,
control and bidi characters, huge strings): always a 2xx/3xx or a documented 4xx, never a
500. Runs on whichever database DATABASE_URL names (PostgreSQL refuses NUL outright)."""

import json
from typing import Any
from urllib.parse import quote

from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from tests.base import make_letter, make_org
from undersigned.accounts.models import Organisation
from undersigned.letters.models import Letter

SURROGATES = st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1)
AWKWARD = st.sampled_from(["\x00", "\u202e", "\ufeff", "\r\n", "'", '"', "=1+1", "\U0001f600"])
TEXT = st.one_of(
    st.text(),
    st.text(st.characters(codec=None, exclude_categories=())),
    SURROGATES,
    st.lists(st.one_of(st.text(max_size=5), AWKWARD, SURROGATES)).map("".join),
    st.integers(min_value=1, max_value=200_000).map(lambda n: "x" * n),
)
API_CODES = {202, 400, 403, 413, 415, 422, 428, 429}
FORM_CODES = {200, 302, 400, 403, 413, 429}
FIELDS = ("name", "email", "role", "branch", "display", "membership_number", "postcode")
EXAMPLES = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def form_body(values: dict[str, str]) -> bytes:
    """urlencoded as a browser would, but keeping lone surrogates (which no browser can
    send as UTF-8) as their raw bytes, so the server sees what an attacker could send."""
    return "&".join(
        f"{key}={quote(value.encode('utf-8', 'surrogatepass'))}" for key, value in values.items()
    ).encode()


@override_settings(SIGN_CHALLENGE_AFTER=10**6, SIGN_LIMIT_PER_NETWORK=10**6)
class ArbitraryInputTests(TestCase):
    def setUp(self) -> None:
        super().setUp()
        org = Organisation.objects.filter(slug="northern").first() or make_org()
        org.allow_number_postcode = True
        org.save()
        found = Letter.objects.filter(slug="fuzzed").first()
        self.letter = found or make_letter(org, slug="fuzzed", eligibility="members")

    @EXAMPLES
    @given(st.fixed_dictionaries({}, optional={field: TEXT for field in FIELDS}))
    def test_the_api_never_fails(self, values: dict[str, Any]) -> None:
        body = json.dumps({**values, "consent": True})  # ensure_ascii: surrogates as \ud800
        response = self.client.post(
            f"/api/v1/letters/{self.letter.slug}/signatures", body, content_type="application/json"
        )
        self.assertIn(response.status_code, API_CODES, response.content[:300])
        if response.status_code >= 400:
            self.assertEqual(set(response.json()), {"error", "message", "fields"})

    @EXAMPLES
    @given(st.fixed_dictionaries({}, optional={field: TEXT for field in FIELDS}))
    def test_the_sign_form_never_fails(self, values: dict[str, str]) -> None:
        response = self.client.generic(
            "POST",
            f"/l/{self.letter.slug}/",
            form_body({**values, "consent": "on"}),
            content_type="application/x-www-form-urlencoded",
        )
        self.assertIn(response.status_code, FORM_CODES)
