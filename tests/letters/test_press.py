"""The press page: figures pinned to a checkpoint, a permanent snapshot address, the
evidence bundle (checked offline by `verify --bundle`) and the addressee's response."""

import datetime
import io
import json
import tempfile
import time
import zipfile
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings

from tests.base import make_letter, make_org
from undersigned.accounts.models import Branch
from undersigned.ledger import cosignatures, notes, sequencer
from undersigned.ledger.models import Checkpoint
from undersigned.letters import services
from undersigned.letters.models import Letter, Signature
from undersigned_verify import notes as vnotes

WITNESS = vnotes.Cosigner("witness.example.net", Ed25519PrivateKey.generate())
WITNESSES = cosignatures.parse_witnesses(f"{WITNESS.verifier.vkey} https://witness.example.net/")


class PressTests(TestCase):
    def setUp(self) -> None:
        cache.clear()
        self.org = make_org()
        self.letter = make_letter(self.org)
        self.tyne = Branch.objects.get(code="northern-tyne")
        self.york = Branch.objects.get(code="northern-york")
        self.sign("a@example.org", self.tyne, member=True)
        self.sign("b@example.org", self.tyne, member=True)
        self.sign("c@example.org", self.york, member=True)
        self.sign("d@example.org", None)
        sequencer.sequence_all(notify=False)
        self.first = Checkpoint.objects.order_by("-size").first()
        assert self.first is not None and self.first.size == 5

    def sign(self, email: str, branch: Branch | None, member: bool = False) -> Signature:
        signature = services.sign(self.letter, name="Signer", email=email, branch=branch)
        if member:
            Signature.objects.filter(pk=signature.pk).update(member=Signature.Member.EMAIL)
        services.confirm(signature.uid)
        return signature

    def test_the_press_page_pins_its_figures_to_the_latest_checkpoint(self) -> None:
        response = self.client.get("/l/solidarity/press/")
        self.assertContains(response, ", 4 signatures; of them 3 verified members in 2 branches ")
        self.assertContains(
            response, "across 2 regions; not yet cosigned by any independent witness."
        )
        self.assertContains(response, "http://testserver/l/solidarity/press/5/")
        self.assertContains(response, 'href="/l/solidarity/press/5/evidence.zip"')
        self.assertContains(response, "What it does not prove: that every signature comes from")
        self.assertContains(response, "No response recorded.")
        self.assertContains(
            response, '<th scope="row">North</th><td class="n">2</td><td class="n">2</td></tr>'
        )
        self.assertContains(response, "<td>&nbsp;&nbsp;York</td>")
        self.assertContains(
            response, 'role="img" aria-labelledby="press-chart-title press-chart-desc"'
        )
        self.assertContains(response, "We stand with <strong>Sam</strong>.")  # the text signed

    def test_a_snapshot_keeps_its_figures_after_the_count_grows(self) -> None:
        before = self.client.get("/l/solidarity/press/5/").content.decode()
        self.sign("e@example.org", self.york, member=True)
        services.withdraw(Signature.objects.get(email="a@example.org").uid)
        self.sign("f@example.org", None)
        sequencer.sequence_all(notify=False)

        pinned = self.client.get("/l/solidarity/press/5/")
        self.assertContains(pinned, "Snapshot at checkpoint 5")
        self.assertContains(pinned, ", 4 signatures; of them 3 verified members in 2 branches ")
        self.assertContains(pinned, "5 signatures on the letter page now")
        self.assertContains(pinned, 'href="/l/solidarity/press/8/"')  # the latest snapshot
        self.assertIn(self.first.note, before)  # type: ignore[union-attr]
        self.assertIn(self.first.note, pinned.content.decode())  # type: ignore[union-attr]
        latest = self.client.get("/l/solidarity/press/")
        self.assertContains(latest, ", 5 signatures; of them 3 verified members in 2 branches ")

    def test_a_size_without_a_checkpoint_is_not_found(self) -> None:
        self.assertEqual(self.client.get("/l/solidarity/press/3/").status_code, 404)
        self.assertEqual(self.client.get("/l/solidarity/press/3/evidence.zip").status_code, 404)
        self.assertEqual(self.client.get("/l/nope/press/").status_code, 404)

    def test_a_draft_has_no_press_page(self) -> None:
        make_letter(self.org, slug="draft", publish=False)
        self.assertEqual(self.client.get("/l/draft/press/").status_code, 404)
        self.assertEqual(self.client.get("/l/draft/check/").status_code, 404)

    def test_the_addressees_response_is_shown(self) -> None:
        Letter.objects.filter(pk=self.letter.pk).update(
            response="We will hold the hearing.", response_date=datetime.date(2026, 11, 30)
        )
        response = self.client.get("/l/solidarity/press/")
        self.assertContains(response, "<p>We will hold the hearing.</p>")
        self.assertContains(response, "The Regional Committee, 30 November 2026")
        self.assertNotContains(response, "No response recorded.")

    @override_settings(LEDGER_WITNESSES=WITNESSES)
    def test_witness_cosignatures_are_counted(self) -> None:
        text = self.first.note.split("\n\n")[0] + "\n"  # type: ignore[union-attr]
        line = WITNESS.cosign(text, int(time.time()))
        Checkpoint.objects.filter(pk=self.first.pk).update(  # type: ignore[union-attr]
            note=self.first.note + line  # type: ignore[union-attr]
        )
        response = self.client.get("/l/solidarity/press/5/")
        self.assertContains(response, "2 regions; checked by 1 independent witness.")
        self.assertContains(response, "cosigned by 1 independent witness; anyone can check it")

    def test_the_letter_page_draws_the_chart_and_links_the_check_and_press_pages(self) -> None:
        response = self.client.get("/l/solidarity/")
        self.assertContains(response, '<title id="letter-chart-title">Signatures over time</title>')
        self.assertContains(response, 'href="/l/solidarity/check/"')
        self.assertContains(response, 'href="/l/solidarity/press/"')

    def test_the_check_page_explains_how_to_run_verify(self) -> None:
        response = self.client.get("/l/solidarity/check/")
        self.assertContains(response, "undersigned verify http://testserver/l/solidarity/ --state")
        self.assertContains(response, 'href="/static/undersigned/check.js">read its source</a>')
        self.assertContains(response, '<script src="/static/undersigned/check.js" defer>')


