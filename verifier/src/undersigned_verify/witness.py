"""`undersigned-witness`: a C2SP tlog-witness that another organisation can run beside the
logs it follows, with nothing but Python and `cryptography`.

It follows the logs named in its configuration (an origin, or an origin prefix such as
`example.org/l/` for every letter of one site, with the log's verifier key), keeps the
latest checkpoint it cosigned for each origin in a SQLite file, and answers
`POST /add-checkpoint` as tlog-witness says: it cosigns (cosignature/v1) a checkpoint only
if it is consistent with the one it cosigned before, so a log cannot show two histories.
`GET /<hex SHA-256 of the origin>/checkpoint` serves the latest cosigned checkpoint.

Configuration (JSON; relative paths are relative to the file):

    {
      "key_file": "witness.key",
      "state": "witness.sqlite3",
      "logs": [
        {"origin_prefix": "letters.example.org/l/", "vkey": "letters.example.org+8d2f...+AX..."},
        {"origin": "other.example/l/one", "vkey": "other.example+41c0...+AQ..."}
      ]
    }
"""

import argparse
import base64
import binascii
import hashlib
import json
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import FrameType

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from undersigned_verify import merkle, notes

MAX_BODY = 64 * 1024
MAX_PROOF = 63
SIZE_TYPE = "text/x.tlog.size"

type Sign = Callable[[str], str]


class ConfigError(Exception):
    """A witness configuration that cannot be used; str() says what to fix."""


class Refused(Exception):
    """An add-checkpoint request the witness must refuse, with its HTTP status."""

    def __init__(self, status: HTTPStatus, message: str, content_type: str = "text/plain") -> None:
        super().__init__(message)
        self.status = status
        self.content_type = content_type


@dataclass(frozen=True)
class FollowedLog:
    key: notes.Verifier
    origin: str = ""
    origin_prefix: str = ""

    def follows(self, origin: str) -> bool:
        if self.origin:
            return origin == self.origin
        return origin.startswith(self.origin_prefix) and len(origin) > len(self.origin_prefix)

    def verifiers(self, origin: str) -> list[notes.Verifier]:
        """The key under its configured name, and under the origin line (tlog-checkpoint
        recommends a key name equal to the origin)."""
        return [self.key] if origin == self.key.name else [self.key, self.key.renamed(origin)]


@dataclass
class Config:
    cosigner: notes.Cosigner
    state: Path
    logs: list[FollowedLog]

    @classmethod
    def load(cls, path: Path) -> "Config":
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError) as error:
            raise ConfigError(f"cannot read {path}: {error}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: not a JSON object")
        here = path.parent
        try:
            key_file = here / str(data["key_file"])
            state = here / str(data.get("state", "witness.sqlite3"))
            logs = [_followed(entry) for entry in data["logs"]]
        except (KeyError, TypeError) as error:
            raise ConfigError(f"{path}: missing or malformed {error}") from None
        if not logs:
            raise ConfigError(f"{path}: follows no log")
        return cls(load_cosigner(key_file), state, logs)

    def log_for(self, origin: str) -> FollowedLog | None:
        return next((log for log in self.logs if log.follows(origin)), None)


def _followed(entry: dict[str, str]) -> FollowedLog:
    try:
        key = notes.Verifier.parse(entry["vkey"])
    except notes.NoteError:
        raise ConfigError(f"not a log verifier key: {entry['vkey']!r}") from None
    origin, prefix = entry.get("origin", ""), entry.get("origin_prefix", "")
    if bool(origin) == bool(prefix):
        raise ConfigError("each log needs exactly one of 'origin' and 'origin_prefix'")
    return FollowedLog(key, origin, prefix)


def load_cosigner(path: Path) -> notes.Cosigner:
    try:
        name, private = notes.parse_private(path.read_text())
    except OSError as error:
        raise ConfigError(f"cannot read the witness key {path}: {error.strerror}") from None
    except notes.NoteError as error:
        raise ConfigError(f"{path}: {error}") from None
    return notes.Cosigner(name, private)


def generate_key(name: str, path: Path) -> notes.Cosigner:
    """A new witness key written to `path` (never overwriting one): keep it secret."""
    if not notes.valid_name(name):
        raise ConfigError("a witness name has no spaces and no '+' (e.g. witness.example.org)")
    cosigner = notes.Cosigner(name, Ed25519PrivateKey.generate())
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise ConfigError(f"{path} exists: a witness keeps its key") from None
    with os.fdopen(fd, "w") as f:
        f.write(notes.format_private(name, cosigner.private) + "\n")
    return cosigner


