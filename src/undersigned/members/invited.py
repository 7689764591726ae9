"""An invited list (of a letter, a motion...): email addresses kept as digests, like the
roster's."""

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from undersigned.accounts.models import Organisation
from undersigned.members import digests
from undersigned.members.csvfile import Problems, _lines
from undersigned.members.eligibility import invited_list
from undersigned.members.models import InvitedEmail
from undersigned.members.roster import is_email

MAX_INVITED = 100_000


def parse(text: str, problems: Problems) -> list[str]:
    """Addresses one a line (or separated by commas or semicolons); blank lines are skipped."""
    return parse_lines(text.splitlines(), problems)


def parse_file(binary: Iterable[bytes], problems: Problems) -> list[str]:
    """The same from an uploaded text file (UTF-8), read line by line."""
    return parse_lines(_lines(binary, problems), problems)


def parse_lines(lines: Iterable[str], problems: Problems) -> list[str]:
    found: list[str] = []
    for line, raw in enumerate(lines, start=1):
        for part in raw.replace(";", ",").split(","):
            email = part.strip()
            if email and not is_email(email):
                problems.add(line, "", f"“{email}” is not a valid email address.")
            elif email:
                found.append(email)
    if len(found) > MAX_INVITED:
        problems.add(0, "", f"Invite at most {MAX_INVITED} addresses at a time.")
    return found


def replace(subject: models.Model, organisation: Organisation, emails: list[str]) -> int:
    """The subject's invited list becomes exactly these addresses. Returns how many."""
    key = digests.current_key(organisation.pk)
    unique = {key.email(email) for email in emails}
    subject_type = ContentType.objects.get_for_model(subject)
    with transaction.atomic():
        invited_list(subject).delete()
        InvitedEmail.objects.bulk_create(
            (
                InvitedEmail(
                    subject_type=subject_type, subject_id=subject.pk, email_digest=d, key_id=key.id
                )
                for d in unique
            ),
            batch_size=2000,
        )
    return len(unique)
