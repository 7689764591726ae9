"""The site's side of the log audit (issue 13): a damaged tree halts the log, hidden
signers' entries say only what the count needs, each signing gets fresh salts, only a
removal can be restored, and new logs are named as tlog-tiles and tlog-checkpoint say."""

from django.test import override_settings

from tests.base import BaseTestCase
from tests.ledger.helpers import logged_fields, replayed_count
from undersigned.ledger import entries, events, notes, receipts, sequencer
from undersigned.ledger.models import Checkpoint, EntryBundle, Log, Tile
from undersigned.letters import services
from undersigned.letters.models import Letter


class DamagedTreeTests(BaseTestCase):
    """Finding 2: before extending, the sequencer checks the stored tree against the last
    signed root; a damaged log is halted, the error logged and shown in the workspace."""

    def setUp(self) -> None:
        super().setUp()
        self.sign_and_confirm()
        sequencer.sequence_all()
        self.log = Log.objects.of(self.letter).get()

    def alter_entry(self) -> None:
        bundle = EntryBundle.objects.get(log=self.log, index=0)
        data = bytes(bundle.entries)
        at = data.index(b"commit ") + 7
        flipped = b"0" if data[at : at + 1] != b"0" else b"1"
        EntryBundle.objects.filter(pk=bundle.pk).update(
            entries=data[:at] + flipped + data[at + 1 :]
        )

    def sign_again_and_sequence(self) -> None:
        self.sign_and_confirm(email="next@example.org")
        with self.assertLogs("undersigned.ledger.sequencer", "ERROR") as logged:
            sequencer.sequence_all()
        self.assertIn(f"log {self.log.pk} ({self.log.origin}) halted", logged.output[0])

    def test_an_altered_entry_stops_the_log_instead_of_signing_over_it(self) -> None:
        self.alter_entry()
        self.sign_again_and_sequence()
        self.log.refresh_from_db()
        self.assertEqual(self.log.size, 2)
        self.assertEqual(Checkpoint.objects.filter(log=self.log).count(), 1)
        self.assertIn("entry bundle", self.log.fault)
        # The event waits: nothing is lost while an operator repairs the log.
        sequencer.sequence_all()
        self.assertEqual(Log.objects.get(pk=self.log.pk).size, 2)

    def test_an_altered_hash_tile_stops_the_log(self) -> None:
        tile = Tile.objects.get(log=self.log, level=0, index=0)
        data = bytearray(tile.hashes)
        data[5] ^= 1
        Tile.objects.filter(pk=tile.pk).update(hashes=bytes(data))
        self.sign_again_and_sequence()
        self.log.refresh_from_db()
        self.assertEqual(self.log.size, 2)
        self.assertTrue(self.log.fault)

    def test_a_root_that_is_not_the_signed_one_stops_the_log(self) -> None:
        Log.objects.filter(pk=self.log.pk).update(root=b"\x00" * 32)
        self.sign_again_and_sequence()
        self.assertIn("does not match", Log.objects.get(pk=self.log.pk).fault)

    def test_the_workspace_letter_page_says_the_log_is_halted(self) -> None:
        self.alter_entry()
        self.sign_again_and_sequence()
        self.client.force_login(self.organiser)
        response = self.client.get("/workspace/northern/letters/solidarity/")
        self.assertContains(response, "The public log of this letter is halted")
        self.assertContains(response, "does not match its tile")

    def test_a_sound_log_keeps_growing(self) -> None:
        self.sign_and_confirm(email="next@example.org")
        sequencer.sequence_all()
        self.log.refresh_from_db()
        self.assertEqual((self.log.size, self.log.fault), (3, ""))

    def test_a_full_last_bundle_is_checked_against_its_full_tile(self) -> None:
        for _ in range(254):
            events.record(Letter, self.letter.pk, "text", version=1)
        sequencer.sequence_all()
        self.log.refresh_from_db()
        self.assertEqual(self.log.size, 256)
        self.alter_entry()
        self.sign_again_and_sequence()
        self.log.refresh_from_db()
        self.assertEqual(self.log.size, 256)
        self.assertEqual(self.log.fault, "the last entry bundle (0) does not match its tile")


