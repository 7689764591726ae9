"""A signer's receipt: proof that their signature is in the letter's log."""

from undersigned.ledger import receipts
from undersigned.ledger.models import Log
from undersigned.letters.models import Letter, Signature


def receipt(signature: Signature) -> receipts.Receipt | None:
    """A signer's receipt against the latest checkpoint, or None while not logged."""
    if signature.log_index is None or not signature.commit_salt:
        return None
    letter_log = Log.objects.of(Letter(pk=signature.letter_id)).first()
    return receipts.for_entry(letter_log, signature.log_index, bytes.fromhex(signature.commit_salt))
