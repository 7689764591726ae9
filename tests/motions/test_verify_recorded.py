"""A vote recorded by officers is in the motion's log too: `undersigned verify` recomputes its
verdict from the logged record and the published rulebook (the story's void expulsion)."""

from io import StringIO

from django.core.management import CommandError, call_command
from django.test import LiveServerTestCase

from tests.base import make_org, make_user
from undersigned.accounts.models import Branch, Role
from undersigned.ledger import sequencer
from undersigned.motions import demo
from undersigned.motions.models import Motion


class VerifyRecordedVoteTests(LiveServerTestCase):
    def setUp(self) -> None:
        org = make_org()
        owner = make_user("owner@example.org", org, Role.OWNER)
        self.motion = demo.load(org, Branch.objects.get(code="northern-wear"), owner)
        sequencer.sequence_all(notify=False)
        self.url = f"{self.live_server_url}{self.motion.get_absolute_url()}"

    def test_verify_recomputes_the_recorded_votes_verdict(self) -> None:
        out = StringIO()
        call_command("verify", self.url, stdout=out)
        self.assertIn(
            "The vote recorded by the officers, 9 for, 4 against, 2 abstaining", out.getvalue()
        )
        self.assertIn("the record gives the verdict void, as the page shows", out.getvalue())

    def test_a_page_that_claims_another_verdict_fails(self) -> None:
        Motion.objects.filter(pk=self.motion.pk).update(standing="valid")
        with self.assertRaisesRegex(CommandError, "page mismatch"):
            call_command("verify", self.url, stdout=StringIO())
