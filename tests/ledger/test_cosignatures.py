"""Reading witness cosignatures (C2SP tlog-cosignature, cosignature/v1) off a checkpoint."""

import base64

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.test import SimpleTestCase

from undersigned.ledger import cosignatures, notes

TEXT = "example.org/l/solidarity\n5\n" + base64.b64encode(bytes(32)).decode() + "\n"
STAMP = 1_790_000_000


def cosignature_line(private: Ed25519PrivateKey, name: str, stamp: int = STAMP) -> str:
    witness = cosignatures.Witness(name, private.public_key().public_bytes_raw())
    signature = private.sign(cosignatures.message(TEXT, stamp))
    raw = witness.id + stamp.to_bytes(8, "big") + signature
    return f"{notes.DASH} {name} {base64.b64encode(raw).decode()}\n"


class CosignatureTests(SimpleTestCase):
    def setUp(self) -> None:
        self.log = notes.Signer("example.org", Ed25519PrivateKey.generate())
        self.private = Ed25519PrivateKey.generate()
        self.witness = cosignatures.Witness.parse(
            cosignatures.Witness("w.example", self.private.public_key().public_bytes_raw()).vkey
        )

    def test_a_cosignature_names_its_witness_and_time(self) -> None:
        note = self.log.sign(TEXT) + cosignature_line(self.private, "w.example")
        found = cosignatures.cosigned_by(note, [self.witness])
        self.assertEqual(
            [(c.witness, int(c.time.timestamp())) for c in found], [("w.example", STAMP)]
        )
        self.assertEqual(self.log.verifier.open(note), TEXT)  # the log's signature still opens

    def test_a_cosignature_by_another_key_or_over_another_time_does_not_count(self) -> None:
        line = cosignature_line(Ed25519PrivateKey.generate(), "w.example")
        self.assertEqual(cosignatures.cosigned_by(self.log.sign(TEXT) + line, [self.witness]), [])
        good = cosignature_line(self.private, "w.example")
        raw = bytearray(base64.b64decode(good.split()[-1]))
        raw[11] ^= 1  # the timestamp the signature covers
        moved = f"{notes.DASH} w.example {base64.b64encode(bytes(raw)).decode()}\n"
        self.assertEqual(cosignatures.cosigned_by(self.log.sign(TEXT) + moved, [self.witness]), [])

    def test_a_log_key_is_not_a_witness_key(self) -> None:
        with self.assertRaises(notes.NoteError):
            cosignatures.Witness.parse(self.log.verifier.vkey)
