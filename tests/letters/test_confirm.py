from datetime import timedelta
from unittest import mock

from django.core import mail, signing

from tests.base import BaseTestCase, links_in
from undersigned.letters.models import Signature


class ConfirmTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.sign()
        self.links = links_in(mail.outbox[0])

    def test_opening_the_link_shows_a_button_and_confirms_nothing(self) -> None:
        response = self.client.get(self.links["confirm"])
        self.assertContains(response, "Confirm my signature")
        self.assertContains(response, "Ada Lovelace")
        self.assertEqual(Signature.objects.get().status, "pending")

    def test_pressing_the_button_confirms_and_counts(self) -> None:
        response = self.client.post(self.links["confirm"])
        self.assertContains(response, "Thank you for signing")
        self.assertContains(response, f"http://testserver/l/{self.letter.slug}/")
        signature = Signature.objects.get()
        self.assertEqual(signature.status, "confirmed")
        self.assertIsNotNone(signature.confirmed_at)
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 1)
        page = self.client.get(f"/l/{self.letter.slug}/")
        self.assertContains(page, "Ada Lovelace")
        self.assertContains(page, 'data-live-count="solidarity">1<')

    def test_confirming_twice_says_already_confirmed_and_counts_once(self) -> None:
        self.client.post(self.links["confirm"])
        response = self.client.post(self.links["confirm"])
        self.assertContains(response, "already confirmed")
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 1)

    def test_a_forged_token_is_refused(self) -> None:
        response = self.client.post(f"/l/{self.letter.slug}/confirm/abc:def:ghi/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Signature.objects.get().status, "pending")

    def test_a_withdraw_token_cannot_confirm(self) -> None:
        token = self.links["withdraw"].rstrip("/").rsplit("/", 1)[1]
        response = self.client.post(f"/l/{self.letter.slug}/confirm/{token}/")
        self.assertEqual(response.status_code, 404)

    def test_a_link_for_another_letter_is_refused(self) -> None:
        from tests.base import make_letter

        other = make_letter(self.org, slug="other")
        token = self.links["confirm"].rstrip("/").rsplit("/", 1)[1]
        response = self.client.post(f"/l/{other.slug}/confirm/{token}/")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(Signature.objects.get().status, "pending")

    def test_a_link_older_than_seven_days_has_expired(self) -> None:
        real = signing.TimestampSigner.timestamp
        later = lambda self: signing.b62_encode(  # noqa: E731
            int(signing.b62_decode(real(self)) - timedelta(days=8).total_seconds())
        )
        mail.outbox.clear()
        Signature.objects.all().delete()
        with mock.patch.object(signing.TimestampSigner, "timestamp", later):
            self.sign(email="late@example.org")
        response = self.client.post(links_in(mail.outbox[0])["confirm"])
        self.assertContains(response, "This link has expired", status_code=410)
        self.assertEqual(Signature.objects.get().status, "pending")

    def test_a_closed_letter_refuses_confirmation(self) -> None:
        self.letter.status = "closed"
        self.letter.save()
        response = self.client.post(self.links["confirm"])
        self.assertContains(response, "closed before you confirmed", status_code=403)
        self.assertEqual(Signature.objects.get().status, "pending")
