"""The real mail path once: a local SMTP server receives the confirmation, and the test
follows the link in it."""

from urllib.parse import urlsplit

from django.test import override_settings

from tests.base import BaseTestCase
from tests.smtp import smtp_server
from undersigned.letters.models import Signature


class SmtpTests(BaseTestCase):
    def test_the_confirmation_travels_over_smtp_and_its_link_works(self) -> None:
        with smtp_server() as (inbox, mailers), override_settings(MAILERS=mailers):
            self.sign(email="smtp@example.org")
        self.assertEqual(len(inbox.messages), 1)
        message = inbox.last_to("smtp@example.org")
        self.assertIn("Confirm your signature", message["Subject"])
        link = inbox.link("smtp@example.org", "confirm")
        response = self.client.post(urlsplit(link).path)
        self.assertContains(response, "Thank you for signing")
        self.assertEqual(Signature.objects.get().status, "confirmed")
