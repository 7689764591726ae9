"""The only ways in: the form views, the API, the workspace and the tests all call these."""

import enum
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy

from undersigned.accounts.models import Branch
from undersigned.ledger import events
from undersigned.letters import invitations, pagecache, tasks, translations
from undersigned.letters.models import Letter, LetterVersion, Refusal, Signature, new_salt
from undersigned.lib import clock, ratelimit
from undersigned.lib.emails import normalise_email
from undersigned.lib.network import network_hash
from undersigned.members import digests, eligibility
from undersigned.members.models import RosterEntry


class LetterClosed(Exception):
    """Signing is refused: the letter is not open."""


class NotEligible(Exception):
    """Signing is refused and the page may say why (str(exc)): raised only where that reveals
    nothing about who is on the roster (a membership number and postcode that do not match).
    A refusal by email address is not raised: it is emailed, and sign() returns None."""


class Confirmed(enum.StrEnum):
    NOW = "confirmed"
    ALREADY = "already"
    CLOSED = "closed"
    GONE = "gone"  # withdrawn, removed or erased: nothing to confirm
    MEMBER_USED = "member-used"  # the roster entry vouches for another live signature


class Withdrawn(enum.StrEnum):
    NOW = "withdrawn"
    ALREADY = "already"


def sign(
    letter: Letter,
    *,
    name: str,
    email: str,
    role: str = "",
    branch: Branch | None = None,
    display: str = Signature.Display.FULL,
    ip: str = "",
    is_initial: bool = False,
    wants_updates: bool = False,
    membership_number: str = "",
    postcode: str = "",
    language: str = "",
    text_language: str = "",
) -> Signature | None:
    """Record a pending signature and email a confirmation link, or, for an email that has
    signed already, email a reminder instead, or, for someone the letter is not open to,
    email a polite refusal (and return None). The caller's response must not depend on
    which of these happened (no probing who signed, nor who is on the roster)."""
    if not letter.is_open() and not (is_initial and letter.status == Letter.Status.DRAFT):
        raise LetterClosed
    email = normalise_email(email)
    verdict = eligibility.check(
        letter.audience(), email=email, number=membership_number, postcode=postcode, ip=ip
    )
    if not verdict.eligible:
        if verdict.message:
            raise NotEligible(verdict.message)
        _refuse(letter, email, language or get_language() or settings.LANGUAGE_CODE)
        return None
    # The signer's language (their emails) and the text they were shown in it.
    language = language or get_language() or settings.LANGUAGE_CODE
    if verdict.entry is not None and _vouches_for_another(letter, verdict.entry.pk, email):
        # One roster entry vouches for one live signature per letter. Told by email, like
        # every refusal, so the page says nothing about who has signed.
        _refuse(letter, email, language, tasks.send_member_used)
        return None
    text = translations.shown(letter, text_language or language)
    # A verified member's branch and region come from the roster, never from the form.
    roster: dict[str, Any] = {}
    if verdict.entry is not None:
        branch = verdict.entry.branch
        roster = {
            "branch_verified": True,
            "member": verdict.member,
            "roster_entry": verdict.entry,
            "member_lapsed": False,
        }
    try:
        signature = _insert(
            letter=letter,
            name=name,
            email=email,
            role=role,
            branch=branch,
            region=branch.region if branch else None,
            display=display,
            version=text.version,
            language=language,
            text_language=text.language,
            is_initial=is_initial,
            wants_updates=wants_updates,
            network_hash=network_hash(ip),
            # A new row has sent nothing yet: its first email is counted in the INSERT
            # rather than by _send()'s UPDATE and rate limit (one query and one Redis
            # round trip less on the busiest path; _send() allows for it).
            emails_sent=1,
            # ... and owed in the same row, so that one durable statement both records the
            # signature and commits us to emailing it (see queue_owed_confirmations).
            confirmation_owed=True,
            **roster,
        )
    except IntegrityError:
        # The unique constraint caught a second signature for this email, perhaps from a
        # concurrent request: fall through to the existing row.
        pass
    else:
        if clock.without_worker():
            queue_owed_confirmations()  # no worker's clock will: email now
        return signature
    with transaction.atomic():
        signature = Signature.objects.select_for_update().get(letter=letter, email=email)
        if signature.status in (Signature.Status.WITHDRAWN, Signature.Status.PENDING):
            # Signing again after withdrawing starts over, with the new details; so does a
            # new submission for an unconfirmed signature (the link confirms the latest).
            signature.name, signature.role, signature.display = name, role, display
            signature.wants_updates, signature.reminded_at = wants_updates, None
            signature.branch, signature.region = branch, branch.region if branch else None
            signature.status, signature.withdrawn_at = Signature.Status.PENDING, None
            signature.version, signature.text_language = text.version, text.language
            signature.language = language
            signature.branch_verified, signature.member = False, Signature.Member.NO
            signature.roster_entry, signature.member_lapsed = None, False
            # Fresh salts: the new sign entry must not share a commitment with the old one.
            signature.commit_salt, signature.display_salt = new_salt(), new_salt()
            for field, value in roster.items():
                setattr(signature, field, value)
            signature.save()
            _send(signature, tasks.send_confirmation)
        elif signature.status == Signature.Status.CONFIRMED:
            _send(signature, tasks.send_already_signed)
        return signature


