import re

from django.core import mail

from tests.base import BaseTestCase


class PasswordResetTests(BaseTestCase):
    def test_a_reset_link_is_emailed_and_sets_a_new_password(self) -> None:
        response = self.client.post("/accounts/password/reset/", {"email": "organiser@example.org"})
        self.assertRedirects(response, "/accounts/password/reset/sent/")
        self.assertContains(self.client.get("/accounts/password/reset/sent/"), "Check your email")
        message = mail.outbox[-1]
        self.assertEqual(message.subject, "Reset your Undersigned password")
        path = re.search(r"testserver(/accounts/password/reset/\S+/)", str(message.body)).group(1)
        form = self.client.get(path, follow=True)
        self.assertContains(form, "Choose a new password")
        response = self.client.post(
            form.redirect_chain[-1][0],
            {"new_password1": "brand-new-secret-9", "new_password2": "brand-new-secret-9"},
        )
        self.assertRedirects(response, "/accounts/password/reset/done/")
        self.organiser.refresh_from_db()
        self.assertTrue(self.organiser.check_password("brand-new-secret-9"))

    def test_the_link_uses_base_url_not_the_host_header(self) -> None:
        self.client.post(
            "/accounts/password/reset/", {"email": "organiser@example.org"}, HTTP_HOST="localhost"
        )
        self.assertIn("http://testserver/accounts/password/reset/", str(mail.outbox[-1].body))
        self.assertNotIn("localhost", str(mail.outbox[-1].body))

    def test_an_unknown_address_gets_the_same_answer_and_no_email(self) -> None:
        response = self.client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
        self.assertRedirects(response, "/accounts/password/reset/sent/")
        self.assertEqual(mail.outbox, [])

    def test_a_used_link_says_so(self) -> None:
        page = self.client.get("/accounts/password/reset/MQ/set-password/", follow=True)
        self.assertContains(page, "This link is invalid or has been used already")


class PasswordChangeTests(BaseTestCase):
    def test_a_logged_in_person_changes_their_password(self) -> None:
        self.client.force_login(self.organiser)
        response = self.client.post(
            "/accounts/password/change/",
            {
                "old_password": "password-for-tests",
                "new_password1": "another-good-one-7",
                "new_password2": "another-good-one-7",
            },
        )
        self.assertRedirects(response, "/accounts/password/change/done/")
        self.assertContains(
            self.client.get("/accounts/password/change/done/"), "Your password was changed"
        )
