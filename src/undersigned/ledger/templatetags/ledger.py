from django import template

from undersigned.ledger import receipts
from undersigned.letters.models import Signature

register = template.Library()


@register.simple_tag
def receipt_for(signature: Signature | None) -> str:
    """The signature's log receipt, or '' while it is not logged yet."""
    if signature is None:
        return ""
    receipt = receipts.for_signature(signature)
    return receipt.text if receipt else ""
