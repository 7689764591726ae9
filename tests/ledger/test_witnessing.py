"""The worker submits each new checkpoint to the configured witnesses (C2SP tlog-witness)
and the site serves the cosignatures they return; a real witness runs in a thread."""

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
        cosignatures.timestamp(self.fake.witness, text + "\n", cosigned)
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
        other = FakeWitness(b"\x02" * 32, "down.test/w")
        [down] = cosignatures.parse_witnesses(f"{other.vkey} http://127.0.0.1:{closed}/")
        with (
            override_settings(LEDGER_WITNESSES=[down, *self.fake.setting]),
            self.assertLogs("undersigned.ledger.witnessing", "WARNING") as logged,
        ):
            self.assertEqual(witnessing.submit_all(), 1)
            self.assertIn("could not be reached", logged.output[0])
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
            [{"name": "witness.test/w1", "vkey": self.fake.vkey, "url": self.fake.url + "/"}],
        )


class WitnessSettingTests(SimpleTestCase):
    def test_it_is_one_witness_per_line_key_then_url(self) -> None:
        one = FakeWitness(b"\x00" * 32, "one.example/w")
        two = FakeWitness(b"\x00" * 32, "two.example/w")
        parsed = cosignatures.parse_witnesses(
            f"# ours\n{one.vkey} https://one.example/w\n\n  {two.vkey} http://two.example:8080\n"
        )
        self.assertEqual([w.name for w in parsed], ["one.example/w", "two.example/w"])
        self.assertEqual(parsed[1].url, "http://two.example:8080/")
        self.assertEqual(parsed[0].key.vkey, one.vkey)
        self.assertEqual(cosignatures.parse_witnesses(""), [])

    def test_bad_entries_say_what_is_wrong(self) -> None:
        one = FakeWitness(b"\x00" * 32, "one.example/w")
        log_key = notes.signer().verifier.vkey  # an Ed25519 (0x01) key, not a cosigner's
        for bad, reason in [
            (one.vkey, "line 1: the witness URL must start with https://"),
            (f"{one.vkey} ftp://x", "line 1: the witness URL must start with https://"),
            (f"{log_key} https://x", "line 1: not a cosignature/v1 verifier key"),
            (f"https://x\n{one.vkey} https://x", "line 1: not a cosignature/v1"),
            (f"{one.vkey} https://x\n{one.vkey} https://y", "same name"),
        ]:
            with self.assertRaisesMessage(ImproperlyConfigured, reason):
                cosignatures.parse_witnesses(bad)


class CosignatureLineTests(SimpleTestCase):
    TEXT = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"

    def test_a_witness_line_gives_its_time_and_a_changed_text_is_refused(self) -> None:
        fake = FakeWitness(b"\x00" * 32, "witness.example.com/w1")
        line = fake.cosigner.cosign(self.TEXT, 1679315147).rstrip("\n")
        self.assertEqual(cosignatures.timestamp(fake.witness, self.TEXT, line), 1679315147)
        with self.assertRaises(cosignatures.CosignatureError):
            cosignatures.timestamp(fake.witness, self.TEXT.replace("63", "64"), line)
        other = FakeWitness(b"\x00" * 32, "witness.example.com/w1")
        with self.assertRaises(cosignatures.CosignatureError):
            cosignatures.timestamp(other.witness, self.TEXT, line)
