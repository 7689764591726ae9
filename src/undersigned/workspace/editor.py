"""Saving the letter editor: before publication a plain save; after it, a change to the
title or text goes through letters.versions (a new numbered version with its reason)."""

from django.db import transaction

from undersigned.accounts import audit
from undersigned.accounts.models import Membership
from undersigned.letters import services, versions
from undersigned.letters.models import Letter, LetterVersion
from undersigned.workspace.forms import LetterForm, free_slug

# Everything the form may write besides the text; the text of a published letter only
# changes through a new version.
SETTINGS = [
    "addressee",
    "goal",
    "closes_at",
    "ask_role",
    "ask_branch",
    "eligibility",
    "in_response_to",
    "updated",
]
# Form fields that are not settings of the letter: never listed as changed in the audit log.
NOT_SETTINGS = ("title", "body", "reason", "notify")


def save(form: LetterForm, member: Membership) -> Letter:
    user = member.user
    letter = form.instance
    with transaction.atomic():
        if letter.pk is None:
            letter.organisation = member.organisation
            letter.created_by = user
            form.save()
            audit.record(member.organisation, user, audit.CREATED, letter, title=letter.title)
            return letter
        if not form.published:
            form.save()
            audit.record(member.organisation, user, audit.EDITED, letter, fields=form.changed_data)
            return letter
        text_changed = form.text_changed
        title, body = letter.title, letter.body
        letter.save(update_fields=SETTINGS)
        letter.organisers.set(form.cleaned_data["organisers"])
        letter.eligible_regions.set(form.cleaned_data["eligible_regions"])
        letter.eligible_branches.set(form.cleaned_data["eligible_branches"])
        if text_changed:
            version = versions.new_version(
                letter, title=title, body=body, reason=form.cleaned_data["reason"], by=user
            )
            audit.record(
                member.organisation,
                user,
                audit.NEW_VERSION,
                letter,
                version=version.number,
                reason=version.reason,
            )
            if form.cleaned_data.get("notify"):
                # Queued in this transaction: the job exists only if the version does.
                versions.notify_signers.enqueue(letter.pk, version.number)
        settings_changed = [f for f in form.changed_data if f not in NOT_SETTINGS]
        if settings_changed:
            audit.record(member.organisation, user, audit.EDITED, letter, fields=settings_changed)
        # Moving the closing date into the future reopens a closed letter.
        if letter.status == Letter.Status.CLOSED and "closes_at" in form.changed_data:
            closes_at = form.cleaned_data["closes_at"]
            if closes_at and services.reopen(letter, closes_at):
                audit.record(
                    member.organisation,
                    user,
                    audit.REOPENED,
                    letter,
                    closes_at=closes_at.isoformat(),
                )
    return letter


def duplicate(letter: Letter, member: Membership) -> Letter:
    """A new draft with this letter's text and settings (no signatures, no log)."""
    with transaction.atomic():
        copy = Letter.objects.create(
            organisation=letter.organisation,
            title=letter.title,
            slug=free_slug(letter.title),
            addressee=letter.addressee,
            body=letter.body,
            goal=letter.goal,
            ask_role=letter.ask_role,
            ask_branch=letter.ask_branch,
            eligibility=letter.eligibility,
            created_by=member.user,
        )
        copy.organisers.set(letter.organisers.all())
        copy.eligible_regions.set(letter.eligible_regions.all())
        copy.eligible_branches.set(letter.eligible_branches.all())
        audit.record(member.organisation, member.user, audit.DUPLICATED, copy, source=letter.slug)
    return copy


def delete_draft(letter: Letter, member: Membership) -> bool:
    """Delete a draft with its initial signatories (none is public yet). False if the
    letter was published meanwhile."""
    with transaction.atomic():
        locked = Letter.objects.select_for_update().filter(pk=letter.pk, status=Letter.Status.DRAFT)
        if not locked.exists():
            return False
        audit.record(member.organisation, member.user, audit.DELETED, letter, title=letter.title)
        letter.signatures.all().delete()
        LetterVersion.objects.filter(letter=letter).delete()
        locked.delete()
    return True
