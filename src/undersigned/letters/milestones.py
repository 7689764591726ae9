"""Milestone emails to a letter's organisers: 100, 250, 500, 1,000, 5,000, 10,000, 25,000,
50,000, 100,000 ... confirmed signatures, each sent once."""

from collections.abc import Iterator

from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import ngettext

from undersigned.accounts.models import Role
from undersigned.letters.models import Letter


def milestones() -> Iterator[int]:
    yield from (100, 250, 500, 1000, 5000)
    step = 10_000
    while True:
        yield from (step, step * 5 // 2, step * 5)
        step *= 10


def reached(count: int) -> int:
    """The highest milestone at or below count, or 0."""
    best = 0
    for milestone in milestones():
        if milestone > count:
            return best
        best = milestone
    raise AssertionError("unreachable")


def check(letter_id: int) -> int:
    """Claim the milestone the letter's count has reached, if it is new, and queue its
    email. The conditional UPDATE lets exactly one of several concurrent callers claim it,
    so each milestone is emailed once."""
    letter = Letter.objects.only("confirmed_count", "last_milestone").get(pk=letter_id)
    return _claim(letter_id, letter.confirmed_count, letter.last_milestone)


def _claim(letter_id: int, count: int, last_milestone: int) -> int:
    """check()'s claim, from the count and last milestone as just read."""
    milestone = reached(count)
    if milestone <= last_milestone:
        return 0
    claimed = Letter.objects.filter(pk=letter_id, last_milestone__lt=milestone).update(
        last_milestone=milestone
    )
    if not claimed:
        return 0
    send_milestone.enqueue(letter_id, milestone)
    return milestone


def check_open_letters() -> int:
    """Clock job: claim the milestones the open letters' counts have reached (a few seconds
    late, rather than a query in every confirmation). Returns how many were claimed."""
    claimed = 0
    counts = Letter.objects.filter(status=Letter.Status.OPEN).values_list(
        "pk", "confirmed_count", "last_milestone"
    )
    for pk, count, last in counts:
        claimed += bool(_claim(pk, count, last))
    return claimed


def recipients(letter: Letter) -> list[str]:
    """The letter's co-organisers, else the organisation's owners and organisers."""
    people = letter.organisers.exclude(email="")
    if not people.exists():
        people = User.objects.filter(
            Q(roles__organisation_id=letter.organisation_id),
            Q(roles__role__in=[Role.OWNER, Role.ORGANISER]),
        ).exclude(email="")
    return sorted({person.email for person in people})


@task
def send_milestone(letter_id: int, milestone: int) -> None:
    letter = Letter.objects.select_related("organisation").filter(pk=letter_id).first()
    if letter is None or not (to := recipients(letter)):
        return
    url = letter.public_url
    # Organisers keep no language: the site's default.
    context = {"letter": letter, "title": letter.title, "milestone": milestone, "url": url}
    body = render_to_string("letters/email/milestone.txt", context)
    subject = ngettext(
        "%(count)s signature: %(title)s", "%(count)s signatures: %(title)s", milestone
    ) % {"count": number_format(milestone, force_grouping=True), "title": letter.title}
    send_mail(subject, body, None, to)
