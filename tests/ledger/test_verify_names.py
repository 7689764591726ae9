"""`undersigned verify` checks logs of both namings (audit finding 7): a new log, named by
its URL prefix and signed under that name, and an old one, named `<host>/l/<slug>` and
signed under the host's name. (That it asks for gzip is tested with the verifier package.)"""

from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import LiveServerTestCase

from tests.base import make_letter, make_org
from undersigned.ledger import sequencer
from undersigned.ledger.models import Log
from undersigned.letters import services
from undersigned.letters.receipts import receipt as letter_receipt


class VerifyBothNamingsTests(LiveServerTestCase):
    def setUp(self) -> None:
        self.letter = make_letter(make_org())
        self.url = f"{self.live_server_url}/l/{self.letter.slug}/"

    def sign_and_sequence(self, email: str = "s@example.org") -> None:
        signature = services.sign(self.letter, name="Signer", email=email)
        assert signature is not None
        services.confirm(signature.uid)
        sequencer.sequence_all()

    def verify(self, *args: str) -> str:
        out = StringIO()
        call_command("verify", self.url, *args, stdout=out)
        return out.getvalue()

    def check_receipt(self, tmp: Path) -> str:
        signature = self.letter.signatures.get()
        receipt = letter_receipt(signature)
        assert receipt is not None
        path = tmp / "r.tlog-proof"
        path.write_text(receipt.text)
        return self.verify("--receipt", str(path), "--email", "s@example.org")

    def test_a_new_log_verifies_with_the_sites_key(self) -> None:
        self.sign_and_sequence()
        out = self.verify()
        self.assertIn("OK: testserver/l/solidarity/log has 2 entries", out)
        tmp = Path(self.enterContext(_tempdir()))
        self.assertIn("is in the log and counted", self.check_receipt(tmp))

    def test_an_old_log_still_verifies_and_keeps_growing(self) -> None:
        # A log made before the change: the old origin and the host-named key.
        Log.objects.create(subject=self.letter, origin="testserver/l/solidarity")
        self.sign_and_sequence()
        tmp = Path(self.enterContext(_tempdir()))
        out = self.verify("--state", str(tmp))
        self.assertIn("OK: testserver/l/solidarity has 2 entries", out)
        self.assertIn("is in the log and counted", self.check_receipt(tmp))
        self.sign_and_sequence("later@example.org")
        self.assertIn("(size 2)", self.verify("--state", str(tmp)))


def _tempdir():  # type: ignore[no-untyped-def]
    import tempfile

    return tempfile.TemporaryDirectory()