def _vouches_for_another(letter: Letter, entry_id: int, email: str) -> bool:
    """Whether this roster entry already vouches for a confirmed signature of the letter
    with another email address."""
    return (
        letter.signatures.filter(roster_entry_id=entry_id, status=Signature.Status.CONFIRMED)
        .exclude(email=email)
        .exists()
    )


def _insert(**fields: Any) -> Signature:
    """One INSERT: autocommitted on its own (no BEGIN and COMMIT round trips), or in a
    savepoint inside a caller's transaction, which a duplicate must not break."""
    if transaction.get_connection().in_atomic_block:
        with transaction.atomic():
            return Signature.objects.create(**fields)
    return Signature.objects.create(**fields)


def queue_owed_confirmations(batch: int = 500, batches: int = 10) -> int:
    """Clock job (every second): queue the confirmation email of each signature that is
    owed one. Claimed and queued in one transaction, rows locked (and skipped by another
    worker doing the same), so each owed email is queued once and none is lost. At most
    `batches` batches a run, so that a backlog (after the worker was down) does not hold up
    the clock's other jobs: the next run goes on."""
    queued = 0
    for _ in range(batches):
        with transaction.atomic():
            owed = list(
                Signature.objects.select_for_update(skip_locked=True)
                .filter(confirmation_owed=True)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch]
            )
            Signature.objects.filter(pk__in=owed).update(confirmation_owed=False)
            for pk in owed:
                tasks.send_confirmation.enqueue(pk)
        queued += len(owed)
        if len(owed) < batch:
            break
    return queued


def _refuse(
    letter: Letter, email: str, language: str, task: tasks.RefusalTask | None = None
) -> None:
    """Email an ineligible signer which group the letter is open to (or another refusal),
    a few times at most (the address goes into a Refusal row that the task deletes once
    sent)."""
    key = digests.current_key(letter.organisation_id).email(email)
    if ratelimit.hit(f"refusal:{letter.pk}:{key}", settings.MAX_EMAILS_PER_SIGNATURE, 86400):
        with transaction.atomic():
            refusal = Refusal.objects.create(letter=letter, email=email, language=language)
            (task or tasks.send_not_eligible).enqueue(refusal.pk)


def _email_key(signature: Signature) -> str:
    return f"signature-emails:{signature.pk}"


