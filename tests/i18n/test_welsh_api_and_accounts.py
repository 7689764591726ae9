"""The API's messages and the organisers' login pages follow the language too; the API's
error codes stay English."""

from django.test import override_settings

from tests.base import BaseTestCase
from tests.i18n.catalogue import english_left, visible_text
from undersigned.letters import services


@override_settings(LANGUAGE_CODE="en-gb")
class WelshApiTests(BaseTestCase):
    def test_an_api_refusal_has_a_welsh_message_and_an_english_code(self) -> None:
        services.close(self.letter)
        response = self.client.post(
            f"/api/v1/letters/{self.letter.slug}/signatures",
            {"name": "Ada", "email": "ada@example.org", "display": "full", "consent": True},
            content_type="application/json",
            headers={"accept-language": "cy"},
        )
        self.assertEqual(response.status_code, 403)
        body = response.json()
        self.assertEqual(body["error"], "letter_closed")
        self.assertEqual(
            body["message"], "Mae'r llythyr hwn ar gau ac nid yw'n derbyn llofnodion mwyach."
        )

    def test_an_unknown_letter_is_reported_in_welsh(self) -> None:
        response = self.client.get("/api/v1/letters/nothing", headers={"accept-language": "cy"})
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.json()["error"], "not_found")
        self.assertEqual(english_left(response.json()["message"]), [])


@override_settings(LANGUAGE_CODE="en-gb")
class WelshAccountPagesTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.client.cookies.load({"django_language": "cy"})

    def test_the_login_and_password_pages_are_in_welsh(self) -> None:
        for path in ("/accounts/login/", "/accounts/password/reset/"):
            with self.subTest(path=path):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertIn('<html lang="cy">', html)
                self.assertEqual(english_left(visible_text(html)), [])
