"""A real SMTP server on 127.0.0.1 (aiosmtpd) that keeps what it receives, for tests that
follow the links in emails."""

import email
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import Message

from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def] # noqa: N802
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    def last_to(self, address: str) -> Message:
        for message in reversed(self.messages):
            if message["To"] == address:
                return message
        raise AssertionError(f"no email to {address}; got {[m['To'] for m in self.messages]}")

    def link(self, address: str, kind: str) -> str:
        """The confirm or withdraw link of the last email to address."""
        body = self.last_to(address).get_payload(decode=True).decode()  # type: ignore[union-attr]
        for line in body.splitlines():
            if f"/{kind}/" in line and line.strip().startswith("http"):
                return line.strip()
        raise AssertionError(f"no {kind} link in:\n{body}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, dict[str, object]]]:
    """An inbox on a local SMTP server, and the MAILERS setting that sends to it."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    mailers: dict[str, object] = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
        }
    }
    try:
        yield inbox, mailers
    finally:
        controller.stop()
