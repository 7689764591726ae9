"""A letter's invited list: email addresses kept as digests, like the roster's."""

from django.db import transaction

from undersigned.letters.models import Letter
from undersigned.members import digests
from undersigned.members.csvfile import Problems
from undersigned.members.models import InvitedEmail
from undersigned.members.roster import is_email

MAX_INVITED = 100_000


def parse(text: str, problems: Problems) -> list[str]:
    """Addresses one a line (or separated by commas or semicolons); blank lines are skipped."""
    found: list[str] = []
    for line, raw in enumerate(text.splitlines(), start=1):
        for part in raw.replace(";", ",").split(","):
            email = part.strip()
            if email and not is_email(email):
                problems.add(line, "", f"“{email}” is not a valid email address.")
            elif email:
                found.append(email)
    if len(found) > MAX_INVITED:
        problems.add(0, "", f"Invite at most {MAX_INVITED} addresses at a time.")
    return found


def replace(letter: Letter, emails: list[str]) -> int:
    """The letter's invited list becomes exactly these addresses. Returns how many."""
    key = digests.current_key(letter.organisation_id)
    unique = {key.email(email) for email in emails}
    with transaction.atomic():
        InvitedEmail.objects.filter(letter=letter).delete()
        InvitedEmail.objects.bulk_create(
            (InvitedEmail(letter=letter, email_digest=d, key_id=key.id) for d in unique),
            batch_size=2000,
        )
    return len(unique)
