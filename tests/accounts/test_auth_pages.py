from django.core import mail

from tests.base import BaseTestCase


class LoginPageTests(BaseTestCase):
    def test_the_login_page_is_ours_not_the_admins(self) -> None:
        response = self.client.get("/accounts/login/")
        self.assertContains(response, "<h1>Organiser login</h1>", html=True)
        self.assertContains(response, 'for="id_username"')

    def test_password_reset_pages_use_the_site_design(self) -> None:
        response = self.client.get("/accounts/password/reset/")
        self.assertContains(
            response, "<title>Reset your password – Undersigned</title>", html=False
        )
        self.assertContains(response, "Send reset link")

    def test_a_password_reset_email_is_sent(self) -> None:
        self.client.post("/accounts/password/reset/", {"email": "owner@example.org"})
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("/accounts/password/reset/", mail.outbox[0].body)
