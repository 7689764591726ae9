"""Text versions: after publication the text never changes silently. Each edit is a new
numbered LetterVersion with a reason, logged in the letter's verifiable log."""

import difflib
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from undersigned.ledger import events
from undersigned.letters import pagecache, tokens, translations, wordiff
from undersigned.letters.markdown import render_markdown
from undersigned.letters.models import Letter, LetterVersion, Signature


class NothingChanged(Exception):
    """The submitted title and text are those of the current version."""


def new_version(
    letter: Letter, *, title: str, body: str, reason: str, by: User | None
) -> LetterVersion:
    """Store a new version of a published letter's text and make it current."""
    if not reason.strip():
        raise ValueError("a new version needs a reason")
    with transaction.atomic():
        locked = Letter.objects.select_for_update().get(pk=letter.pk)
        if locked.title == title and locked.body == body:
            raise NothingChanged
        number = locked.version + 1
        # The first published text is version 1; make sure it is on record before v2.
        LetterVersion.objects.get_or_create(
            letter=locked,
            number=locked.version,
            defaults={"title": locked.title, "body": locked.body},
        )
        version = LetterVersion.objects.create(
            letter=locked,
            number=number,
            title=title,
            body=body,
            reason=reason.strip(),
            created_by=by,
        )
        Letter.objects.filter(pk=letter.pk).update(title=title, body=body, version=F("version") + 1)
        events.record(Letter, letter.pk, "text", version=number)
        pagecache.changed([letter.slug])
    letter.refresh_from_db()
    return version


@dataclass
class Change:
    version: LetterVersion
    diff: list[wordiff.Block]  # the changed paragraphs, word by word, as readers see them

    @property
    def body_html(self) -> str:
        return render_markdown(self.version.body)


def diff_lines(old: str, new: str) -> list[tuple[str, str]]:
    """A line diff with three lines of context, for the changes page."""
    lines: list[tuple[str, str]] = []
    before, after = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for group in matcher.get_grouped_opcodes(3):
        if lines:
            lines.append(("skip", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(("same", line) for line in before[i1:i2])
                continue
            lines.extend(("del", line) for line in before[i1:i2])
            lines.extend(("add", line) for line in after[j1:j2])
    return lines


def changes(letter: Letter) -> list[Change]:
    """Every version, newest first, each with its diff against the one before."""
    found: list[Change] = []
    previous: LetterVersion | None = None
    for version in letter.versions.order_by("number"):
        if previous is None:
            diff: list[wordiff.Block] = []
        else:
            diff = wordiff.word_diff(
                wordiff.blocks_of(previous.title, previous.body),
                wordiff.blocks_of(version.title, version.body),
            )
        found.append(Change(version, diff))
        previous = version
    return found[::-1]


@task
def notify_signers(letter_id: int, number: int) -> None:
    """Email every confirmed signer about version `number` (ids only in the task queue)."""
    letter = Letter.objects.select_related("organisation").get(pk=letter_id)
    version = letter.versions.get(number=number)
    changes_url = settings.BASE_URL + reverse("letters:changes", args=[letter.slug])
    signers = letter.signatures.filter(status=Signature.Status.CONFIRMED).exclude(email="")
    last = 0
    while batch := list(signers.filter(id__gt=last).order_by("id")[:500]):
        for signature in batch:
            withdraw = tokens.make(signature.uid, tokens.WITHDRAW)
            with translation.override(signature.language or settings.LANGUAGE_CODE):
                title = translations.shown(letter).title
                context = {
                    "letter": letter,
                    "signature": signature,
                    "title": title,
                    "reason": version.reason,
                    "changes_url": changes_url,
                    "withdraw_url": settings.BASE_URL
                    + reverse("letters:withdraw", args=[letter.slug, withdraw]),
                }
                body = render_to_string("letters/email/text_changed.txt", context)
                subject = _("The text has changed: %(title)s") % {"title": title}
            send_mail(subject, body, None, [signature.email])
        last = batch[-1].pk
