import argparse
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from undersigned_verify import cli
from undersigned_verify.checker import Failed


class Command(BaseCommand):
    help = cli.DESCRIPTION

    def add_arguments(self, parser: Any) -> None:
        cli.add_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        """The standalone verifier (undersigned-verify), with Django's output and exit."""
        names = ("url", "key", "state", "receipt", "email", "witness", "min_witnesses", "names")
        try:
            result = cli.run(argparse.Namespace(**{name: options[name] for name in names}))
        except Failed as failure:
            raise CommandError(str(failure)) from None
        if options["json"]:
            self.stdout.write(json.dumps(result.as_json(), indent=2))
        else:
            self.stdout.write("\n".join(result.lines()))
