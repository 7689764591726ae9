from datetime import timedelta

from django.utils import timezone

from tests.base import BaseTestCase
from undersigned.letters import services


class ReopenTests(BaseTestCase):
    def test_a_closed_letter_reopens_with_a_future_closing_date(self) -> None:
        services.close(self.letter)
        later = timezone.now() + timedelta(days=3)
        self.assertTrue(services.reopen(self.letter, later))
        self.assertEqual(self.letter.status, "open")
        self.assertEqual(self.letter.closes_at, later)
        self.assertIsNone(self.letter.closed_at)
        self.assertEqual(self.sign().status_code, 302)

    def test_a_past_closing_date_does_not_reopen(self) -> None:
        services.close(self.letter)
        self.assertFalse(services.reopen(self.letter, timezone.now() - timedelta(minutes=1)))
        self.assertEqual(self.letter.status, "closed")

    def test_an_open_letter_is_not_reopened(self) -> None:
        self.assertFalse(services.reopen(self.letter, None))

    def test_a_letter_closed_by_the_clock_reopens_when_its_date_moves(self) -> None:
        self.letter.closes_at = timezone.now() - timedelta(seconds=1)
        self.letter.save()
        self.assertEqual(services.close_due_letters(), 1)
        self.assertTrue(services.reopen(self.letter, timezone.now() + timedelta(days=1)))
        self.assertTrue(self.letter.is_open())
