"""A signer asks, by an emailed link, for everything held about them, and its erasure."""

import json
import re

from django.core import mail

from tests.base import BaseTestCase
from undersigned.letters.models import Signature

LINK = re.compile(r"http://testserver(/l/solidarity/my-data/\S+/)")


class SubjectAccessTests(BaseTestCase):
    def ask(self, email: str = "ada@example.org") -> object:
        mail.outbox.clear()
        return self.client.post("/l/solidarity/my-data/", {"email": email})

    def link(self) -> str:
        match = LINK.search(str(mail.outbox[-1].body))
        assert match is not None
        return match.group(1)

    def test_the_letter_page_offers_it(self) -> None:
        self.assertContains(self.client.get("/l/solidarity/"), "/l/solidarity/my-data/")

    def test_a_signer_gets_a_link_and_downloads_everything_held(self) -> None:
        self.sign_and_confirm(name="Ada Lovelace", role="Steward")
        response = self.ask("ADA@example.org")
        self.assertContains(response, "If this address signed the letter")
        self.assertEqual(mail.outbox[-1].to, ["ada@example.org"])
        page = self.client.get(self.link())
        self.assertContains(page, "Ada Lovelace")
        download = self.client.get(self.link() + "data.json")
        self.assertEqual(download["Content-Type"], "application/json; charset=utf-8")
        self.assertIn("attachment", download["Content-Disposition"])
        data = json.loads(download.content)
        self.assertEqual(data["signature"]["email"], "ada@example.org")
        self.assertEqual(data["signature"]["name"], "Ada Lovelace")
        self.assertEqual(data["signature"]["role"], "Steward")
        self.assertEqual(data["signature"]["status"], "confirmed")
        self.assertEqual(data["letter"]["slug"], "solidarity")

    def test_an_address_that_did_not_sign_gets_the_same_page_and_no_email(self) -> None:
        self.sign_and_confirm()
        signed = self.ask("ada@example.org")
        unsigned = self.ask("nobody@example.org")
        self.assertEqual(unsigned.status_code, signed.status_code)
        self.assertContains(unsigned, "If this address signed the letter")
        self.assertEqual(len(mail.outbox), 0)

    def test_erasure_withdraws_and_erases(self) -> None:
        self.sign_and_confirm()
        self.ask()
        link = self.link()
        response = self.client.post(link + "erase/")
        self.assertContains(response, "Your data was erased")
        signature = Signature.objects.get()
        self.assertEqual((signature.email, signature.name), ("", ""))
        self.assertEqual(signature.status, "withdrawn")
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 0)
        self.assertEqual(self.client.get(link).status_code, 404)

    def test_a_forged_link_is_a_404(self) -> None:
        self.assertEqual(self.client.get("/l/solidarity/my-data/forged/").status_code, 404)
        self.assertEqual(self.client.post("/l/solidarity/my-data/forged/erase/").status_code, 404)

    def test_requests_are_limited(self) -> None:
        self.sign_and_confirm()
        sent = 0
        for _ in range(6):
            self.ask()
            sent += len(mail.outbox)
        self.assertEqual(sent, 3)
