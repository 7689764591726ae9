"""Reading witness cosignatures (C2SP tlog-cosignature, cosignature/v1) off a served
checkpoint: which configured witnesses cosigned it, and when."""

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import SimpleTestCase

from undersigned.ledger import cosignatures, notes
from undersigned_verify import notes as vnotes

TEXT = "example.org/l/solidarity\n5\n" + base64.b64encode(bytes(32)).decode() + "\n"
STAMP = 1_790_000_000


class CosignatureTests(SimpleTestCase):
    def setUp(self) -> None:
        self.log = notes.Signer("example.org", Ed25519PrivateKey.generate())
        self.witness = vnotes.Cosigner("w.example", Ed25519PrivateKey.generate())
        self.configured = cosignatures.parse_witnesses(
            f"{self.witness.verifier.vkey} https://w.example/"
        )

    def test_a_cosignature_names_its_witness_and_time(self) -> None:
        note = self.log.sign(TEXT) + self.witness.cosign(TEXT, STAMP)
        found = cosignatures.cosigned_by(note, self.configured)
        self.assertEqual(
            [(c.witness, int(c.time.timestamp())) for c in found], [("w.example", STAMP)]
        )
        self.assertEqual(self.log.verifier.open(note), TEXT)  # the log's signature still opens

    def test_a_cosignature_by_another_key_or_over_another_time_does_not_count(self) -> None:
        stranger = vnotes.Cosigner("w.example", Ed25519PrivateKey.generate())
        note = self.log.sign(TEXT) + stranger.cosign(TEXT, STAMP)
        self.assertEqual(cosignatures.cosigned_by(note, self.configured), [])
        good = self.witness.cosign(TEXT, STAMP)
        raw = bytearray(base64.b64decode(good.split()[-1]))
        raw[11] ^= 1  # the timestamp the signature covers
        moved = f"{notes.DASH} w.example {base64.b64encode(bytes(raw)).decode()}\n"
        self.assertEqual(cosignatures.cosigned_by(self.log.sign(TEXT) + moved, self.configured), [])
