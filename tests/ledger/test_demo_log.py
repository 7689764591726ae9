"""The demo letter is verifiable as soon as `undersigned demo` has run, and the worker's
clock keeps sequencing."""

from django.core.management import call_command
from django.test import TestCase, override_settings

from tests.ledger.helpers import logged_fields, root_matches
from undersigned.ledger.models import Log
from undersigned.letters.models import Letter
from undersigned.lib import clock


@override_settings(DEBUG=True)
class DemoLogTests(TestCase):
    def test_the_demo_text_and_its_120_signatures_are_logged(self) -> None:
        call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        letter = Letter.objects.get()
        log = Log.objects.of(letter).get()
        # The English text, its Welsh translation, then the signatures.
        self.assertEqual((log.size, log.logged_count), (122, 120))
        kinds = [fields["kind"] for fields in logged_fields(letter)]
        self.assertEqual(kinds, ["text", "text"] + ["sign"] * 120)
        self.assertTrue(root_matches(letter))
        data = self.client.get(f"/l/{letter.slug}/count.json").json()
        self.assertEqual((data["count"], data["logged_count"], data["pending"]), (120, 120, 0))

    def test_the_worker_clock_runs_the_sequencer_every_second(self) -> None:
        self.assertIn(clock.Job(1, "undersigned.ledger.sequencer.sequence_all"), clock.configured())
