"""A tiny but real C2SP tlog-witness, in a thread, for the site's submission tests: it
checks the log's signature and the consistency proof against the size it cosigned last,
answers 409 with that size when the caller is behind, and cosigns with cosignature/v1."""

import base64
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from undersigned.ledger import cosignatures, merkle, notes
from undersigned_verify import notes as package_notes
from undersigned_verify.witnesses import Witness


class FakeWitness:
    def __init__(self, log_public: bytes, name: str = "witness.test/w1") -> None:
        self.name = name
        self.private = notes.Ed25519PrivateKey.generate()
        self.log_public = log_public
        self.cosigned: dict[str, tuple[int, bytes]] = {}  # origin -> (size, root)
        self.requests: list[str] = []  # the `old` line of each request
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def cosigner(self) -> package_notes.Cosigner:
        return package_notes.Cosigner(self.name, self.private)

    @property
    def vkey(self) -> str:
        return self.cosigner.verifier.vkey

    @property
    def setting(self) -> list[Witness]:
        return cosignatures.parse_witnesses(f"{self.vkey} {self.url}")

    @property
    def witness(self) -> Witness:
        return self.setting[0]

    def add_checkpoint(self, body: str) -> tuple[int, str, str]:
        head, _, note = body.partition("\n\n")
        lines = head.split("\n")
        self.requests.append(lines[0])
        old = int(lines[0].removeprefix("old "))
        proof = [base64.b64decode(line) for line in lines[1:]]
        text = notes.checkpoint_text(note)
        checkpoint = notes.Checkpoint.parse(text)
        keys = [notes.Verifier(checkpoint.origin, self.log_public)]
        keys.append(notes.Verifier(checkpoint.origin.split("/")[0], self.log_public))
        if not any(_opens(key, note) for key in keys):
            return 403, "text/plain", "no valid signature by a known key\n"
        with self.lock:
            size, root = self.cosigned.get(checkpoint.origin, (0, b""))
            if old > checkpoint.size:
                return 400, "text/plain", "old size is larger than the checkpoint\n"
            if old != size:
                return 409, "text/x.tlog.size", f"{size}\n"
            try:
                merkle.verify_consistency(old, checkpoint.size, root, checkpoint.root, proof)
            except merkle.ProofError:
                status = 409 if old == checkpoint.size else 422
                return status, "text/plain", "inconsistent\n"
            self.cosigned[checkpoint.origin] = (checkpoint.size, checkpoint.root)
        return 200, "text/plain", self.cosigner.cosign(text, int(time.time()))

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        witness = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length).decode()
                if self.path != "/add-checkpoint":
                    status, kind, text = 404, "text/plain", "not found\n"
                else:
                    status, kind, text = witness.add_checkpoint(body)
                data = text.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    @contextmanager
    def running(self) -> Iterator["FakeWitness"]:
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()
            thread.join(5)


def _opens(key: notes.Verifier, note: str) -> bool:
    try:
        key.open(note)
    except notes.NoteError:
        return False
    return True
