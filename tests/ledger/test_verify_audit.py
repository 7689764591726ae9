"""`undersigned verify` against the log audit's findings 1, 3, 7 and 8 (issue 13), over real
HTTP: each test reproduces what the audit did to a running site."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management import CommandError, call_command
from django.test import LiveServerTestCase, override_settings

from tests.base import make_letter, make_org
from tests.ledger.helpers import logged_entries, replace_log
from undersigned.ledger import entries, notes, sequencer
from undersigned.ledger.models import Checkpoint, Log, Tile
from undersigned.letters import log as letter_log
from undersigned.letters import services
from undersigned.letters.models import Signature
from undersigned.members.models import Branch


class AuditTests(LiveServerTestCase):
    def setUp(self) -> None:
        self.org = make_org()
        self.letter = make_letter(self.org)
        tyne = Branch.objects.get(code="northern-tyne")
        self.signed("ada@example.org", name="Ada Lovelace", role="Steward", branch=tyne)
        self.signed("bo@example.org", name="Bo Name", display="name", branch=tyne)
        self.signed("cy@example.org", name="Cy Hidden", display="hidden")
        sequencer.sequence_all()
        self.url = f"{self.live_server_url}/l/{self.letter.slug}/"
        self.state = Path(tempfile.mkdtemp())  # a directory, as before; or a file

    def signed(self, email: str, **fields: object) -> Signature:
        signature = services.sign(self.letter, email=email, **fields)  # type: ignore[arg-type]
        assert signature is not None
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

    def remembered(self) -> dict[str, dict[str, dict[str, str]]]:
        found: dict[str, dict[str, dict[str, str]]] = json.loads(
            (self.state / "undersigned-verify-state.json").read_text()
        )
        return found

    def rebuild(self, forged: list[bytes], origin: str, count: int) -> None:
        self.assertEqual(origin, letter_log.origin(self.letter.slug))
        replace_log(self.letter, forged, count)

    # Finding 1: --state is keyed on the URL checked, and pins the origin and the key.

    def test_a_rolled_back_log_under_another_origin_host_is_refused_by_state(self) -> None:
        self.verify("--state", str(self.state))
        with override_settings(LEDGER_ORIGIN_HOST="elsewhere.example"):
            self.rebuild(logged_entries(self.letter)[:-1], letter_log.origin(self.letter.slug), 2)
            self.verify()  # on its own, the rolled-back log looks fine
            reason = self.fails("--state", str(self.state))
        self.assertTrue(reason.startswith("origin changed: "), reason)
        self.assertIn("it now says elsewhere.example/l/solidarity", reason)

    def test_the_key_is_pinned_on_first_use_and_a_new_key_is_refused(self) -> None:
        self.verify("--state", str(self.state))
        remembered = self.remembered()["logs"][self.url]
        self.assertEqual(remembered["key"], notes.signer().verifier.vkey)
        self.assertEqual(remembered["origin"], letter_log.origin(self.letter.slug))
        other = notes.format_private(notes.origin_host(), Ed25519PrivateKey.generate())
        with override_settings(LEDGER_SIGNING_KEY=other):
            self.rebuild(logged_entries(self.letter), letter_log.origin(self.letter.slug), 3)
            self.verify()  # on its own, the re-signed log looks fine
            reason = self.fails("--state", str(self.state))
        self.assertTrue(reason.startswith("key changed: "), reason)

    def test_the_state_is_kept_per_letter_url(self) -> None:
        self.state = self.state / "state.json"  # a file, too
        self.verify("--state", str(self.state))
        second = make_letter(self.org, slug="second")
        sequencer.sequence_all()
        self.url = f"{self.live_server_url}/l/{second.slug}/"
        self.verify("--state", str(self.state))
        logs = json.loads(self.state.read_text())["logs"]
        self.assertEqual(
            sorted(logs), [f"{self.live_server_url}/l/{s}/" for s in ("second", "solidarity")]
        )

    # Finding 3: every served tile is checked against the entries.

    def test_an_altered_hash_in_a_full_level_0_tile_fails(self) -> None:
        forged = logged_entries(self.letter)
        template = forged[1]
        for n in range(260):
            forged.append(template.replace(b"commit ", f"commit {n:04d}".encode()[:11], 1))
        replay = entries.Replay()
        for entry in forged:
            replay.add(entry)
        self.rebuild(forged, letter_log.origin(self.letter.slug), replay.count)
        self.verify()
        tile = Tile.objects.get(log__in=Log.objects.of(self.letter), level=0, index=0)
        data = bytearray(tile.hashes)
        data[5 * 32] ^= 1
        Tile.objects.filter(pk=tile.pk).update(hashes=bytes(data))
        self.assertEqual(self.fails(), "tile mismatch: tile/0/000 does not match the entries")

    # Finding 7: a key named after the origin line verifies too, and gzip is asked for.

    def test_a_checkpoint_signed_under_the_origin_as_key_name_verifies(self) -> None:
        origin = letter_log.origin(self.letter.slug)
        private = notes.signer().private
        log = Log.objects.of(self.letter).get()
        text = notes.Checkpoint(origin, log.size, bytes(log.root)).text
        Checkpoint.objects.filter(log=log).update(note=notes.Signer(origin, private).sign(text))
        self.assertIn("signed by the log's key", self.verify())

    # Finding 8: the names shown are checked against the entries' display commitments.

    def test_names_checks_every_shown_name_and_role(self) -> None:
        out = self.verify("--names")
        self.assertIn("The 2 names shown on the page match their entries' display", out)

    def test_a_name_changed_in_the_database_fails_names(self) -> None:
        Signature.objects.filter(email="ada@example.org").update(name="Ada Byron")
        self.verify()  # the count alone does not cover names
        reason = self.fails("--names")
        self.assertEqual(
            reason,
            "name not covered: 'Ada Byron' (role 'Steward') matches no entry's display commitment",
        )

    def test_a_role_changed_in_the_database_fails_names(self) -> None:
        Signature.objects.filter(email="ada@example.org").update(role="General Secretary")
        self.assertTrue(self.fails("--names").startswith("name not covered: 'Ada Lovelace'"))

    def test_json_output_says_what_was_checked(self) -> None:
        out = json.loads(self.verify("--json", "--names"))
        self.assertEqual(
            {k: out[k] for k in ("ok", "url", "origin", "size", "count", "page_count", "names")},
            {
                "ok": True,
                "url": self.url,
                "origin": letter_log.origin(self.letter.slug),
                "size": 4,
                "count": 3,
                "page_count": 3,
                "names": 2,
            },
        )
