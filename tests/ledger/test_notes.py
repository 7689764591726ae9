"""Signed notes and checkpoints, against the Go sumdb/note reference vector."""

from django.test import SimpleTestCase, override_settings

from undersigned.ledger import notes
from undersigned.letters import log as letter_log

VKEY = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"
SKEY = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz"
TEXT = (
    "If you think cryptography is the answer to your problem,\n"
    "then you don't know what your problem is.\n"
)
NOTE = (
    TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNX"
    "gKvqfqdngotpRZb6KE6RyyBwJnAM=\n"
)


class SignedNoteTests(SimpleTestCase):
    def test_it_signs_exactly_like_the_go_reference(self) -> None:
        signer = notes.Signer("PeterNeumann", notes.parse_private(SKEY))
        self.assertEqual(signer.verifier.vkey, VKEY)
        self.assertEqual(signer.sign(TEXT), NOTE)

    def test_it_opens_the_go_reference_note(self) -> None:
        self.assertEqual(notes.Verifier.parse(VKEY).open(NOTE), TEXT)

    def test_it_refuses_a_changed_text(self) -> None:
        with self.assertRaisesMessage(notes.NoteError, "bad signature"):
            notes.Verifier.parse(VKEY).open(NOTE.replace("answer", "ANSWER"))

    def test_it_refuses_a_note_without_this_keys_signature(self) -> None:
        other = notes.Signer("PeterNeumann", notes.parse_private(notes.format_private(
            "PeterNeumann", notes.Ed25519PrivateKey.generate())))  # fmt: skip
        with self.assertRaisesMessage(notes.NoteError, "bad signature"):
            other.verifier.open(NOTE)

    def test_it_refuses_malformed_verifier_keys(self) -> None:
        for bad in ["", "PeterNeumann", VKEY.replace("c74f20a3", "c74f20a4"), VKEY[:-4]]:
            with self.assertRaises(notes.NoteError):
                notes.Verifier.parse(bad)

    def test_the_private_key_round_trips_through_its_text_form(self) -> None:
        key = notes.parse_private(SKEY)
        self.assertEqual(notes.format_private("PeterNeumann", key), SKEY)


class CheckpointTests(SimpleTestCase):
    def test_a_checkpoint_is_origin_size_and_base64_root(self) -> None:
        checkpoint = notes.Checkpoint("example.org/l/x", 3, bytes(range(32)))
        self.assertEqual(
            checkpoint.text, "example.org/l/x\n3\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n"
        )
        self.assertEqual(notes.Checkpoint.parse(checkpoint.text), checkpoint)

    def test_it_refuses_malformed_checkpoints(self) -> None:
        for bad in [
            "x\n03\nAAAA\n",
            "x\n3\n",
            "\n3\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n",
        ]:
            with self.assertRaises(notes.NoteError):
                notes.Checkpoint.parse(bad)

    @override_settings(LEDGER_ORIGIN_HOST="", BASE_URL="https://letters.example.org")
    def test_the_origin_is_the_base_url_host_and_the_letter_path(self) -> None:
        self.assertEqual(letter_log.origin("solidarity"), "letters.example.org/l/solidarity/log")

    @override_settings(LEDGER_ORIGIN_HOST="log.example.org")
    def test_ledger_origin_host_overrides_the_base_url(self) -> None:
        self.assertEqual(letter_log.origin("solidarity"), "log.example.org/l/solidarity/log")

    @override_settings(LEDGER_SIGNING_KEY=SKEY, LEDGER_ORIGIN_HOST="example.org")
    def test_the_configured_key_signs_under_the_origin_host(self) -> None:
        signer = notes.signer()
        self.assertEqual(signer.name, "example.org")
        self.assertEqual(signer.verifier.public, notes.Verifier.parse(VKEY).public)

    @override_settings(LEDGER_SIGNING_KEY="not a key")
    def test_a_malformed_configured_key_is_refused(self) -> None:
        from django.core.exceptions import ImproperlyConfigured

        with self.assertRaises(ImproperlyConfigured):
            notes.signer()


class GeneratedKeyTests(SimpleTestCase):
    def test_without_a_setting_a_key_is_generated_once_into_var_dir(self) -> None:
        import tempfile
        from pathlib import Path

        with (
            tempfile.TemporaryDirectory() as var,
            self.settings(
                LEDGER_SIGNING_KEY="", VAR_DIR=Path(var), LEDGER_ORIGIN_HOST="example.org"
            ),
        ):
            first = notes.signer().verifier.vkey
            path = Path(var) / "ledger_signing_key"
            self.assertTrue(path.read_text().startswith("PRIVATE+KEY+example.org+"))
            self.assertEqual(path.stat().st_mode & 0o777, 0o600)
            notes._private.cache_clear()
            self.assertEqual(notes.signer().verifier.vkey, first)
