"""With a task worker (TASKS_BACKEND=database), signing is one INSERT: the row itself says
its confirmation email is owed, and the worker's clock queues the email. Nothing is lost,
nothing is sent twice."""

from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import TransactionTestCase, override_settings
from django_tasks_db.models import DBTaskResult

from tests.base import LINK, make_letter, make_org
from tests.letters.test_concurrency import run_threads
from undersigned.letters import services
from undersigned.letters.models import Signature

WITH_WORKER = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
SEND_CONFIRMATION = "undersigned.letters.tasks.send_confirmation"


def run_worker() -> None:
    """What `undersigned worker` does with the queue: run every task that is ready (it
    closes connections between tasks, hence TransactionTestCase below)."""
    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)


@override_settings(TASKS=WITH_WORKER)
class OwedConfirmationTests(TransactionTestCase):
    def setUp(self) -> None:
        self.letter = make_letter(make_org())

    def test_signing_owes_the_email_and_the_clock_queues_it_once(self) -> None:
        signature = services.sign(self.letter, name="Ada Signer", email="ada@example.org")
        assert signature is not None
        # Signed and durable, the email owed by the row itself: no task row yet, no email.
        self.assertTrue(Signature.objects.get(pk=signature.pk).confirmation_owed)
        self.assertFalse(DBTaskResult.objects.exists())
        self.assertEqual(mail.outbox, [])

        self.assertEqual(services.queue_owed_confirmations(), 1)
        self.assertEqual(services.queue_owed_confirmations(), 0)  # queued once only
        task = DBTaskResult.objects.get()
        self.assertEqual(
            (task.task_path, task.args_kwargs["args"]), (SEND_CONFIRMATION, [signature.pk])
        )
        self.assertFalse(Signature.objects.get(pk=signature.pk).confirmation_owed)

        run_worker()
        self.assertEqual([m.to for m in mail.outbox], [["ada@example.org"]])
        self.assertIn("Confirm your signature", mail.outbox[0].subject)
        self.assertRegex(mail.outbox[0].body, LINK)

    def test_many_owed_rows_are_queued_in_batches(self) -> None:
        for i in range(7):
            services.sign(self.letter, name=f"Signer {i}", email=f"s{i}@example.org")
        # A run takes a few batches at most (the clock's other jobs wait meanwhile); the
        # next run goes on where it stopped.
        self.assertEqual(services.queue_owed_confirmations(batch=2, batches=2), 4)
        self.assertEqual(services.queue_owed_confirmations(batch=3), 3)
        queued = sorted(t.args_kwargs["args"][0] for t in DBTaskResult.objects.all())
        self.assertEqual(queued, sorted(Signature.objects.values_list("pk", flat=True)))
        self.assertFalse(Signature.objects.filter(confirmation_owed=True).exists())

    def test_a_signature_withdrawn_before_its_email_went_gets_none(self) -> None:
        signature = services.sign(self.letter, name="Ada Signer", email="ada@example.org")
        assert signature is not None
        services.withdraw(signature.uid)
        services.queue_owed_confirmations()
        run_worker()
        self.assertEqual(mail.outbox, [])

    def test_signing_again_before_the_clock_ran_sends_two_links_at_most(self) -> None:
        services.sign(self.letter, name="Ada Signer", email="ada@example.org")
        services.sign(self.letter, name="Ada Signer", email="ada@example.org")
        services.queue_owed_confirmations()
        run_worker()
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(Signature.objects.get().emails_sent, 2)

    def test_the_worker_clock_runs_it_every_second(self) -> None:
        self.assertIn(
            (1, "undersigned.letters.services.queue_owed_confirmations"), settings.CLOCK_JOBS
        )


@override_settings(TASKS=WITH_WORKER)
class OwedConfirmationRaceTests(TransactionTestCase):
    def test_workers_queueing_at_once_queue_each_email_once(self) -> None:
        letter = make_letter(make_org())
        for i in range(60):
            services.sign(letter, name=f"Signer {i}", email=f"s{i}@example.org")
        errors = run_threads(6, lambda i: services.queue_owed_confirmations(batch=7))
        self.assertEqual(errors, [])
        queued = [t.args_kwargs["args"][0] for t in DBTaskResult.objects.all()]
        self.assertEqual(sorted(queued), sorted(Signature.objects.values_list("pk", flat=True)))
