"""A real witness process (`undersigned witness serve`) beside the app: it cosigns the
log's checkpoints as they grow, refuses a fork or a rewrite, and `verify --witness`
accepts only a checkpoint it cosigned."""

import json
import os
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.test import LiveServerTestCase

from tests.base import make_letter, make_org
from tests.ledger.helpers import logged_entries, replace_log
from tests.smtp import free_port
from undersigned.ledger import merkle, notes, sequencer, tiles
from undersigned.ledger.models import Checkpoint, Log
from undersigned.letters import services
from undersigned_verify import witness as witness_server
from undersigned_verify import witnesses


class WitnessProcessTests(LiveServerTestCase):
    def setUp(self) -> None:
        self.letter = make_letter(make_org())
        for n in range(3):
            self.sign(f"s{n}@example.org")
        sequencer.sequence_all()
        self.url = f"{self.live_server_url}/l/{self.letter.slug}/"
        self.dir = Path(tempfile.mkdtemp())
        cosigner = witness_server.generate_key("witness.example.org", self.dir / "witness.key")
        self.witness_vkey = cosigner.verifier.vkey
        config = {
            "key_file": "witness.key",
            "state": "witness.sqlite3",
            "logs": [
                {
                    "origin_prefix": f"{notes.origin_host()}/l/",
                    "vkey": notes.signer().verifier.vkey,
                }
            ],
        }
        (self.dir / "witness.json").write_text(json.dumps(config))
        self.start_witness()

    def start_witness(self, attempts: int = 5) -> None:
        # A port the OS picked at random: with the suite on several cores, two tests may
        # still race for one, so a witness that could not listen is started again.
        port = free_port()
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(["src", ".", "verifier/src"])}
        self.process = subprocess.Popen(
            ["timeout", "300", sys.executable, "-m", "undersigned", "witness", "serve",
             "--config", str(self.dir / "witness.json"), "--port", str(port)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env=env,
        )  # fmt: skip
        self.addCleanup(self.stop_witness)
        assert self.process.stdout is not None
        banner = self.process.stdout.readline()  # printed once it listens
        if not banner and attempts > 1:
            self.process.wait(timeout=30)
            self.start_witness(attempts - 1)
            return
        self.assertIn(f"listening on http://127.0.0.1:{port}/ as {self.witness_vkey}", banner)
        self.witness = witnesses.parse_list(f"{self.witness_vkey} http://127.0.0.1:{port}/")[0]

    def stop_witness(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)

    def sign(self, email: str) -> None:
        signature = services.sign(self.letter, name="Signer", email=email)
        assert signature is not None
        services.confirm(signature.uid)

    def latest(self) -> Checkpoint:
        return Checkpoint.objects.filter(log__in=Log.objects.of(self.letter)).latest("size")

    def proof(self, old: int) -> list[bytes]:
        log = Log.objects.of(self.letter).get()
        if not 0 < old < log.size:
            return []
        return merkle.consistency_proof(tiles.tile_node(tiles.db_reader(log)), old, log.size)

    def cosign_latest(self, old: int) -> str:
        """Submit the latest checkpoint and serve it with the witness's cosignature, as the
        site will: the cosignature lines appended after the log's signature."""
        checkpoint = self.latest()
        lines = witnesses.add_checkpoint(self.witness, checkpoint.note, old, self.proof(old))
        Checkpoint.objects.filter(pk=checkpoint.pk).update(note=checkpoint.note + lines)
        return lines

    def post(self, old: int, proof: list[bytes], note: str) -> tuple[int, str, str]:
        request = urllib.request.Request(
            self.witness.url + "add-checkpoint",
            data=witnesses.request_body(note, old, proof),
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return (
                    response.status,
                    response.headers.get_content_type(),
                    response.read().decode(),
                )
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get_content_type(), error.read().decode()

    def verify(self, *args: str) -> str:
        out = StringIO()
        call_command("verify", self.url, *args, stdout=out)
        return out.getvalue()

    def fails(self, *args: str) -> str:
        with self.assertRaises(CommandError) as caught:
            self.verify(*args)
        return str(caught.exception)

    def test_verify_needs_the_witness_cosignature_and_accepts_it(self) -> None:
        self.assertEqual(
            self.fails("--witness", self.witness_vkey),
            "not enough witnesses: the checkpoint is cosigned by 0 of the 1 witnesses "
            "given, 1 needed",
        )
        line = self.cosign_latest(0)
        self.assertTrue(line.startswith("\u2014 witness.example.org "), line)
        out = self.verify("--witness", self.witness_vkey)
        self.assertIn("Cosigned by 1 of the 1 witnesses given: witness.example.org at ", out)

    def test_it_cosigns_the_log_as_it_grows(self) -> None:
        self.cosign_latest(0)
        self.sign("later@example.org")
        sequencer.sequence_all()
        self.cosign_latest(4)
        self.assertIn("Cosigned by 1 of the 1", self.verify("--witness", self.witness_vkey))

    def test_min_witnesses_counts_the_witnesses_that_cosigned(self) -> None:
        self.cosign_latest(0)
        other = witness_server.generate_key("other.example", self.dir / "other.key")
        args = ["--witness", self.witness_vkey, "--witness", other.verifier.vkey]
        self.assertIn("not enough witnesses", self.fails(*args))
        self.assertIn("Cosigned by 1 of the 2", self.verify(*args, "--min-witnesses", "1"))

    def test_a_second_checkpoint_at_the_same_size_with_another_root_is_refused(self) -> None:
        self.cosign_latest(0)
        forged = logged_entries(self.letter)
        forged[1] = forged[1].replace(b"member no", b"member yes")
        note = replace_log(self.letter, forged, 3)
        status, _, body = self.post(4, [], note)
        self.assertEqual(status, 422, body)
        self.assertIn("not consistent with the checkpoint cosigned before", body)
        # The forked checkpoint carries no cosignature: verify --witness refuses it.
        self.verify()
        self.assertIn("not enough witnesses", self.fails("--witness", self.witness_vkey))

    def test_a_rewritten_history_is_refused(self) -> None:
        self.cosign_latest(0)
        forged = logged_entries(self.letter)
        forged[1] = forged[1].replace(b"member no", b"member yes")
        forged.append(forged[2])
        note = replace_log(self.letter, forged, 4)
        status, _, body = self.post(4, self.proof(4), note)
        self.assertEqual(status, 422, body)
        self.assertIn("not consistent with the checkpoint cosigned before", self.fails_to_cosign(4))

    def fails_to_cosign(self, old: int) -> str:
        with self.assertRaises(witnesses.WitnessError) as caught:
            self.cosign_latest(old)
        self.assertEqual(caught.exception.status, 422)
        return str(caught.exception)

    def test_a_caller_behind_the_witness_gets_409_with_its_size_even_after_a_restart(
        self,
    ) -> None:
        self.cosign_latest(0)
        self.stop_witness()
        self.start_witness()
        status, content_type, body = self.post(0, [], self.latest().note)
        self.assertEqual((status, content_type, body), (409, "text/x.tlog.size", "4\n"))
        with self.assertRaises(witnesses.Conflict) as caught:
            self.cosign_latest(0)
        self.assertEqual(caught.exception.size, 4)

    def test_it_refuses_a_checkpoint_signed_by_another_key_or_for_another_log(self) -> None:
        text = notes.open_checkpoint(self.latest().note, notes.signer().verifier).text
        stranger = notes.Signer(notes.origin_host(), notes.Ed25519PrivateKey.generate())
        self.assertEqual(self.post(0, [], stranger.sign(text))[0], 403)
        elsewhere = text.replace(notes.origin_host(), "elsewhere.example", 1)
        self.assertEqual(self.post(0, [], notes.signer().sign(elsewhere))[0], 404)
        self.assertEqual(self.post(0, [], "old 0\n")[0], 400)
