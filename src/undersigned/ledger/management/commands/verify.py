from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from undersigned.ledger import subjects, verifier
from undersigned.lib import languages


class Command(BaseCommand):
    help = (
        "Check a letter's count against its public log, over HTTP: the checkpoint's "
        "signature, the root recomputed from every entry, the count replayed from the log, "
        "consistency with the checkpoint remembered in --state, and a signer's receipt."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("url", help="The letter's address, e.g. https://example.org/l/slug/")
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
        parser.add_argument(
            "--tracker", default="", help="A motion: check your ballot's tracker is logged."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with translation.override(languages.from_environment()):
            self._handle(options)

    def _handle(self, options: dict[str, Any]) -> None:
        other = subjects.verifier_for(options["url"])
        if other is not None:
            try:
                self.stdout.write("\n".join(other(options["url"], options)))
            except subjects.Unverified as failure:
                raise CommandError(str(failure)) from None
            return
        if bool(options["receipt"]) != bool(options["email"]):
            raise CommandError(_("--receipt and --email go together"))
        receipt = ""
        if options["receipt"]:
            try:
                receipt = options["receipt"].read_text()
            except OSError as error:
                raise CommandError(
                    _("cannot read the receipt: %(error)s") % {"error": error.strerror}
                ) from None
        try:
            result = verifier.verify(
                options["url"],
                key=options["key"],
                state=options["state"],
                receipt=receipt,
                email=options["email"],
            )
        except verifier.Failed as failure:
            raise CommandError(str(failure)) from None
        lines = [
            _(
                "OK: %(origin)s has %(size)s entries, signed by the log's key; "
                "the root matches every entry."
            )
            % {"origin": result.origin, "size": result.size},
            ngettext(
                "The log replays to %(count)s signature; the page shows %(page)s.",
                "The log replays to %(count)s signatures; the page shows %(page)s.",
                result.count,
            )
            % {"count": result.count, "page": result.page_count},
        ]
        if result.previous_size is not None:
            lines.append(
                _(
                    "Consistent with the checkpoint remembered from before (size %(size)s): "
                    "nothing logged then was changed or removed."
                )
                % {"size": result.previous_size}
            )
        if result.receipt:
            lines.append(_("Receipt: %(receipt)s.") % {"receipt": result.receipt})
        self.stdout.write("\n".join(lines))
