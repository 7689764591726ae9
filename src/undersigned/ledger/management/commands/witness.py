import sys
from typing import Any

from django.core.management.base import BaseCommand

from undersigned_verify import witness


class Command(BaseCommand):
    help = (
        "Run a tlog-witness (the standalone undersigned-witness): `witness serve --config "
        "FILE [--host H] [--port P]`, `witness generate-key NAME --out FILE`, `witness vkey FILE`."
    )

    def run_from_argv(self, argv: list[str]) -> None:
        # The witness has its own command line (and needs neither settings nor database).
        sys.exit(witness.main(argv[2:], prog="undersigned witness"))

    def handle(self, *args: Any, **options: Any) -> None:
        sys.exit(witness.main(list(args), prog="undersigned witness"))

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("args", nargs="*")