def _send(signature: Signature, task: tasks.SignatureTask) -> bool:
    """Queue an email about this signature, at most MAX_EMAILS_PER_SIGNATURE in each
    SIGNATURE_EMAIL_WINDOW: a window, not a lifetime, so that nobody can use up someone
    else's emails for good by submitting their address."""
    limit, window = settings.MAX_EMAILS_PER_SIGNATURE, settings.SIGNATURE_EMAIL_WINDOW
    if signature.created > timezone.now() - timedelta(seconds=window):
        limit -= 1  # the first email, sent when the row was made, counts in its window
    if not ratelimit.hit(_email_key(signature), limit, window):
        return False
    Signature.objects.filter(pk=signature.pk).update(emails_sent=F("emails_sent") + 1)
    # Inside the caller's transaction: with the database task backend the job commits or
    # rolls back with the signature itself.
    task.enqueue(signature.pk)
    return True


def confirm_outcome(signature: Signature) -> Confirmed | None:
    """Why confirming this signature would change nothing (None: it would confirm it now).
    Initial signatories confirm while the letter is a draft; once it is published they are
    held to its closing like everyone else."""
    if signature.erased_at:
        return Confirmed.GONE
    if signature.status == Signature.Status.CONFIRMED:
        return Confirmed.ALREADY
    if signature.status != Signature.Status.PENDING:
        return Confirmed.GONE
    letter = signature.letter
    if not letter.is_open() and not (signature.is_initial and not letter.is_public):
        return Confirmed.CLOSED
    return None


def confirm(uid: uuid.UUID, letter: Letter | None = None) -> tuple[Confirmed, Signature | None]:
    """Confirm the signature with this uid (of `letter` only, when given: the letter of the
    link, as the caller has read it)."""
    with transaction.atomic():
        # The signature's row only: a join to the letter would lock the letter's row too
        # (FOR UPDATE locks every joined row) and queue every confirmation of the letter
        # behind this whole transaction; the counter's UPDATE below locks it for less time.
        signatures = Signature.objects.select_for_update().filter(uid=uid)
        if letter is not None:
            signatures = signatures.filter(letter=letter)
        signature = signatures.first()
        if signature is None:
            return Confirmed.GONE, None
        signature.letter = letter or Letter.objects.select_related("organisation").get(
            pk=signature.letter_id
        )
        if (refused := confirm_outcome(signature)) is not None:
            return refused, signature
        letter = signature.letter
        if signature.roster_entry_id is not None:
            # Lock the roster entry so two confirmations vouched for by it queue up, and
            # the second sees the first.
            list(
                RosterEntry.objects.select_for_update()
                .filter(pk=signature.roster_entry_id)
                .values("pk")
            )
            if _vouches_for_another(letter, signature.roster_entry_id, signature.email):
                return Confirmed.MEMBER_USED, signature
        signature.status = Signature.Status.CONFIRMED
        signature.confirmed_at = timezone.now()
        signature.save(update_fields=["status", "confirmed_at"])
        _moderate(signature)
        if letter.is_public:
            events.record(Letter, letter.pk, "sign", item_id=signature.pk)
        # The counter last: from its UPDATE to the commit the letter's row is locked, and
        # every other confirmation of the letter waits for it.
        _count(signature, +1)
        if clock.without_worker():
            _milestones(signature)  # else the worker's clock claims them
    return Confirmed.NOW, signature


def withdraw(uid: uuid.UUID) -> tuple[Withdrawn, Signature | None]:
    """Honoured at once, whatever the signature's state; no moderator is involved."""
    with transaction.atomic():
        signature = Signature.objects.select_for_update().filter(uid=uid).first()
        if signature is None:
            return Withdrawn.ALREADY, None
        if signature.status == Signature.Status.WITHDRAWN:
            return Withdrawn.ALREADY, signature
        was_counted = signature.status == Signature.Status.CONFIRMED
        was_logged = signature.status in (Signature.Status.CONFIRMED, Signature.Status.REMOVED)
        signature.status = Signature.Status.WITHDRAWN
        signature.withdrawn_at = timezone.now()
        signature.save(update_fields=["status", "withdrawn_at"])
        # A fresh start: the signer may sign again and be emailed at once.
        ratelimit.reset(_email_key(signature))
        if was_counted:
            _count(signature, -1)
        if was_logged and signature.letter.is_public:
            events.record(Letter, signature.letter_id, "withdraw", item_id=signature.pk)
    return Withdrawn.NOW, signature


