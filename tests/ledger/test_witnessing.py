"""The worker submits each new checkpoint to the configured witnesses (C2SP tlog-witness)
and the site serves the cosignatures they return; a real witness runs in a thread."""

import base64
import socket

from django.core.exceptions import ImproperlyConfigured
from django.test import SimpleTestCase, override_settings

from tests.base import BaseTestCase
from tests.ledger.fakewitness import FakeWitness
from undersigned.ledger import cosignatures, notes, sequencer, witnessing
from undersigned.ledger.models import Checkpoint, Cosignature, Log


class WitnessingTests(BaseTestCase):
    def setUp(self) -> None:
        super().setUp()
        witnessing._backoff.clear()
        self.fake = FakeWitness(notes.signer().verifier.public)
        self.enterContext(self.fake.running())
        self.enterContext(override_settings(LEDGER_WITNESSES=self.fake.setting))
        self.sign_and_confirm()
        sequencer.sequence_all()

    def served(self) -> str:
        return self.client.get("/l/solidarity/log/checkpoint").content.decode()

    def test_the_served_checkpoint_carries_the_witness_cosignature(self) -> None:
        self.assertEqual(witnessing.submit_all(), 1)
        note = self.served()
        text, _, signatures = note.rpartition("\n\n")
        own, cosigned = signatures.splitlines()
        self.assertTrue(own.startswith("\u2014 testserver/l/solidarity/log "))
        self.assertTrue(cosigned.startswith("\u2014 witness.test/w1 "))
        self.fake.witness.verify(text + "\n", cosigned)
        # The log's own signature still verifies: readers ignore lines they do not know.
        vkey = self.client.get("/l/solidarity/count.json").json()["vkey"]
        notes.Verifier.parse(vkey).open(note)
        self.assertEqual(self.fake.requests, ["old 0"])
        self.assertEqual(witnessing.submit_all(), 0)  # nothing new: nothing sent
        self.assertEqual(self.fake.requests, ["old 0"])

    def test_a_grown_log_is_submitted_with_a_consistency_proof(self) -> None:
        witnessing.submit_all()
        self.sign_and_confirm(email="next@example.org")
        self.sign_and_confirm(email="third@example.org")
        sequencer.sequence_all()
        self.assertEqual(witnessing.submit_all(), 1)
        self.assertEqual(self.fake.requests, ["old 0", "old 2"])
        latest = Checkpoint.objects.get(size=4)
        self.assertEqual(latest.cosignatures.get().witness, "witness.test/w1")
        self.assertIn("\u2014 witness.test/w1 ", self.served())

    def test_a_409_is_answered_with_a_proof_from_the_witness_size(self) -> None:
        witnessing.submit_all()
        Cosignature.objects.all().delete()  # the site forgot what the witness cosigned
        self.sign_and_confirm(email="next@example.org")
        sequencer.sequence_all()
        self.assertEqual(witnessing.submit_all(), 1)
        self.assertEqual(self.fake.requests, ["old 0", "old 0", "old 2"])
        self.assertEqual(Checkpoint.objects.get(size=3).cosignatures.count(), 1)

    def test_a_forked_checkpoint_is_refused_and_nothing_is_stored(self) -> None:
        witnessing.submit_all()
        log = Log.objects.of(self.letter).get()
        latest = Checkpoint.objects.get(log=log, size=2)
        Cosignature.objects.all().delete()
        forged = notes.Checkpoint(log.origin, 2, b"\x01" * 32)
        Checkpoint.objects.filter(pk=latest.pk).update(
            note=notes.sign_checkpoint(forged, log.key_name)
        )
        with self.assertLogs("undersigned.ledger.witnessing", "WARNING") as logged:
            self.assertEqual(witnessing.submit_all(), 0)
        self.assertIn("HTTP 409", logged.output[0])
        self.assertFalse(Cosignature.objects.exists())

    def test_a_witness_that_is_down_stops_neither_signing_nor_the_others(self) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            closed = sock.getsockname()[1]
        down = cosignatures.Witness("down.test/w", b"\x02" * 32, f"http://127.0.0.1:{closed}")
        with (
            override_settings(LEDGER_WITNESSES=[down, *self.fake.setting]),
            self.assertLogs("undersigned.ledger.witnessing", "WARNING") as logged,
        ):
            self.assertEqual(witnessing.submit_all(), 1)
            self.assertIn("unreachable", logged.output[0])
            self.sign_and_confirm(email="next@example.org")
            sequencer.sequence_all()
            self.assertEqual(Log.objects.of(self.letter).get().size, 3)
            # Backing off: the next run does not wait for the dead witness again.
            self.assertEqual(witnessing.submit_all(), 1)
        self.assertEqual(len(logged.output), 1)

    def test_the_letter_page_shows_who_cosigned_the_latest_checkpoint_and_when(self) -> None:
        response = self.client.get("/l/solidarity/")
        self.assertNotContains(response, "witness.test/w1")
        witnessing.submit_all()
        cosignature = Cosignature.objects.get()
        response = self.client.get("/l/solidarity/")
        self.assertContains(response, "<strong>witness.test/w1</strong>, on ")
        self.assertContains(response, cosignature.signed_at.strftime("%-d %B %Y, %H:%M"))

    def test_the_witnesses_are_published(self) -> None:
        response = self.client.get("/.well-known/undersigned/witnesses")
        self.assertEqual(
            response.json(),
            [{"name": "witness.test/w1", "vkey": self.fake.witness.vkey, "url": self.fake.url}],
        )


