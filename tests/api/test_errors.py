from django.test import override_settings

from tests.api.base import ApiTestCase
from undersigned.letters.models import Signature

SIGN = "/api/v1/letters/solidarity/signatures"


class ApiErrorTests(ApiTestCase):
    def test_malformed_json_is_refused(self) -> None:
        self.assert_error(self.post_json(SIGN, '{"name": "Ada",'), 400, "malformed_json")

    def test_a_body_that_is_not_utf8_is_refused_as_malformed(self) -> None:
        self.assert_error(self.post_json(SIGN, b"\xff\xfe{}"), 400, "malformed_json")

    def test_a_json_value_that_is_not_an_object_is_invalid(self) -> None:
        self.assert_error(self.post_json(SIGN, "[1, 2]"), 422, "invalid")

    def test_a_form_encoded_body_is_refused_as_the_wrong_content_type(self) -> None:
        response = self.client.post(SIGN, {"name": "Ada"})
        self.assert_error(response, 415, "unsupported_media_type")

    def test_json_sent_as_text_is_refused_as_the_wrong_content_type(self) -> None:
        response = self.client.post(SIGN, '{"name": "Ada"}', content_type="text/plain")
        self.assert_error(response, 415, "unsupported_media_type")

    def test_unknown_fields_are_refused_and_named(self) -> None:
        response = self.post_json(SIGN, self.sign_body(admin=True, colour="red"))
        body = self.assert_error(response, 400, "unknown_fields", ("admin", "colour"))
        self.assertEqual(body["fields"]["admin"], ["This field is not known."])
        self.assertEqual(Signature.objects.count(), 0)

    @override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1024)
    def test_an_oversized_body_is_refused(self) -> None:
        response = self.post_json(SIGN, self.sign_body(role="R" * 5000))
        self.assert_error(response, 413, "body_too_large")
        self.assertEqual(Signature.objects.count(), 0)

    def test_an_unknown_address_gets_the_error_shape(self) -> None:
        self.assert_error(self.client.get("/api/v1/nothing/here"), 404, "not_found")

    def test_a_wrong_method_gets_the_error_shape(self) -> None:
        response = self.client.delete("/api/v1/letters/solidarity/count")
        self.assert_error(response, 405, "method_not_allowed")
        self.assertIn("GET", response["Allow"])

    def test_a_bad_query_value_is_invalid(self) -> None:
        response = self.client.get("/api/v1/letters", {"limit": "many"})
        self.assert_error(response, 422, "invalid", ("limit",))

    def test_the_pages_outside_the_api_keep_their_html_errors(self) -> None:
        response = self.client.get("/l/nothing/")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(response["Content-Type"].startswith("text/html"))


class CorsTests(ApiTestCase):
    def test_read_endpoints_are_open_to_other_sites(self) -> None:
        for path in (
            "/api/v1/letters",
            "/api/v1/letters/solidarity",
            "/api/v1/letters/solidarity/signatories",
            "/api/v1/letters/solidarity/count",
        ):
            response = self.client.get(path, HTTP_ORIGIN="https://news.example")
            self.assertEqual(response.status_code, 200, path)
            self.assertEqual(response["Access-Control-Allow-Origin"], "*")
            self.assertIn("ETag", response["Access-Control-Expose-Headers"])

    def test_it_answers_a_preflight_request(self) -> None:
        response = self.client.options(
            "/api/v1/letters/solidarity/count",
            HTTP_ORIGIN="https://news.example",
            HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
            HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
        )
        self.assertEqual(response.status_code, 204)
        self.assertEqual(response["Access-Control-Allow-Origin"], "*")
        self.assertIn("If-None-Match", response["Access-Control-Allow-Headers"])

    def test_signing_and_organiser_endpoints_are_not_open_to_other_sites(self) -> None:
        sign = self.post_json(SIGN, self.sign_body(), HTTP_ORIGIN="https://news.example")
        self.assertEqual(sign.status_code, 202)
        self.assertNotIn("Access-Control-Allow-Origin", sign)
        organiser = self.client.get("/api/v1/organiser/letters", HTTP_ORIGIN="https://news.example")
        self.assertNotIn("Access-Control-Allow-Origin", organiser)


class AwkwardInputTests(ApiTestCase):
    """PostgreSQL refuses NUL characters in text: none may reach a query."""

    def test_a_nul_in_a_slug_is_not_found(self) -> None:
        for path in (
            "/api/v1/letters/a%00b",
            "/api/v1/letters/a%00b/count",
            "/api/v1/letters/a%00b/signatories",
            "/api/v1/organiser/letters/a%00b/stats",
        ):
            self.assert_error(self.client.get(path), 404, "not_found")

    def test_a_nul_in_a_branch_code_or_email_is_invalid(self) -> None:
        response = self.post_json(SIGN, self.sign_body(branch="a\x00b", email="a\x00@example.org"))
        self.assert_error(response, 422, "invalid", ("branch", "email"))

    def test_a_nul_in_a_cursor_is_invalid(self) -> None:
        response = self.client.get("/api/v1/letters/solidarity/signatories", {"after": "1.5_2\x00"})
        self.assert_error(response, 422, "invalid", ("after",))