def _count(signature: Signature, delta: int, removed: int = 0) -> None:
    """Move the letter's counters by delta (and its removed-by-moderators count by
    `removed`), in the caller's transaction: an atomic UPDATE, so concurrent confirmations
    never lose an increment."""
    # Every change of the count is a change of the public list and pages too (before the
    # UPDATE, so that the cache's round trip is not made while holding the row's lock).
    pagecache.changed([signature.letter.slug], counts_only=True)
    changes = {"confirmed_count": F("confirmed_count") + delta}
    if signature.member != Signature.Member.NO:
        changes["member_count"] = F("member_count") + delta
    if removed:
        changes["removed_count"] = F("removed_count") + removed
    Letter.objects.filter(pk=signature.letter_id).update(**changes)


def publish(letter: Letter) -> bool:
    """Draft -> open. Logs version 1 of the text, then the initial signatories who have
    already confirmed. Returns False if the letter was not a draft."""
    with transaction.atomic():
        now = timezone.now()
        if not Letter.objects.filter(pk=letter.pk, status=Letter.Status.DRAFT).update(
            status=Letter.Status.OPEN, opens_at=now, closed_at=None
        ):
            return False
        letter.refresh_from_db()
        LetterVersion.objects.get_or_create(
            letter=letter,
            number=letter.version,
            defaults={"title": letter.title, "body": letter.body},
        )
        events.record(Letter, letter.pk, "text", version=letter.version)
        pagecache.changed([letter.slug])
        translations.log_current(letter)
        for signature_id in (
            letter.signatures.filter(status=Signature.Status.CONFIRMED)
            .order_by("confirmed_at", "id")
            .values_list("id", flat=True)
        ):
            events.record(Letter, letter.pk, "sign", item_id=signature_id)
        invitations.after_publish(letter)
    return True


def close(letter: Letter) -> bool:
    """Open -> closed, by hand or when closes_at passes. Returns False if it was not open."""
    closed = Letter.objects.filter(pk=letter.pk, status=Letter.Status.OPEN).update(
        status=Letter.Status.CLOSED, closed_at=timezone.now()
    )
    pagecache.changed([letter.slug])
    letter.refresh_from_db()
    return bool(closed)


def close_due_letters() -> int:
    """Close every open letter whose closing time has passed (run by the worker's clock).
    Cached pages need no telling: each one built while the letter was open expired at
    its closing time (pagecache.valid_until), and it looks the same closed."""
    now = timezone.now()
    return Letter.objects.filter(status=Letter.Status.OPEN, closes_at__lte=now).update(
        status=Letter.Status.CLOSED, closed_at=F("closes_at")
    )


def forget_stale_refusals() -> int:
    """Delete refusal addresses whose email never went (a task lost): kept a day at most."""
    deleted, _ = Refusal.objects.filter(created__lt=timezone.now() - timedelta(days=1)).delete()
    return deleted


def erase(signature: Signature) -> None:
    """Personal-data erasure: forget the signer's email, name, role, salts and display
    record, but keep the signature's status and its log entry, so the log and the count
    stay valid. (Without the salt, nobody can link the entry to the person any more.)"""
    with transaction.atomic():
        Signature.objects.filter(pk=signature.pk).update(
            email="",
            name="",
            role="",
            commit_salt="",
            display_salt="",
            display=Signature.Display.HIDDEN,
            network_hash="",
            removal_note="",
            erased_at=timezone.now(),
        )
        pagecache.changed([signature.letter.slug])
    signature.refresh_from_db()


