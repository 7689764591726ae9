import re
from unittest import mock

from django.core import mail
from django.test import override_settings

from tests.api.base import ApiTestCase
from tests.base import links_in, make_letter
from undersigned.letters import services
from undersigned.letters.models import Signature


class ApiSignTests(ApiTestCase):
    def url(self, slug: str = "solidarity") -> str:
        return f"/api/v1/letters/{slug}/signatures"

    def test_it_records_a_pending_signature_and_emails_the_signer(self) -> None:
        response = self.post_json(self.url(), self.sign_body())
        self.assertEqual(response.status_code, 202)
        self.assertEqual(response.json(), {"status": "pending"})
        signature = Signature.objects.get()
        self.assertEqual(signature.status, "pending")
        self.assertEqual(signature.branch, self.tyneside)
        self.assertEqual(signature.role, "Steward")
        self.assertEqual(mail.outbox[0].to, ["ada@example.org"])
        self.assertIn("confirm", links_in(mail.outbox[0]))

    def test_the_confirmation_link_counts_the_signature(self) -> None:
        self.post_json(self.url(), self.sign_body())
        self.client.post(links_in(mail.outbox[0])["confirm"])
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 1)

    def test_the_answer_is_the_same_whether_or_not_the_email_signed(self) -> None:
        self.sign_and_confirm()
        known = self.post_json(self.url(), self.sign_body(email="ADA@example.org"))
        unknown = self.post_json(self.url(), self.sign_body(email="new@example.org"))
        pending = self.post_json(self.url(), self.sign_body(email="new@example.org"))
        for response in (known, unknown, pending):
            self.assertEqual(response.status_code, 202)
            self.assertEqual(response.content, b'{"status": "pending"}')
        self.assertIn("already signed", mail.outbox[-3].subject)

    def test_branch_is_optional(self) -> None:
        response = self.post_json(self.url(), self.sign_body(branch=None, role=None, display=None))
        self.assertEqual(response.status_code, 202)
        signature = Signature.objects.get()
        self.assertIsNone(signature.branch)
        self.assertEqual(signature.display, "full")

    def test_it_accepts_the_membership_fields(self) -> None:
        body = self.sign_body(membership_number="", postcode="")
        self.assertEqual(self.post_json(self.url(), body).status_code, 202)

    def test_it_applies_the_form_rules(self) -> None:
        response = self.post_json(
            self.url(),
            self.sign_body(name="Ada\u202e", email="nope", consent=False, branch="southern-york"),
        )
        body = self.assert_error(response, 422, "invalid", ("name", "email", "consent", "branch"))
        self.assertIn("control characters", body["fields"]["name"][0])
        self.assertEqual(body["fields"]["email"], ["Enter an email address like name@example.org."])
        self.assertEqual(body["fields"]["branch"], ["Choose a branch from the list."])
        self.assertEqual(
            body["fields"]["consent"], ["Tick the box to agree to what will be public."]
        )
        self.assertEqual(Signature.objects.count(), 0)

    def test_it_refuses_an_over_long_name_with_the_forms_message(self) -> None:
        body = self.assert_error(
            self.post_json(self.url(), self.sign_body(name="A" * 201)), 422, "invalid"
        )
        self.assertIn("at most 200 characters", body["fields"]["name"][0])

    def test_it_requires_the_fields_of_the_form(self) -> None:
        body = self.assert_error(self.post_json(self.url(), {}), 422, "invalid")
        self.assertEqual(set(body["fields"]), {"name", "email", "consent"})
        self.assertEqual(body["fields"]["name"], ["This field is required."])

    def test_it_refuses_values_of_the_wrong_type(self) -> None:
        response = self.post_json(self.url(), self.sign_body(name=42, consent="yes"))
        self.assert_error(response, 422, "invalid", ("name", "consent"))

    def test_it_refuses_an_unknown_display_choice(self) -> None:
        self.assert_error(
            self.post_json(self.url(), self.sign_body(display="all")), 422, "invalid", ("display",)
        )

    def test_it_refuses_a_closed_letter(self) -> None:
        services.close(self.letter)
        response = self.post_json(self.url(), self.sign_body())
        self.assert_error(response, 403, "letter_closed")
        self.assertEqual(Signature.objects.count(), 0)

    def test_it_passes_on_a_refusal_the_page_may_show(self) -> None:
        # The members' eligibility check raises this for a number and postcode that do
        # not match; stand-ins keep the test independent of the roster code.
        class Refused(Exception):
            pass

        refusal = Refused("That membership number and postcode do not match.")
        with (
            mock.patch("undersigned.api.public.NOT_ELIGIBLE", Refused),
            mock.patch("undersigned.letters.services.sign", side_effect=refusal),
        ):
            response = self.post_json(self.url(), self.sign_body())
        body = self.assert_error(response, 403, "not_eligible")
        self.assertEqual(body["message"], "That membership number and postcode do not match.")

    def test_it_does_not_find_a_draft_or_unknown_letter(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        self.assert_error(self.post_json(self.url("draft"), self.sign_body()), 404, "not_found")
        self.assert_error(self.post_json(self.url("nothing"), self.sign_body()), 404, "not_found")

    def test_it_keeps_only_a_hash_of_the_network(self) -> None:
        self.post_json(self.url(), self.sign_body(), REMOTE_ADDR="203.0.113.9")
        self.assertEqual(len(Signature.objects.get().network_hash), 64)
        self.assertNotIn("203.0.113", str(Signature.objects.values().get()))

    @override_settings(SIGN_LIMIT_PER_NETWORK=2)
    def test_it_limits_signing_per_network_together_with_the_form(self) -> None:
        self.client.post(
            f"/l/{self.letter.slug}/",
            self.sign_form(email="one@example.org"),
            REMOTE_ADDR="203.0.113.9",
        )
        first = self.post_json(
            self.url(), self.sign_body(email="two@example.org"), REMOTE_ADDR="203.0.113.10"
        )
        refused = self.post_json(
            self.url(), self.sign_body(email="three@example.org"), REMOTE_ADDR="203.0.113.11"
        )
        other = self.post_json(
            self.url(), self.sign_body(email="four@example.org"), REMOTE_ADDR="198.51.100.1"
        )
        self.assertEqual(first.status_code, 202)
        self.assert_error(refused, 429, "rate_limited")
        self.assertEqual(other.status_code, 202)
        self.assertEqual(
            sorted(Signature.objects.values_list("email", flat=True)),
            ["four@example.org", "one@example.org", "two@example.org"],
        )

    def test_it_is_documented_with_every_answer(self) -> None:
        schema = self.client.get("/api/v1/openapi.json").json()
        responses = schema["paths"]["/api/v1/letters/{slug}/signatures"]["post"]["responses"]
        self.assertEqual(
            set(responses), {"202", "400", "403", "404", "413", "415", "422", "428", "429"}
        )
        self.assertTrue(re.search("ErrorOut", str(responses["415"])))