class EvidenceBundleTests(TestCase):
    def setUp(self) -> None:
        cache.clear()
        self.letter = make_letter(make_org())
        for n in range(300):  # more than one full tile and entry bundle
            signature = services.sign(self.letter, name="Signer", email=f"s{n}@example.org")
            services.confirm(signature.uid)
            if n == 10:
                sequencer.sequence_all(notify=False)
        sequencer.sequence_all(notify=False)
        self.folder = Path(tempfile.mkdtemp())

    def download(self, size: int) -> Path:
        response = self.client.get(f"/l/solidarity/press/{size}/evidence.zip")
        self.assertEqual(response["Content-Type"], "application/zip")
        path = self.folder / f"evidence-{size}.zip"
        path.write_bytes(response.content)
        return path

    def verify(self, *args: str) -> str:
        out = io.StringIO()
        call_command("verify", *args, stdout=out)
        return out.getvalue()

    def test_the_bundle_verifies_offline(self) -> None:
        path = self.download(301)
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            readme = archive.read("README.txt").decode()
        self.assertIn("site/l/solidarity/log/tile/0/000", names)
        self.assertIn("site/l/solidarity/log/tile/0/001.p/45", names)
        self.assertIn("site/l/solidarity/log/tile/1/000.p/1", names)
        self.assertIn("site/l/solidarity/log/tile/entries/001.p/45", names)
        self.assertIn("undersigned verify --bundle", readme)
        out = self.verify("--bundle", str(path))
        self.assertIn("Offline, from the evidence bundle.", out)
        self.assertIn("OK: testserver/l/solidarity/log has 301 entries", out)
        self.assertIn("The log replays to 300 signatures", out)

    def test_an_old_snapshots_bundle_verifies_at_its_own_size(self) -> None:
        out = self.verify("--bundle", str(self.download(12)), "--key", notes.signer().verifier.vkey)
        self.assertIn("has 12 entries", out)
        self.assertIn("replays to 11 signatures", out)

    def test_an_old_bundle_is_consistent_with_a_newer_one(self) -> None:
        state = self.folder / "state"
        self.verify("--bundle", str(self.download(12)), "--state", str(state))
        out = self.verify("--bundle", str(self.download(301)), "--state", str(state))
        self.assertIn("Consistent with the checkpoint remembered from before (size 12)", out)

    def test_a_tampered_bundle_fails(self) -> None:
        path = self.download(301)
        tampered = self.folder / "tampered.zip"
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(tampered, "w") as target:
            for name in source.namelist():
                data = source.read(name)
                if name.endswith("count.json"):
                    data = json.dumps({**json.loads(data), "count": 400}).encode()
                target.writestr(name, data)
        with self.assertRaises(CommandError) as caught:
            self.verify("--bundle", str(tampered))
        self.assertEqual(
            str(caught.exception), "count mismatch: the page says 400, the log replays to 300"
        )

    def test_a_file_that_is_not_a_bundle_is_refused(self) -> None:
        path = self.folder / "not.zip"
        path.write_text("hello")
        with self.assertRaises(CommandError) as caught:
            self.verify("--bundle", str(path))
        self.assertTrue(str(caught.exception).startswith("not an evidence bundle"))
