"""A letter's published log built from the package's own pieces, served over HTTP (gzip
when asked, as the real site does): enough of a site for the verifier's own tests."""

import gzip
import hashlib
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from undersigned_verify import entries, merkle, notes, tiles

HOST = "letters.example"


def free_port() -> int:
    for port in range(8200, 8300):
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8200-8299")


def sign_entry(n: int, display: str = "-") -> bytes:
    commit = hashlib.sha256(f"signer {n}".encode()).hexdigest()
    return (
        f"undersigned/v1\nkind sign\nversion 1\ncommit {commit}\nmember no\nbranch -\n"
        f"display {display}\ntime 2026-01-01T00:00:00Z\n"
    ).encode()


TEXT_ENTRY = (
    b"undersigned/v1\nkind text\nversion 1\nsha256 " + b"0" * 64 + b"\ntime 2026-01-01T00:00:00Z\n"
)


@dataclass
class FakeSite:
    slug: str = "letter"
    key_name: str = HOST
    private: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    log: list[bytes] = field(default_factory=lambda: [TEXT_ENTRY])
    signatories: list[dict[str, object]] = field(default_factory=list)
    resources: dict[str, bytes] = field(default_factory=dict)
    requests: list[dict[str, str]] = field(default_factory=list)
    cosignatures: str = ""
    slug_origin: str = ""  # the origin line, when not the default

    @property
    def origin(self) -> str:
        return self.slug_origin or f"{HOST}/l/{self.slug}"

    @property
    def signer(self) -> notes.Signer:
        return notes.Signer(self.key_name, self.private)

    def sign(self, n: int, name: str = "", role: str = "", salt: str = "") -> None:
        display = "-"
        if name:
            record = entries.display_record(name, role, "")
            display = entries.display_hash(salt, record)
            self.signatories.insert(
                0, {"name": name, "role": role, "branch_code": None, "display_salt": salt}
            )
        self.log.append(sign_entry(n, display))

    def checkpoint(self) -> notes.Checkpoint:
        hashes = [merkle.hash_leaf(entry) for entry in self.log]
        return notes.Checkpoint(self.origin, len(self.log), merkle.root_of(hashes))

    def publish(self) -> str:
        """(Re)build every resource; returns the checkpoint note."""
        count = entries.Replay()
        for entry in self.log:
            count.add(entry)
        prefix = f"/l/{self.slug}/log/"
        note = self.signer.sign(self.checkpoint().text) + self.cosignatures
        found = {
            "/.well-known/undersigned/vkey": (self.signer.verifier.vkey + "\n").encode(),
            f"/l/{self.slug}/count.json": json.dumps(
                {"count": count.count, "logged_count": count.count,
                 "tree_size": len(self.log), "pending": 0}
            ).encode(),
            prefix + "checkpoint": note.encode(),
            f"/api/v1/letters/{self.slug}/signatories?limit=100": json.dumps(
                {"items": self.signatories, "next": None, "latest": None}
            ).encode(),
        }  # fmt: skip
        hashes = [merkle.hash_leaf(entry) for entry in self.log]
        for (level, index), data in tiles.all_tiles(hashes).items():
            found[prefix + tiles.tile_path(level, index, len(data) // 32)] = data
        for start in range(0, len(self.log), tiles.WIDTH):
            chunk = self.log[start : start + tiles.WIDTH]
            path = tiles.tile_path("entries", start // tiles.WIDTH, len(chunk))
            found[prefix + path] = tiles.bundle(chunk)
        self.resources = found
        return note


@contextmanager
def serve(site: FakeSite) -> Iterator[str]:
    """The site at http://127.0.0.1:<port>; yields the letter's URL."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            site.requests.append(dict(self.headers))
            data = site.resources.get(self.path)
            if data is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                data = gzip.compress(data)
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/l/{site.slug}/"
    finally:
        server.shutdown()
        server.server_close()
