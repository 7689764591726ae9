from datetime import timedelta

from django.utils import timezone

from tests.base import BaseTestCase
from undersigned.letters import services
from undersigned.letters.models import Signature


class ClosedLetterTests(BaseTestCase):
    def test_a_closed_letter_shows_when_it_closed_and_no_form(self) -> None:
        services.close(self.letter)
        response = self.client.get(f"/l/{self.letter.slug}/")
        self.assertContains(response, "This letter closed on")
        self.assertNotContains(response, 'name="consent"')

    def test_a_post_to_a_closed_letter_is_refused(self) -> None:
        services.close(self.letter)
        response = self.sign()
        self.assertContains(response, "no longer accepts signatures", status_code=403)
        self.assertEqual(Signature.objects.count(), 0)

    def test_a_letter_past_its_closing_time_refuses_signatures(self) -> None:
        self.letter.closes_at = timezone.now() - timedelta(minutes=1)
        self.letter.save()
        response = self.sign()
        self.assertEqual(response.status_code, 403)
        self.assertEqual(Signature.objects.count(), 0)
        self.assertContains(self.client.get(f"/l/{self.letter.slug}/"), "This letter closed on")

    def test_the_clock_closes_letters_past_their_closing_time(self) -> None:
        self.letter.closes_at = timezone.now() - timedelta(minutes=1)
        self.letter.save()
        self.assertEqual(services.close_due_letters(), 1)
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.status, "closed")
        self.assertEqual(self.letter.closed_at, self.letter.closes_at)
