from itertools import islice

from django.core import mail

from tests.base import BaseTestCase
from undersigned.letters import milestones
from undersigned.letters.models import Letter


class MilestoneTests(BaseTestCase):
    def test_the_milestones_go_on_in_a_pattern(self) -> None:
        self.assertEqual(
            list(islice(milestones.milestones(), 10)),
            [100, 250, 500, 1000, 5000, 10_000, 25_000, 50_000, 100_000, 250_000],
        )
        self.assertEqual(milestones.reached(99), 0)
        self.assertEqual(milestones.reached(260), 250)

    def test_reaching_a_milestone_emails_the_organisers_once(self) -> None:
        Letter.objects.filter(pk=self.letter.pk).update(confirmed_count=99)
        mail.outbox.clear()
        self.sign_and_confirm(email="hundredth@example.org")
        sent = [m for m in mail.outbox if "100 signatures" in m.subject]
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent[0].to, ["organiser@example.org"])
        self.assertIn("reached 100 confirmed signatures", str(sent[0].body))
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.last_milestone, 100)
        # Dropping below and climbing back does not send it again.
        Letter.objects.filter(pk=self.letter.pk).update(confirmed_count=99)
        mail.outbox.clear()
        self.sign_and_confirm(email="again@example.org")
        self.assertFalse([m for m in mail.outbox if "signatures:" in m.subject])

    def test_without_co_organisers_the_owners_and_organisers_hear(self) -> None:
        self.letter.organisers.clear()
        self.assertEqual(
            milestones.recipients(self.letter), ["organiser@example.org", "owner@example.org"]
        )

    def test_a_claimed_milestone_is_not_claimed_twice(self) -> None:
        Letter.objects.filter(pk=self.letter.pk).update(confirmed_count=250)
        self.assertEqual(milestones.check(self.letter.pk), 250)
        self.assertEqual(milestones.check(self.letter.pk), 0)
