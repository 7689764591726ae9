"""The sequencer turns queued events into log entries and signs checkpoints."""

import hashlib
import hmac
import threading

from django.core import mail
from django.db import connection
from django.test import TransactionTestCase

from tests.base import BaseTestCase, make_letter, make_org
from tests.ledger.helpers import logged_entries, logged_fields, replayed_count, root_matches
from undersigned.ledger import events, notes, receipts, sequencer
from undersigned.ledger.models import Checkpoint, Log, PendingEvent
from undersigned.letters import log as letter_log
from undersigned.letters import services
from undersigned.letters.models import Letter, Signature
from undersigned.letters.receipts import receipt as letter_receipt


class SequencerTests(BaseTestCase):
    def log(self) -> Log:
        return Log.objects.of(self.letter).get()

    def test_the_first_entry_is_the_letter_text_at_version_1(self) -> None:
        sequencer.sequence_all()
        [text] = logged_fields(self.letter)
        self.assertEqual(text["kind"], "text")
        self.assertEqual(text["version"], "1")
        self.assertEqual(text["sha256"], hashlib.sha256(self.letter.body.encode()).hexdigest())
        self.assertRegex(text["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertTrue(logged_entries(self.letter)[0].startswith(b"undersigned/v1\nkind text\n"))

    def test_a_confirmed_signature_is_logged_and_gets_its_index(self) -> None:
        signature = self.sign_and_confirm()
        self.assertIsNone(signature.log_index)
        sequencer.sequence_all()
        signature.refresh_from_db()
        self.assertEqual(signature.log_index, 1)
        entry = logged_fields(self.letter)[1]
        self.assertEqual(
            list(entry), ["kind", "version", "commit", "member", "branch", "display", "time"]
        )
        self.assertEqual(entry["member"], "no")
        self.assertEqual(entry["branch"], "northern-tyne")
        self.assertEqual(self.log().logged_count, 1)
        self.assertTrue(root_matches(self.letter))

    def test_an_entry_holds_no_email_name_or_role(self) -> None:
        self.sign_and_confirm()
        sequencer.sequence_all()
        raw = b"".join(logged_entries(self.letter)).lower()
        # (Not just b"ada": that is valid hex, and hashes contain it now and then.)
        for private in [b"ada@", b"lovelace", b"example.org", b"steward"]:
            self.assertNotIn(private, raw)

    def test_the_commit_is_an_hmac_of_the_origin_and_email_under_the_salt(self) -> None:
        signature = self.sign_and_confirm()
        sequencer.sequence_all()
        expected = hmac.new(
            bytes.fromhex(signature.commit_salt),
            f"{letter_log.origin(self.letter.slug)}\nada@example.org".encode(),
            hashlib.sha256,
        ).hexdigest()
        self.assertEqual(logged_fields(self.letter)[1]["commit"], expected)

    def test_the_display_hash_covers_the_public_record_and_hidden_shows_a_dash(self) -> None:
        shown = self.sign_and_confirm()
        self.sign_and_confirm(email="hidden@example.org", display="hidden")
        sequencer.sequence_all()
        record = b"name Ada Lovelace\nrole Steward\nbranch northern-tyne\n"
        expected = hashlib.sha256(bytes.fromhex(shown.display_salt) + record).hexdigest()
        fields = logged_fields(self.letter)
        self.assertEqual(fields[1]["display"], expected)
        self.assertEqual(fields[2]["display"], "-")

    def test_a_withdrawal_refers_to_the_sign_entry_and_uncounts_it(self) -> None:
        signature = self.sign_and_confirm()
        sequencer.sequence_all()
        services.withdraw(signature.uid)
        sequencer.sequence_all()
        withdraw = logged_fields(self.letter)[2]
        self.assertEqual(withdraw["kind"], "withdraw")
        self.assertEqual(withdraw["ref"], "1")
        self.assertEqual(self.log().logged_count, 0)
        self.assertEqual(replayed_count(self.letter), 0)

    def test_signing_again_after_withdrawing_in_one_batch_logs_a_fresh_sign_entry(self) -> None:
        signature = self.sign_and_confirm()
        services.withdraw(signature.uid)
        signature = self.sign_and_confirm()
        services.withdraw(signature.uid)
        signature = self.sign_and_confirm()
        sequencer.sequence_all()
        kinds = [(f["kind"], f.get("ref")) for f in logged_fields(self.letter)]
        self.assertEqual(
            kinds,
            [("text", None), ("sign", None), ("withdraw", "1"), ("sign", None),
             ("withdraw", "3"), ("sign", None)],
        )  # fmt: skip
        signature.refresh_from_db()
        self.assertEqual(signature.log_index, 5)
        self.assertEqual(self.log().logged_count, 1)
        self.assertEqual(replayed_count(self.letter), 1)

    def test_remove_and_restore_move_the_count_and_carry_the_reason(self) -> None:
        signature = self.sign_and_confirm()
        sequencer.sequence_all()
        events.record(Letter, self.letter.pk, "remove", item_id=signature.pk, reason="spam")
        sequencer.sequence_all()
        self.assertEqual(self.log().logged_count, 0)
        events.record(Letter, self.letter.pk, "restore", item_id=signature.pk)
        sequencer.sequence_all()
        fields = logged_fields(self.letter)
        self.assertEqual(
            (fields[2]["kind"], fields[2]["ref"], fields[2]["reason"]), ("remove", "1", "spam")
        )
        self.assertEqual((fields[3]["kind"], fields[3]["ref"]), ("restore", "1"))
        self.assertEqual(self.log().logged_count, 1)
        self.assertEqual(replayed_count(self.letter), 1)

    def test_it_signs_one_checkpoint_per_new_size_and_none_when_idle(self) -> None:
        sequencer.sequence_all()
        self.sign_and_confirm()
        sequencer.sequence_all()
        self.assertEqual(sequencer.sequence_all(), 0)
        self.assertEqual(list(Checkpoint.objects.values_list("size", flat=True)), [1, 2])
        note = Checkpoint.objects.get(size=2).note
        text = notes.log_signer(self.log().key_name).verifier.open(note)
        checkpoint = notes.Checkpoint.parse(text)
        self.assertEqual(checkpoint.origin, f"testserver/l/{self.letter.slug}/log")
        self.assertEqual(checkpoint.root, bytes(self.log().root))
        self.assertFalse(PendingEvent.objects.exists())

    def test_large_backlogs_are_taken_in_batches(self) -> None:
        for n in range(5):
            self.sign_and_confirm(email=f"signer{n}@example.org")
        self.assertEqual(sequencer.sequence(self.letter, batch=2), 6)
        self.assertEqual(Checkpoint.objects.count(), 3)
        self.assertTrue(root_matches(self.letter))

    def test_a_draft_letters_initial_signatories_are_logged_at_publication(self) -> None:
        draft = make_letter(self.org, slug="draft", publish=False)
        signature = services.sign(draft, name="Initial", email="i@example.org", is_initial=True)
        services.confirm(signature.uid)
        sequencer.sequence_all()
        self.assertFalse(Log.objects.of(draft).filter(size__gt=0).exists())
        services.publish(draft)
        sequencer.sequence_all()
        self.assertEqual([f["kind"] for f in logged_fields(draft)], ["text", "sign"])

    def test_each_logged_signer_is_emailed_a_receipt(self) -> None:
        signature = self.sign_and_confirm()
        mail.outbox.clear()
        sequencer.sequence_all()
        [message] = mail.outbox
        self.assertEqual(message.to, ["ada@example.org"])
        self.assertIn("index 1", message.body)
        self.assertIn("undersigned verify http://testserver/l/solidarity/", message.body)
        [(filename, content, _)] = message.attachments
        self.assertEqual(filename, "solidarity.tlog-proof")
        receipt = receipts.Receipt.parse(content)
        self.assertEqual(receipt.index, 1)
        signature.refresh_from_db()
        self.assertEqual(receipt.extra.hex(), signature.commit_salt)

    def test_the_demo_sequences_without_emailing_receipts(self) -> None:
        mail.outbox.clear()
        sequencer.sequence_all(notify=False)
        self.sign_and_confirm()
        mail.outbox.clear()
        sequencer.sequence_all(notify=False)
        self.assertEqual(mail.outbox, [])


class ErasureTests(BaseTestCase):
    def test_erasure_forgets_the_person_but_keeps_the_entry_and_the_count(self) -> None:
        signature = self.sign_and_confirm()
        sequencer.sequence_all()
        before = logged_entries(self.letter)
        services.erase(signature)
        signature.refresh_from_db()
        self.assertEqual((signature.email, signature.name, signature.role), ("", "", ""))
        self.assertEqual((signature.commit_salt, signature.display_salt), ("", ""))
        self.assertIsNotNone(signature.erased_at)
        self.assertEqual(signature.status, Signature.Status.CONFIRMED)
        sequencer.sequence_all()
        self.assertEqual(logged_entries(self.letter), before)
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.public_count, 1)
        self.assertEqual(replayed_count(self.letter), 1)
        self.assertIsNone(letter_receipt(signature))

    def test_a_signature_erased_before_it_was_logged_is_still_counted(self) -> None:
        signature = self.sign_and_confirm()
        services.erase(signature)
        sequencer.sequence_all()
        self.assertEqual(replayed_count(self.letter), 1)
        self.assertNotIn(b"lovelace", b"".join(logged_entries(self.letter)).lower())


class ConcurrentSequencerTests(TransactionTestCase):
    def test_sequencers_running_at_once_log_every_event_exactly_once(self) -> None:
        letter = make_letter(make_org())
        stop = threading.Event()
        errors: list[BaseException] = []

        def sequence_until_stopped() -> None:
            try:
                while not stop.is_set():
                    sequencer.sequence_all()
            except BaseException as exc:  # noqa: BLE001 - reported by the test
                errors.append(exc)
            finally:
                connection.close()

        workers = [threading.Thread(target=sequence_until_stopped) for _ in range(3)]
        for worker in workers:
            worker.start()
        try:
            for n in range(40):
                signature = services.sign(letter, name=f"S {n}", email=f"s{n}@example.org")
                services.confirm(signature.uid)
        finally:
            stop.set()
            for worker in workers:
                worker.join()
        sequencer.sequence_all()
        self.assertEqual(errors, [])
        log = Log.objects.of(letter).get()
        self.assertEqual((log.size, log.logged_count), (41, 40))
        indexes = list(Signature.objects.values_list("log_index", flat=True))
        self.assertEqual(sorted(indexes), list(range(1, 41)))
        sizes = list(Checkpoint.objects.values_list("size", flat=True))
        self.assertEqual(len(sizes), len(set(sizes)))
        self.assertTrue(root_matches(letter))
