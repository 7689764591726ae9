"""Finding 11: password reset had no limit (ten requests sent ten emails)."""

from django.core import mail

from tests.base import BaseTestCase


class PasswordResetLimitTests(BaseTestCase):
    def request_reset(
        self, email: str = "organiser@example.org", ip: str = "203.0.113.5"
    ) -> object:
        return self.client.post("/accounts/password/reset/", {"email": email}, REMOTE_ADDR=ip)

    def test_ten_requests_send_at_most_three_emails(self) -> None:
        for _ in range(10):
            response = self.request_reset()
            # The same answer every time: nobody learns whether a limit was reached.
            self.assertRedirects(response, "/accounts/password/reset/sent/")
        self.assertEqual(len(mail.outbox), 3)

    def test_one_network_cannot_spray_many_addresses(self) -> None:
        for n in range(30):
            self.request_reset(email=f"person{n}@example.org")
        self.request_reset()
        self.request_reset(ip="198.51.100.1")
        self.assertEqual([m.to for m in mail.outbox], [["organiser@example.org"]])