class WitnessSettingTests(SimpleTestCase):
    def test_entries_are_vkey_at_url_separated_by_spaces_or_newlines(self) -> None:
        one = FakeWitness(b"\x00" * 32, "one.example/w").witness
        two = FakeWitness(b"\x00" * 32, "two@example").witness
        parsed = cosignatures.parse_witnesses(
            f"{one.vkey}@https://one.example/w\n  {two.vkey}@http://two.example:8080/ "
        )
        self.assertEqual([w.name for w in parsed], ["one.example/w", "two@example"])
        self.assertEqual(parsed[1].url, "http://two.example:8080")
        self.assertEqual(parsed[0].public, one.public)
        self.assertEqual(cosignatures.parse_witnesses(""), [])

    def test_bad_entries_say_what_is_wrong(self) -> None:
        one = FakeWitness(b"\x00" * 32, "one.example/w").witness
        log_key = notes.signer().verifier.vkey  # an Ed25519 (0x01) key, not a cosigner's
        for bad, reason in [
            (one.vkey, "expected <vkey>@<url>"),
            (f"{one.vkey}@ftp://x", "not an http(s) URL"),
            (f"{log_key}@https://x", "not a cosignature/v1"),
            (f"{one.vkey.replace('+', '+0', 1)}@https://x", "key ID does not match"),
            (f"{one.vkey}@https://x {one.vkey}@https://y", "same name"),
        ]:
            with self.assertRaisesMessage(ImproperlyConfigured, reason):
                cosignatures.parse_witnesses(bad)


# From C2SP tlog-cosignature.md (github.com/C2SP/C2SP), "Ed25519 signed message" and the
# example cosigned checkpoint at the top of the document.
SOFA_TEXT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
SOFA_COSIGNATURE = (
    "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWXEhZCB9d"
    "lrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA=="
)


class CosignatureFormatTests(SimpleTestCase):
    def test_the_signed_message_is_the_published_one(self) -> None:
        self.assertEqual(
            cosignatures.message(SOFA_TEXT, 1679315147),
            b"cosignature/v1\ntime 1679315147\n" + SOFA_TEXT.encode(),
        )

    def test_the_published_line_is_key_id_timestamp_and_signature(self) -> None:
        raw = base64.b64decode(SOFA_COSIGNATURE.split(" ")[2])
        self.assertEqual(len(raw), 4 + 8 + 64)
        self.assertEqual(int.from_bytes(raw[4:12], "big"), 1679315147)

    def test_a_line_made_here_verifies_and_a_changed_text_does_not(self) -> None:
        fake = FakeWitness(b"\x00" * 32, "witness.example.com/w1")
        line = cosignatures.cosign(fake.name, fake.private, SOFA_TEXT, 1679315147)
        self.assertEqual(fake.witness.verify(SOFA_TEXT, line), 1679315147)
        with self.assertRaises(cosignatures.CosignatureError):
            fake.witness.verify(SOFA_TEXT.replace("20852163", "20852164"), line)
        # The published line is by another key: not this witness's.
        with self.assertRaises(cosignatures.CosignatureError):
            fake.witness.verify(SOFA_TEXT, SOFA_COSIGNATURE)
