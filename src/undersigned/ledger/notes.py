"""C2SP signed notes and checkpoints, signed with the site's Ed25519 key. The formats (keys,
notes, checkpoints) are the standalone verifier's, re-exported here; this module holds
where the site's key comes from and under which name it signs.

The key is LEDGER_SIGNING_KEY, either the Go `note` private key form
`PRIVATE+KEY+<name>+<hex key ID>+<base64 of 0x01 || 32-byte seed>` or the bare base64
32-byte seed, or else it is generated once into VAR_DIR/ledger_signing_key. The key name
is always the origin host (LEDGER_ORIGIN_HOST, or the host of BASE_URL)."""

import base64
import binascii
import os
from functools import cache
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from undersigned_verify.notes import (
    DASH,
    ED25519,
    Checkpoint,
    NoteError,
    Signer,
    Verifier,
    checkpoint_text,
    format_private,
    open_checkpoint,
)

__all__ = [
    "DASH",
    "Checkpoint",
    "NoteError",
    "Signer",
    "Verifier",
    "checkpoint_text",
    "format_private",
    "open_checkpoint",
]


def origin_host() -> str:
    return settings.LEDGER_ORIGIN_HOST or urlsplit(settings.BASE_URL).netloc


def parse_private(value: str) -> Ed25519PrivateKey:
    value = value.strip()
    try:
        if value.startswith("PRIVATE+KEY+"):
            raw = base64.b64decode(value.split("+", 4)[4], validate=True)
            if raw[:1] != bytes([ED25519]):
                raise ValueError
            raw = raw[1:]
        else:
            raw = base64.b64decode(value, validate=True)
        return Ed25519PrivateKey.from_private_bytes(raw)
    except (ValueError, binascii.Error):
        raise ImproperlyConfigured(
            "LEDGER_SIGNING_KEY must be an Ed25519 key: PRIVATE+KEY+<name>+<id>+<base64> "
            "or the base64 of a 32-byte seed"
        ) from None


@cache
def _private(configured: str, var_dir: str) -> Ed25519PrivateKey:
    if configured:
        return parse_private(configured)
    path = os.path.join(var_dir, "ledger_signing_key")
    if not os.path.exists(path):
        os.makedirs(var_dir, exist_ok=True)
        # O_EXCL: two processes starting at once cannot both write a key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as f:
                f.write(format_private(origin_host(), Ed25519PrivateKey.generate()) + "\n")
    with open(path) as f:
        return parse_private(f.read())


def signer() -> Signer:
    return Signer(origin_host(), _private(settings.LEDGER_SIGNING_KEY, str(settings.VAR_DIR)))


def log_signer(key_name: str = "") -> Signer:
    """The site's key under a log's key name: tlog-checkpoint asks that the signature line
    name the origin, so a log made since then signs under its origin; an older log (blank
    key_name) keeps the name its checkpoints always had, the host."""
    site = signer()
    return Signer(key_name, site.private) if key_name else site


def sign_checkpoint(checkpoint: Checkpoint, key_name: str = "") -> str:
    return log_signer(key_name).sign(checkpoint.text)
