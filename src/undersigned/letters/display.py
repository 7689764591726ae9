"""A confirmed signer changes how their signature shows, without withdrawing. The log's
`sign` entry commits to what was shown, so the change is logged as the signature being
withdrawn and signed again at once (as a withdrawal and re-signing would be), and the
count does not move."""

from django.db import transaction

from undersigned.ledger import events
from undersigned.letters import pagecache
from undersigned.letters.models import Letter, Signature, new_salt


def change_display(signature: Signature, display: str) -> bool:
    """False if nothing changed or the signature is not confirmed."""
    display = Signature.Display(display)
    with transaction.atomic():
        locked = Signature.objects.select_for_update().select_related("letter").get(pk=signature.pk)
        if locked.status != Signature.Status.CONFIRMED or locked.display == display:
            return False
        logged = locked.letter.is_public
        if logged:
            events.record(Letter, locked.letter_id, "withdraw", item_id=locked.pk)
        # A fresh salt: the new display record cannot be linked to the old one.
        Signature.objects.filter(pk=locked.pk).update(display=display, display_salt=new_salt())
        if logged:
            events.record(Letter, locked.letter_id, "sign", item_id=locked.pk)
        pagecache.changed([locked.letter.slug])
    signature.refresh_from_db()
    return True
