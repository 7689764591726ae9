"""Retention: signers' personal data is erased a set time after the letter closes."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from tests.base import BaseTestCase
from undersigned.letters import retention, services
from undersigned.letters.models import Letter, Signature


class RetentionTests(BaseTestCase):
    def close_months_ago(self, months: int) -> None:
        services.close(self.letter)
        closed = retention.add_months(timezone.now(), -months) - timedelta(days=1)
        Letter.objects.filter(pk=self.letter.pk).update(closed_at=closed)
        self.letter.refresh_from_db()

    def test_the_job_is_on_the_clock(self) -> None:
        self.assertIn(
            "undersigned.letters.retention.erase_expired",
            dict((path, every) for every, path in settings.CLOCK_JOBS),
        )

    def test_personal_data_is_erased_after_twelve_months_keeping_the_count(self) -> None:
        signature = self.sign_and_confirm()
        self.close_months_ago(12)
        self.assertEqual(retention.erase_expired(), 1)
        signature.refresh_from_db()
        self.assertEqual((signature.name, signature.email, signature.role), ("", "", ""))
        self.assertIsNotNone(signature.erased_at)
        self.assertEqual(signature.status, Signature.Status.CONFIRMED)
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 1)
        self.assertEqual(self.client.get(f"/l/{self.letter.slug}/count.json").json()["count"], 1)
        self.assertEqual(retention.erase_expired(), 0)  # nothing twice

    def test_nothing_is_erased_before_the_period_ends(self) -> None:
        self.sign_and_confirm()
        self.close_months_ago(11)
        self.assertEqual(retention.erase_expired(), 0)

    def test_an_open_letter_keeps_its_data(self) -> None:
        self.sign_and_confirm()
        self.assertEqual(retention.erase_expired(), 0)

    def test_organisers_see_the_date_and_can_change_the_period(self) -> None:
        self.client.force_login(self.organiser)
        path = f"/workspace/{self.org.slug}/letters/{self.letter.slug}/"
        self.assertContains(self.client.get(path), "12 months after the letter closes")
        self.client.post(path + "retention/", {"retention_months": "3"})
        services.close(self.letter)
        self.letter.refresh_from_db()
        expected = retention.add_months(self.letter.closed_at, 3)
        self.assertContains(self.client.get(path), f"will be erased on {expected:%-d %B %Y}")

    def test_the_under_attack_switch(self) -> None:
        self.client.force_login(self.organiser)
        path = f"/workspace/{self.org.slug}/letters/{self.letter.slug}/"
        self.client.post(path + "under-attack/", {"under_attack": "on"})
        self.letter.refresh_from_db()
        self.assertTrue(self.letter.under_attack)
        self.assertContains(self.client.get(path), "Stop asking everyone")
        self.client.force_login(self.moderator)
        self.assertEqual(self.client.post(path + "under-attack/", {}).status_code, 404)
