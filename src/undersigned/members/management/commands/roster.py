"""`undersigned roster import FILE --org SLUG [--dry-run]`: sync an organisation's roster
with a CSV file (see members/roster.py). `undersigned roster keys` shows how many digests
still use an old roster key during a key rotation."""

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count

from undersigned.accounts.models import Organisation
from undersigned.members import digests, roster
from undersigned.members.models import InvitedEmail, RosterEntry


class Command(BaseCommand):
    help = "Import an organisation's membership roster, or check roster keys."

    def add_arguments(self, parser: ArgumentParser) -> None:
        commands = parser.add_subparsers(dest="action", required=True)
        run = commands.add_parser("import", help="Sync the roster with a CSV file.")
        run.add_argument("file", help="CSV file: membership_number, email, branch, ...")
        run.add_argument("--org", required=True, help="The organisation's slug")
        run.add_argument("--dry-run", action="store_true", help="Report what would change")
        commands.add_parser("keys", help="Count digests made with keys other than ROSTER_KEY.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "keys":
            self._keys()
            return
        organisation = Organisation.objects.filter(slug=options["org"]).first()
        if organisation is None:
            raise CommandError(f"No organisation has the slug {options['org']!r}.")
        try:
            binary = open(options["file"], "rb")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        with binary:
            result = roster.import_roster(
                organisation, binary, dry_run=options["dry_run"], source=options["file"]
            )
        if not result.ok:
            for problem in result.problems.first:
                self.stderr.write(str(problem))
            if result.problems.more:
                self.stderr.write(f"…and {result.problems.more} more.")
            raise CommandError(
                f"{result.problems.total} problem{'s' if result.problems.total != 1 else ''} "
                "in the file: nothing was changed."
            )
        self.stdout.write(result.summary())

    def _keys(self) -> None:
        current = digests.key_id(settings.ROSTER_KEY)
        self.stdout.write(f"Current roster key: {current}")
        for model, label in ((RosterEntry, "roster entries"), (InvitedEmail, "invited emails")):
            old = (
                model.objects.exclude(key_id=current).values_list("key_id").annotate(n=Count("id"))
            )
            for key_id, count in old:
                self.stdout.write(f"{count} {label} still use key {key_id}")
        self.stdout.write("Done.")
