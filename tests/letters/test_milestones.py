from itertools import islice

from django.conf import settings
from django.core import mail
from django.test import TransactionTestCase, override_settings

from tests.base import BaseTestCase, make_letter, make_org, make_user
from tests.letters.test_owed_confirmations import WITH_WORKER, run_worker
from undersigned.accounts.models import Role
from undersigned.letters import milestones, services
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


@override_settings(TASKS=WITH_WORKER)
class MilestoneClockTests(TransactionTestCase):
    """With a worker, confirming does not look for milestones: the clock does, once."""

    def test_the_clock_claims_the_milestone_a_confirmation_reached(self) -> None:
        org = make_org()
        organiser = make_user("organiser@example.org", org, Role.ORGANISER)
        letter = make_letter(org)
        letter.organisers.add(organiser)
        Letter.objects.filter(pk=letter.pk).update(confirmed_count=99)
        signature = services.sign(letter, name="Ada Signer", email="ada@example.org")
        assert signature is not None
        self.assertEqual(services.confirm(signature.uid)[0], services.Confirmed.NOW)
        letter.refresh_from_db()
        self.assertEqual((letter.confirmed_count, letter.last_milestone), (100, 0))

        self.assertEqual(milestones.check_open_letters(), 1)
        self.assertEqual(milestones.check_open_letters(), 0)
        run_worker()
        sent = [m for m in mail.outbox if "100 signatures" in m.subject]
        self.assertEqual([m.to for m in sent], [["organiser@example.org"]])

    def test_it_is_on_the_worker_clock(self) -> None:
        jobs = [path for _every, path in settings.CLOCK_JOBS]
        self.assertIn("undersigned.letters.milestones.check_open_letters", jobs)
