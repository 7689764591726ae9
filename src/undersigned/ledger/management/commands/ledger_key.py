from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.management.base import BaseCommand

from undersigned.ledger import notes


class Command(BaseCommand):
    help = (
        "Print the log's verifier key (as published at /.well-known/undersigned/vkey), or "
        "with --generate a new signing key for LEDGER_SIGNING_KEY."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--generate",
            action="store_true",
            help="Print a new private key in the signed-note form PRIVATE+KEY+<name>+<id>+<key>.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["generate"]:
            private = Ed25519PrivateKey.generate()
            self.stdout.write(notes.format_private(notes.origin_host(), private))
            return
        self.stdout.write(notes.signer().verifier.vkey)
