import argparse
import json
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from undersigned.ledger import offline, subjects
from undersigned.lib import languages
from undersigned_verify import checker, cli
from undersigned_verify.checker import Failed


class Command(BaseCommand):
    help = cli.DESCRIPTION + " A motion's URL checks its ballots, tally and verdict."

    def add_arguments(self, parser: Any) -> None:
        cli.add_arguments(parser)
        parser.add_argument(
            "--tracker", default="", help="A motion: check your ballot's tracker is logged."
        )
        parser.add_argument(
            "--bundle",
            action="store_true",
            help="URL is a press evidence bundle (.zip) to check offline: "
            "undersigned verify --bundle FILE.zip",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """The standalone verifier (undersigned-verify), with Django's output and exit; a
        subject that registered its own check (a motion) gets that instead."""
        if options["bundle"]:
            self.stdout.write("\n".join(self.check_bundle(options)))
            return
        other = subjects.verifier_for(options["url"])
        if other is not None:
            try:
                self.stdout.write("\n".join(other(options["url"], options)))
            except subjects.Unverified as failure:
                raise CommandError(str(failure)) from None
            return
        names = ("url", "key", "state", "receipt", "email", "witness", "min_witnesses", "names")
        try:
            result = cli.run(argparse.Namespace(**{name: options[name] for name in names}))
        except Failed as failure:
            raise CommandError(str(failure)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), indent=2))
        else:
            language = languages.from_environment()
            if language == settings.LANGUAGE_CODE:
                self.stdout.write("\n".join(result.lines()))
            else:
                with translation.override(language):
                    self.stdout.write("\n".join(_report(result)))

    def check_bundle(self, options: dict[str, Any]) -> list[str]:
        """The same check, fed from the bundle's files instead of the network."""
        try:
            bundle = offline.Bundle(Path(options["url"]))
            result = checker.verify(
                bundle.url,
                key=options["key"],
                state=options["state"],
                witnesses=options["witness"],
                min_witnesses=options["min_witnesses"],
                fetch=bundle.fetch,
                retries=0,
            )
        except Failed as failure:
            raise CommandError(str(failure)) from None
        return ["Offline, from the evidence bundle.", *result.lines()]


def _report(result: checker.Result) -> list[str]:
    """The verifier's report in the shell's language: the count's lines from the site's
    catalogue, then the standalone verifier's own lines (tiles, witnesses, names), which
    are English."""
    lines = [
        _(
            "OK: %(origin)s has %(size)s entries, signed by the log's key; the root matches every entry."  # noqa: E501
        )
        % {"origin": result.origin, "size": result.size},
        ngettext(
            "The log replays to %(count)s signature; the page shows %(page)s.",
            "The log replays to %(count)s signatures; the page shows %(page)s.",
            result.count,
        )
        % {"count": result.count, "page": result.page_count},
    ]
    english = result.lines()
    lines += [line for line in english[2:] if not line.startswith(("Consistent with", "Receipt:"))]
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
    return lines