class Store:
    """The latest cosigned checkpoint per origin, in SQLite. Checking the old size and
    recording the new checkpoint happen in one IMMEDIATE transaction (and under a lock),
    so two concurrent requests can never roll the witness back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lock = threading.Lock()
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS checkpoint (origin TEXT PRIMARY KEY, "
                "size INTEGER NOT NULL, root BLOB NOT NULL, note TEXT NOT NULL)"
            )

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=30, isolation_level=None)

    def latest(self, origin: str) -> tuple[int, bytes, str] | None:
        db = self._connect()
        try:
            row = db.execute(
                "SELECT size, root, note FROM checkpoint WHERE origin = ?", (origin,)
            ).fetchone()
        finally:
            db.close()
        return (int(row[0]), bytes(row[1]), str(row[2])) if row else None

    def advance(
        self, checkpoint: notes.Checkpoint, old: int, proof: list[bytes], note: str, sign: Sign
    ) -> str:
        """Check the request against the stored checkpoint, cosign, store; the cosignature
        line(s). Refused with the status tlog-witness prescribes otherwise."""
        with self.lock:
            db = self._connect()
            try:
                db.execute("BEGIN IMMEDIATE")
                row = db.execute(
                    "SELECT size, root FROM checkpoint WHERE origin = ?", (checkpoint.origin,)
                ).fetchone()
                size, root = (int(row[0]), bytes(row[1])) if row else (0, merkle.EMPTY_ROOT)
                if old != size:
                    raise Refused(HTTPStatus.CONFLICT, f"{size}\n", SIZE_TYPE)
                _check_consistency(old, root, checkpoint, proof)
                lines = sign(checkpoint.text)
                db.execute(
                    "INSERT INTO checkpoint (origin, size, root, note) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (origin) DO UPDATE SET size = excluded.size, "
                    "root = excluded.root, note = excluded.note",
                    (checkpoint.origin, checkpoint.size, checkpoint.root, note + lines),
                )
                db.execute("COMMIT")
                return lines
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            finally:
                db.close()


def _check_consistency(
    old: int, old_root: bytes, checkpoint: notes.Checkpoint, proof: list[bytes]
) -> None:
    if old == 0:
        if proof:
            raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY, "a proof from size 0 must be empty")
        return
    try:
        merkle.verify_consistency(old, checkpoint.size, old_root, checkpoint.root, proof)
    except merkle.ProofError as error:
        raise Refused(
            HTTPStatus.UNPROCESSABLE_ENTITY,
            f"not consistent with the checkpoint cosigned before: {error}",
        ) from None


def parse_request(body: bytes) -> tuple[int, list[bytes], str]:
    """(old size, consistency proof, checkpoint note) of an add-checkpoint body."""
    try:
        text = body.decode()
    except UnicodeDecodeError:
        raise Refused(HTTPStatus.BAD_REQUEST, "the body is not UTF-8") from None
    head, separator, note = text.partition("\n\n")
    lines = head.split("\n")
    word, _, number = lines[0].partition(" ")
    if not separator or word != "old" or not number.isdigit() or str(int(number)) != number:
        raise Refused(HTTPStatus.BAD_REQUEST, "the body must start with 'old <size>'")
    if len(lines) - 1 > MAX_PROOF:
        raise Refused(HTTPStatus.BAD_REQUEST, "more than 63 consistency proof lines")
    try:
        proof = [base64.b64decode(line, validate=True) for line in lines[1:]]
    except binascii.Error:
        raise Refused(HTTPStatus.BAD_REQUEST, "a proof line is not base64") from None
    if any(len(node) != 32 for node in proof):
        raise Refused(HTTPStatus.BAD_REQUEST, "a proof line is not a 32-byte hash")
    return int(number), proof, note


class Witness:
    def __init__(self, config: Config) -> None:
        self.config = config
        self.store = Store(config.state)

    @property
    def vkey(self) -> str:
        return self.config.cosigner.verifier.vkey

    def add_checkpoint(self, body: bytes) -> str:
        old, proof, note = parse_request(body)
        try:
            checkpoint = notes.Checkpoint.parse(notes.checkpoint_text(note))
        except notes.NoteError as error:
            raise Refused(HTTPStatus.BAD_REQUEST, str(error)) from None
        log = self.config.log_for(checkpoint.origin)
        if log is None:
            raise Refused(HTTPStatus.NOT_FOUND, f"this witness does not follow {checkpoint.origin}")
        try:
            notes.open_note(note, log.verifiers(checkpoint.origin))
        except notes.NoteError as error:
            raise Refused(HTTPStatus.FORBIDDEN, str(error)) from None
        if old > checkpoint.size:
            raise Refused(HTTPStatus.BAD_REQUEST, "the old size is larger than the checkpoint's")
        if checkpoint.size == 0 and checkpoint.root != merkle.EMPTY_ROOT:
            raise Refused(HTTPStatus.UNPROCESSABLE_ENTITY, "an empty tree has another root")
        return self.store.advance(checkpoint, old, proof, note, self.config.cosigner.cosign)

    def checkpoint(self, origin_hash: str) -> str | None:
        for origin in self._known_origins():
            if hashlib.sha256(origin.encode()).hexdigest() == origin_hash:
                found = self.store.latest(origin)
                return found[2] if found else None
        return None

    def _known_origins(self) -> list[str]:
        db = sqlite3.connect(self.store.path, timeout=30)
        try:
            return [str(row[0]) for row in db.execute("SELECT origin FROM checkpoint")]
        finally:
            db.close()


def handler_for(witness: Witness) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "undersigned-witness"
        protocol_version = "HTTP/1.1"

        def answer(self, status: int, body: str, content_type: str = "text/plain") -> None:
            data = body.encode()
            self.send_response(status)
            # text/x.tlog.size exactly, as tlog-witness says; other answers are UTF-8 text.
            charset = "" if content_type == SIZE_TYPE else "; charset=utf-8"
            self.send_header("Content-Type", content_type + charset)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            if self.path != "/add-checkpoint":
                self.answer(HTTPStatus.NOT_FOUND, "not found\n")
                return
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                self.answer(HTTPStatus.LENGTH_REQUIRED, "Content-Length required\n")
                return
            if not 0 <= length <= MAX_BODY:
                self.close_connection = True
                self.answer(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "request too large\n")
                return
            body = self.rfile.read(length)
            try:
                lines = witness.add_checkpoint(body)
            except Refused as refusal:
                text = str(refusal)
                self.answer(
                    refusal.status,
                    text if text.endswith("\n") else text + "\n",
                    refusal.content_type,
                )
                return
            self.answer(HTTPStatus.OK, lines)

        def do_GET(self) -> None:  # noqa: N802
            parts = self.path.strip("/").split("/")
            note = None
            if len(parts) == 2 and parts[1] == "checkpoint":
                note = witness.checkpoint(parts[0])
            if note is None:
                self.answer(HTTPStatus.NOT_FOUND, "not found\n")
                return
            self.answer(HTTPStatus.OK, note)

    return Handler


def serve(config: Config, host: str, port: int) -> None:
    witness = Witness(config)
    server = ThreadingHTTPServer((host, port), handler_for(witness))
    server.daemon_threads = True

    def stop(signum: int, frame: FrameType | None) -> None:
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    print(
        f"undersigned-witness: listening on http://{host}:{server.server_port}/ as {witness.vkey}",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


def main(argv: Sequence[str] | None = None, prog: str = "undersigned-witness") -> int:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("serve", help="Run the witness.")
    run.add_argument("--config", type=Path, required=True, help="The JSON configuration.")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8080)
    new = commands.add_parser(
        "generate-key", help="Write a new witness key and print its verifier key."
    )
    new.add_argument("name", help="The witness's name, e.g. witness.example.org")
    new.add_argument("--out", type=Path, required=True, help="Where to write the private key.")
    show = commands.add_parser("vkey", help="Print the verifier key of a witness's key file.")
    show.add_argument("key_file", type=Path)
    options = parser.parse_args(argv)
    try:
        if options.command == "serve":
            serve(Config.load(options.config), options.host, options.port)
        elif options.command == "generate-key":
            print(generate_key(options.name, options.out).verifier.vkey)
        else:
            print(load_cosigner(options.key_file).verifier.vkey)
    except ConfigError as error:
        print(f"{prog}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
