import argparse
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from undersigned.ledger import offline, subjects
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
            self.stdout.write("\n".join(result.lines()))

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
