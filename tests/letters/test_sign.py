import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone

from tests.base import BaseTestCase, links_in
from undersigned.letters.models import Signature


class SignTests(BaseTestCase):
    def test_it_creates_a_pending_signature_and_sends_a_confirmation(self) -> None:
        response = self.sign()
        self.assertRedirects(response, f"/l/{self.letter.slug}/signed/")
        signature = Signature.objects.get()
        self.assertEqual(signature.status, "pending")
        self.assertEqual(signature.name, "Ada Lovelace")
        self.assertEqual(signature.branch, self.tyneside)
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["ada@example.org"])
        self.assertIn("confirm", links_in(mail.outbox[0]))
        self.assertIn("withdraw", links_in(mail.outbox[0]))
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 0)

    def test_the_check_email_page_says_so(self) -> None:
        response = self.client.get(self.sign().url)
        self.assertContains(response, "Check your email")

    def test_it_stores_the_email_normalised(self) -> None:
        self.sign(email="  Ada@Example.ORG ")
        self.assertEqual(Signature.objects.get().email, "ada@example.org")

    def test_signing_again_while_pending_replaces_the_details_and_resends(self) -> None:
        self.sign()
        second = self.sign(email="ADA@example.org", name="Someone Else")
        self.assertRedirects(second, f"/l/{self.letter.slug}/signed/")
        self.assertEqual(Signature.objects.count(), 1)
        # The latest submission is what the link confirms (issue 12, finding 3).
        self.assertEqual(Signature.objects.get().name, "Someone Else")
        self.assertEqual(len(mail.outbox), 2)
        self.assertIn("Confirm your signature", mail.outbox[1].subject)

    def test_signing_again_when_confirmed_sends_already_signed(self) -> None:
        self.sign_and_confirm()
        mail.outbox.clear()
        response = self.sign()
        self.assertRedirects(response, f"/l/{self.letter.slug}/signed/")
        self.assertEqual(Signature.objects.count(), 1)
        self.assertIn("already signed", mail.outbox[0].subject)
        self.assertNotIn("confirm", links_in(mail.outbox[0]))

    def test_the_response_is_the_same_whether_or_not_the_email_signed(self) -> None:
        self.sign_and_confirm()
        known = self.client.get(self.sign().url)
        unknown = self.client.get(self.sign(email="new@example.org").url)
        # Nonces and (masked) CSRF tokens differ on every response anyway.
        nonce = re.compile(rb'(nonce|name="csrfmiddlewaretoken" value)="[^"]+"')
        # The page repeats the address typed (the visitor's own input), nothing more.
        known_page = nonce.sub(b"", known.content).replace(b"ada@example.org", b"ADDRESS")
        unknown_page = nonce.sub(b"", unknown.content).replace(b"new@example.org", b"ADDRESS")
        self.assertEqual(known_page, unknown_page)
        self.assertEqual(known.status_code, unknown.status_code)

    def test_it_sends_at_most_five_emails_per_signature(self) -> None:
        for _ in range(8):
            self.sign()
        self.assertEqual(len(mail.outbox), 5)
        self.assertEqual(Signature.objects.get().emails_sent, 5)

    def test_a_signature_older_than_the_window_gets_five_more(self) -> None:
        # The first email counts in the window that begins with the signature; once that
        # window is over, a new one allows five again.
        self.sign()
        Signature.objects.update(created=timezone.now() - timedelta(hours=2))
        mail.outbox.clear()
        for _ in range(8):
            self.sign()
        self.assertEqual(len(mail.outbox), 5)
        self.assertEqual(Signature.objects.get().emails_sent, 6)

    def test_signing_after_withdrawing_starts_over(self) -> None:
        signature = self.sign_and_confirm()
        self.client.post(links_in(mail.outbox[0])["withdraw"])
        mail.outbox.clear()
        self.sign(name="Ada King")
        signature.refresh_from_db()
        self.assertEqual(signature.status, "pending")
        self.assertEqual(signature.name, "Ada King")
        self.assertEqual(len(mail.outbox), 1)

    def test_it_records_the_text_version_on_screen(self) -> None:
        self.letter.version = 3
        self.letter.save()
        self.sign()
        self.assertEqual(Signature.objects.get().version, 3)

    def test_it_keeps_only_a_hash_of_the_network(self) -> None:
        self.client.post(f"/l/{self.letter.slug}/", self.sign_form(), REMOTE_ADDR="203.0.113.9")
        signature = Signature.objects.get()
        self.assertEqual(len(signature.network_hash), 64)
        self.assertNotIn("203.0.113", str(Signature.objects.values().get()))

    def test_a_draft_letter_is_not_found(self) -> None:
        self.letter.status = "draft"
        self.letter.save()
        self.assertEqual(self.sign().status_code, 404)
        self.assertEqual(self.client.get(f"/l/{self.letter.slug}/").status_code, 404)
