from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from undersigned.ledger import offline, verifier


class Command(BaseCommand):
    help = (
        "Check a letter's count against its public log, over HTTP: the checkpoint's "
        "signature, the root recomputed from every entry, the count replayed from the log, "
        "consistency with the checkpoint remembered in --state, and a signer's receipt."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "url", nargs="?", help="The letter's address, e.g. https://example.org/l/slug/"
        )
        parser.add_argument(
            "--bundle",
            type=Path,
            help="Check a press evidence bundle (.zip) offline instead of the live site.",
        )
        parser.add_argument(
            "--key", default="", help="The log's verifier key (default: fetch the site's vkey)."
        )
        parser.add_argument(
            "--state",
            type=Path,
            help="A directory that remembers the last checkpoint, so the next run proves "
            "the log only grew.",
        )
        parser.add_argument("--receipt", type=Path, help="A receipt (.tlog-proof) to check.")
        parser.add_argument("--email", default="", help="The email address the receipt is for.")

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["receipt"]) != bool(options["email"]):
            raise CommandError("--receipt and --email go together")
        receipt = ""
        if options["receipt"]:
            try:
                receipt = options["receipt"].read_text()
            except OSError as error:
                raise CommandError(f"cannot read the receipt: {error.strerror}") from None
        fetch, url, retries = verifier.http_fetch, options["url"], 5
        try:
            if options["bundle"]:
                bundle = offline.Bundle(options["bundle"])
                fetch, url, retries = bundle.fetch, url or bundle.url, 0
            elif not url:
                raise CommandError("give the letter's address, or --bundle FILE.zip")
            result = verifier.verify(
                url,
                fetch=fetch,
                retries=retries,
                key=options["key"],
                state=options["state"],
                receipt=receipt,
                email=options["email"],
            )
        except verifier.Failed as failure:
            raise CommandError(str(failure)) from None
        lines = [
            *(["Offline, from the evidence bundle."] if options["bundle"] else []),
            f"OK: {result.origin} has {result.size} entries, signed by the log's key; "
            f"the root matches every entry.",
            f"The log replays to {result.count} signatures; the page shows {result.page_count}.",
        ]
        if result.previous_size is not None:
            lines.append(
                f"Consistent with the checkpoint remembered from before "
                f"(size {result.previous_size}): nothing logged then was changed or removed."
            )
        if result.receipt:
            lines.append(f"Receipt: the {result.receipt}.")
        self.stdout.write("\n".join(lines))