class HiddenSignerTests(BaseTestCase):
    """Finding 4: "count me only" publishes nothing beyond what the count needs."""

    def test_a_hidden_signers_entry_has_no_branch_no_member_status_and_only_the_day(
        self,
    ) -> None:
        self.sign_and_confirm(display="hidden")
        self.sign_and_confirm(email="shown@example.org")
        sequencer.sequence_all()
        hidden, shown = logged_fields(self.letter)[1:3]
        self.assertEqual(list(hidden), ["kind", "version", "commit", "display", "time"])
        self.assertEqual(hidden["display"], "-")
        self.assertRegex(hidden["time"], r"^\d{4}-\d\d-\d\dT00:00:00Z$")
        self.assertEqual(
            list(shown), ["kind", "version", "commit", "member", "branch", "display", "time"]
        )
        self.assertEqual(replayed_count(self.letter), 2)

    def test_a_hidden_signers_withdrawal_gives_only_the_day_too(self) -> None:
        hidden = self.sign_and_confirm(display="hidden")
        shown = self.sign_and_confirm(email="shown@example.org")
        sequencer.sequence_all()
        services.withdraw(hidden.uid)
        services.withdraw(shown.uid)
        sequencer.sequence_all()
        first, second = logged_fields(self.letter)[3:5]
        self.assertRegex(first["time"], r"T00:00:00Z$")
        self.assertEqual(list(second), ["kind", "ref", "time"])
        self.assertRegex(second["time"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


class FreshSaltTests(BaseTestCase):
    """Finding 5: signing again after a withdrawal does not reuse the salts."""

    def test_signing_again_after_withdrawing_gets_a_new_commitment(self) -> None:
        first = self.sign_and_confirm()
        sequencer.sequence_all()
        services.withdraw(first.uid)
        again = self.sign_and_confirm()
        sequencer.sequence_all()
        self.assertNotEqual(again.commit_salt, first.commit_salt)
        self.assertNotEqual(again.display_salt, first.display_salt)
        signs = [f for f in logged_fields(self.letter) if f["kind"] == "sign"]
        self.assertEqual(len(signs), 2)
        self.assertNotEqual(signs[0]["commit"], signs[1]["commit"])
        self.assertNotEqual(signs[0]["display"], signs[1]["display"])
        # The new entry is the signer's, under the new salt.
        log = Log.objects.of(self.letter).get()
        expected = entries.commit(again.commit_salt, log.origin, "ada@example.org")
        self.assertEqual(signs[1]["commit"], expected)


class RestoreTests(BaseTestCase):
    """Finding 6: only a moderator's removal can be restored, never a withdrawal."""

    def test_the_service_refuses_to_restore_a_withdrawn_signature(self) -> None:
        signature = self.sign_and_confirm()
        services.remove(signature, self.moderator, "spam")
        services.withdraw(signature.uid)
        self.assertFalse(services.restore(signature, self.moderator))
        self.letter.refresh_from_db()
        self.assertEqual(self.letter.confirmed_count, 0)

    def test_the_sequencer_never_logs_a_restore_after_a_withdrawal(self) -> None:
        signature = self.sign_and_confirm()
        sequencer.sequence_all()
        services.withdraw(signature.uid)
        # An operator forges the event the services never queue.
        events.record(Letter, self.letter.pk, "restore", item_id=signature.pk)
        with self.assertLogs("undersigned.ledger.sequencer", "ERROR"):
            sequencer.sequence_all()
        kinds = [f["kind"] for f in logged_fields(self.letter)]
        self.assertEqual(kinds, ["text", "sign", "withdraw"])
        self.assertEqual(Log.objects.of(self.letter).get().logged_count, 0)

    def test_a_removal_is_still_restored(self) -> None:
        signature = self.sign_and_confirm()
        services.remove(signature, self.moderator, "spam")
        services.restore(signature, self.moderator)
        sequencer.sequence_all()
        kinds = [f["kind"] for f in logged_fields(self.letter)]
        self.assertEqual(kinds, ["text", "sign", "remove", "restore"])
        self.assertEqual(Log.objects.of(self.letter).get().logged_count, 1)


class NamesTests(BaseTestCase):
    """Finding 7: a new log is named by its URL prefix and signs under that name; an old
    log keeps its stored origin and its host-named signatures."""

    def test_a_new_log_is_named_by_its_url_prefix_and_signed_under_that_name(self) -> None:
        sequencer.sequence_all()
        log = Log.objects.of(self.letter).get()
        self.assertEqual((log.origin, log.key_name), ("testserver/l/solidarity/log",) * 2)
        note = Checkpoint.objects.get(log=log).note
        self.assertIn("\n\u2014 testserver/l/solidarity/log ", note)
        named = notes.Verifier(log.origin, notes.signer().verifier.public)
        self.assertTrue(named.open(note).startswith("testserver/l/solidarity/log\n1\n"))

    @override_settings(BASE_URL="https://example.org/petitions")
    def test_a_base_url_path_is_part_of_the_origin(self) -> None:
        sequencer.sequence_all()
        origin = Log.objects.of(self.letter).get().origin
        self.assertEqual(origin, "example.org/petitions/l/solidarity/log")

    def test_an_old_log_keeps_its_origin_and_its_key_name(self) -> None:
        Log.objects.create(subject=self.letter, origin="testserver/l/solidarity")
        self.sign_and_confirm()
        sequencer.sequence_all()
        log = Log.objects.of(self.letter).get()
        note = Checkpoint.objects.get(log=log, size=2).note
        text = notes.signer().verifier.open(note)
        self.assertTrue(text.startswith("testserver/l/solidarity\n2\n"))
        receipt = receipts.for_entry(log, 1)
        assert receipt is not None
        self.assertEqual(receipt.checkpoint, note)


class ReplayRestoreTests(BaseTestCase):
    def test_the_replay_refuses_a_restore_of_a_withdrawal(self) -> None:
        text = entries.text_entry(1, "Hello", self.letter.created)
        sign = entries.sign_entry(
            version=1,
            commitment="ab" * 32,
            member="no",
            branch="",
            display="",
            moment=self.letter.created,
        )
        replay = entries.Replay()
        for entry in (text, sign, entries.adjustment_entry("withdraw", 1, self.letter.created)):
            replay.add(entry)
        with self.assertRaisesMessage(entries.EntryError, "only a moderator's removal"):
            replay.add(entries.adjustment_entry("restore", 1, self.letter.created))

    def test_the_replay_refuses_a_withdrawal_laundered_through_a_removal(self) -> None:
        moment = self.letter.created
        replay = entries.Replay()
        replay.add(entries.text_entry(1, "Hello", moment))
        replay.add(entries.sign_entry(version=1, commitment="ab" * 32, member="no",
                                      branch="", display="", moment=moment))  # fmt: skip
        replay.add(entries.adjustment_entry("withdraw", 1, moment))
        replay.add(entries.adjustment_entry("remove", 1, moment, "spam"))
        with self.assertRaises(entries.EntryError):
            replay.add(entries.adjustment_entry("restore", 1, moment))