# --- Moderation and the letter's later life (the organiser workspace) ---


class RemovalReason(enum.StrEnum):
    """Why a moderator removed a signature: the code goes in the public log."""

    SPAM = "spam"
    DUPLICATE = "duplicate"
    IMPERSONATION = "impersonation"
    ABUSIVE = "abusive"
    NOT_ELIGIBLE = "not-eligible"
    OTHER = "other"


REMOVAL_LABELS = {
    RemovalReason.SPAM: gettext_lazy("Spam or automated signing"),
    RemovalReason.DUPLICATE: gettext_lazy("Same person signed twice"),
    RemovalReason.IMPERSONATION: gettext_lazy("Signed in someone else's name"),
    RemovalReason.ABUSIVE: gettext_lazy("Abusive or offensive name"),
    RemovalReason.NOT_ELIGIBLE: gettext_lazy("Not eligible to sign this letter"),
    RemovalReason.OTHER: gettext_lazy("Other (see note)"),
}


def _moderate(signature: Signature) -> None:
    """Moderation rules, in the confirming transaction."""
    from undersigned.letters import moderation

    moderation.check(signature)


def _milestones(signature: Signature) -> None:
    """Milestone emails, once the count has moved (without a worker: see CLOCK_JOBS)."""
    from undersigned.letters import milestones

    milestones.check(signature.letter_id)


def remove(signature: Signature, by: User | None, reason: str, note: str = "") -> bool:
    """Confirmed -> removed by a moderator: it leaves the public list and the count, and
    the log records the reason code. Nothing is deleted. False if it was not confirmed."""
    reason = RemovalReason(reason)
    with transaction.atomic():
        if not Signature.objects.filter(pk=signature.pk, status=Signature.Status.CONFIRMED).update(
            status=Signature.Status.REMOVED,
            removed_at=timezone.now(),
            removed_by=by,
            removal_reason=reason.value,
            removal_note=note[:500],
        ):
            return False
        _count(signature, -1, removed=+1)
        if signature.letter.is_public:
            events.record(
                Letter, signature.letter_id, "remove", item_id=signature.pk, reason=reason.value
            )
    signature.refresh_from_db()
    return True


def restore(signature: Signature, by: User | None) -> bool:
    """Removed -> confirmed again (a moderator's mistake undone); the audit log and the
    ledger keep the removal on record."""
    with transaction.atomic():
        if not Signature.objects.filter(pk=signature.pk, status=Signature.Status.REMOVED).update(
            status=Signature.Status.CONFIRMED,
            review=Signature.Review.APPROVED,
            removed_at=None,
            removed_by=None,
            removal_reason="",
            removal_note="",
        ):
            return False
        _count(signature, +1, removed=-1)
        if signature.letter.is_public:
            events.record(Letter, signature.letter_id, "restore", item_id=signature.pk)
    signature.refresh_from_db()
    return True


def approve(signature: Signature, by: User | None) -> bool:
    """A moderator looked at a flagged signature and keeps it. Nothing public changes."""
    approved = Signature.objects.filter(pk=signature.pk, status=Signature.Status.CONFIRMED).update(
        review=Signature.Review.APPROVED
    )
    signature.refresh_from_db()
    return bool(approved)


def reopen(letter: Letter, closes_at: datetime | None) -> bool:
    """Closed -> open again with a new closing date in the future (or none). Returns False
    if the letter was not closed or the date is not in the future."""
    if closes_at is not None and closes_at <= timezone.now():
        return False
    with transaction.atomic():
        reopened = Letter.objects.filter(pk=letter.pk, status=Letter.Status.CLOSED).update(
            status=Letter.Status.OPEN, closes_at=closes_at, closed_at=None
        )
        pagecache.changed([letter.slug])
    letter.refresh_from_db()
    return bool(reopened)
