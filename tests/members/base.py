"""Roster helpers for the members tests."""

import io

from tests.base import BaseTestCase
from undersigned.accounts.models import Organisation
from undersigned.members import roster

HEADER = "membership_number,email,branch,postcode,status,name\n"
# Ada and Grace are active members in Tyneside (North) and York (South); Lapsed Larry lapsed.
ROSTER = (
    HEADER
    + "A001,ada@example.org,northern-tyne,NE1 4ST,active,Ada Lovelace\n"
    + "A002,grace@example.org,York,YO1 7HH,,Grace Hopper\n"
    + "A003,larry@example.org,northern-wear,SR1 1AA,lapsed,Lapsed Larry\n"
)


def csv_file(text: str, encoding: str = "utf-8") -> io.BytesIO:
    return io.BytesIO(text.encode(encoding))


class RosterTestCase(BaseTestCase):
    def import_roster(
        self, text: str = ROSTER, org: Organisation | None = None, **options: object
    ) -> roster.SyncResult:
        return roster.import_roster(org or self.org, csv_file(text), **options)  # type: ignore[arg-type]
