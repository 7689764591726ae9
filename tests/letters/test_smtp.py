"""The real mail path once: a local SMTP server receives the confirmation, and the test
follows the link in it."""

import email
import socket
from email.message import Message

from aiosmtpd.controller import Controller
from django.test import override_settings

from tests.base import BaseTestCase, links_in
from undersigned.letters.models import Signature


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def] # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class SmtpTests(BaseTestCase):
    def test_the_confirmation_travels_over_smtp_and_its_link_works(self) -> None:
        inbox = Inbox()
        controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
        controller.start()
        try:
            smtp = {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
            }
            with override_settings(MAILERS={"default": smtp}):
                self.sign(email="smtp@example.org")
        finally:
            controller.stop()
        self.assertEqual(len(inbox.messages), 1)
        message = inbox.messages[0]
        self.assertEqual(message["To"], "smtp@example.org")
        self.assertIn("Confirm your signature", message["Subject"])

        class Body:
            body = message.get_payload(decode=True).decode()

        response = self.client.post(links_in(Body)["confirm"])  # type: ignore[arg-type]
        self.assertContains(response, "Thank you for signing")
        self.assertEqual(Signature.objects.get().status, "confirmed")
