"""`undersigned verify` against a running server, over real HTTP."""

import os
import subprocess
import sys
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.db.models import F
from django.test import LiveServerTestCase

from tests.base import make_letter, make_org
from tests.ledger.helpers import logged_entries
from undersigned.ledger import notes, sequencer, tiles
from undersigned.ledger.models import Checkpoint, EntryBundle, Log, SignEntry, Tile
from undersigned.letters import log as letter_log
from undersigned.letters import services
from undersigned.letters.models import Letter, Signature
from undersigned.letters.receipts import receipt as letter_receipt


class VerifyTests(LiveServerTestCase):
    def setUp(self) -> None:
        self.letter = make_letter(make_org())
        self.signatures = [self.signed(f"s{n}@example.org") for n in range(3)]
        sequencer.sequence_all()
        self.url = f"{self.live_server_url}/l/{self.letter.slug}/"
        self.state = Path(tempfile.mkdtemp())

    def signed(self, email: str) -> Signature:
        signature = services.sign(self.letter, name="Signer", email=email)
        services.confirm(signature.uid)
        return signature

    def verify(self, *args: str) -> str:
        out = StringIO()
        call_command("verify", self.url, *args, stdout=out)
        return out.getvalue()

    def fails(self, *args: str) -> str:
        with self.assertRaises(CommandError) as caught:
            self.verify(*args)
        reason = str(caught.exception)
        self.assertNotIn("\n", reason)
        return reason

    def test_it_checks_the_signature_the_root_and_the_count(self) -> None:
        out = self.verify()
        self.assertIn("has 4 entries, signed by the log's key; the root matches every entry", out)
        self.assertIn("The log replays to 3 signatures; the page shows 3.", out)

    def test_a_later_run_proves_the_log_only_grew(self) -> None:
        self.verify("--state", str(self.state))
        self.signed("later@example.org")
        sequencer.sequence_all()
        out = self.verify("--state", str(self.state))
        self.assertIn("Consistent with the checkpoint remembered from before (size 4)", out)
        self.assertIn("replays to 4 signatures", out)

    def test_a_changed_entry_in_the_database_is_a_root_mismatch(self) -> None:
        bundle = EntryBundle.objects.get(index=0)
        data = bytes(bundle.entries)
        at = data.index(b"commit ") + 7
        flipped = b"0" if data[at : at + 1] != b"0" else b"1"
        EntryBundle.objects.filter(pk=bundle.pk).update(
            entries=data[:at] + flipped + data[at + 1 :]
        )
        self.assertTrue(self.fails().startswith("root mismatch"))

    def test_a_forked_log_signed_with_the_real_key_is_inconsistent_with_the_earlier_one(
        self,
    ) -> None:
        self.verify("--state", str(self.state))
        # The operator rewrites history: entry 1 becomes a different signature, one more
        # is added, and a checkpoint for the new tree is signed with the real key.
        forged = logged_entries(self.letter)
        forged[1] = forged[1].replace(b"member no", b"member yes")
        forged.append(forged[2])
        log = Log.objects.of(self.letter).get()
        Tile.objects.filter(log=log).delete()
        EntryBundle.objects.filter(log=log).delete()
        Checkpoint.objects.filter(log=log).delete()
        SignEntry.objects.filter(log=log).update(counted=True)
        log.size = 0
        appender = tiles.Appender(log)
        for entry in forged:
            appender.append(entry)
        appender.save()
        log.size, log.root, log.logged_count = appender.size, appender.root(), 4
        log.save()
        note = notes.sign_checkpoint(
            notes.Checkpoint(letter_log.origin(self.letter.slug), 5, log.root)
        )
        Checkpoint.objects.create(log=log, size=5, note=note)
        Letter.objects.filter(pk=self.letter.pk).update(confirmed_count=4)

        self.verify()  # on its own, the fork looks fine
        reason = self.fails("--state", str(self.state))
        self.assertTrue(reason.startswith("inconsistent with earlier checkpoint"), reason)

    def test_a_checkpoint_signed_by_another_key_is_a_bad_signature(self) -> None:
        other = notes.Signer(notes.origin_host(), notes.Ed25519PrivateKey.generate()).verifier.vkey
        self.assertTrue(self.fails("--key", other).startswith("bad signature"))

    def test_a_page_count_that_the_log_does_not_support_is_a_count_mismatch(self) -> None:
        Letter.objects.filter(pk=self.letter.pk).update(confirmed_count=F("confirmed_count") + 5)
        self.assertEqual(self.fails(), "count mismatch: the page says 8, the log replays to 3")

    def test_a_logged_count_that_the_log_does_not_support_is_a_count_mismatch(self) -> None:
        Log.objects.of(self.letter).update(logged_count=10)
        self.assertTrue(self.fails().startswith("count mismatch: count.json says 10 logged"))

    def receipt_file(self, signature: Signature) -> str:
        signature.refresh_from_db()
        receipt = letter_receipt(signature)
        assert receipt is not None
        path = self.state / "receipt.tlog-proof"
        path.write_text(receipt.text)
        return str(path)

    def test_a_receipt_proves_the_signers_entry_is_included_and_counted(self) -> None:
        path = self.receipt_file(self.signatures[1])
        out = self.verify("--receipt", path, "--email", "S1@example.org")
        self.assertIn("Receipt: the signature at index 2 is in the log and counted.", out)

    def test_an_old_receipt_still_proves_inclusion_after_the_log_grew(self) -> None:
        path = self.receipt_file(self.signatures[0])
        services.withdraw(self.signatures[0].uid)
        sequencer.sequence_all()
        out = self.verify("--receipt", path, "--email", "s0@example.org")
        self.assertIn("is in the log but withdrawn or removed since", out)

    def test_a_receipt_for_someone_else_is_not_included(self) -> None:
        path = self.receipt_file(self.signatures[0])
        reason = self.fails("--receipt", path, "--email", "s1@example.org")
        self.assertEqual(reason, "receipt not included: entry 1 is not this email's signature")

    def test_a_receipt_with_a_tampered_proof_is_not_included(self) -> None:
        path = Path(self.receipt_file(self.signatures[0]))
        lines = path.read_text().split("\n")
        lines[3] = ("A" if lines[3][0] != "A" else "B") + lines[3][1:]
        path.write_text("\n".join(lines))
        reason = self.fails("--receipt", str(path), "--email", "s0@example.org")
        self.assertTrue(reason.startswith("receipt not included"), reason)

    def test_receipt_and_email_go_together(self) -> None:
        self.assertEqual(
            self.fails("--email", "s0@example.org"), "--receipt and --email go together"
        )

    def test_it_refuses_an_address_that_is_not_a_letter(self) -> None:
        self.url = self.live_server_url + "/accounts/login/"
        self.assertTrue(self.fails().startswith("not a letter URL"))

    def test_an_unknown_letter_is_a_fetch_failure(self) -> None:
        self.url = self.live_server_url + "/l/nope/"
        self.assertIn("HTTP 404", self.fails())


class VerifyCommandLineTests(LiveServerTestCase):
    """The real command line, in its own process: exit status and one line of reason."""

    def run_cli(self, url: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "PYTHONPATH": "src:."}
        return subprocess.run(
            [sys.executable, "-m", "undersigned", "verify", url],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )

    def test_it_exits_zero_when_the_log_checks_out_and_one_otherwise(self) -> None:
        letter = make_letter(make_org())
        sequencer.sequence_all()
        url = f"{self.live_server_url}/l/{letter.slug}/"
        ok = self.run_cli(url)
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertIn("OK:", ok.stdout)
        Letter.objects.filter(pk=letter.pk).update(confirmed_count=7)
        failed = self.run_cli(url)
        self.assertEqual(failed.returncode, 1)
        self.assertEqual(
            failed.stderr.strip(),
            "CommandError: count mismatch: the page says 7, the log replays to 0",
        )
