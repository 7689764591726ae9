import argparse
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from undersigned.ledger import subjects
from undersigned_verify import cli
from undersigned_verify.checker import Failed


class Command(BaseCommand):
    help = cli.DESCRIPTION + " A motion's URL checks its ballots, tally and verdict."

    def add_arguments(self, parser: Any) -> None:
        cli.add_arguments(parser)
        parser.add_argument(
            "--tracker", default="", help="A motion: check your ballot's tracker is logged."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        """The standalone verifier (undersigned-verify), with Django's output and exit; a
        subject that registered its own check (a motion) gets that instead."""
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
