from django import template

from undersigned.letters.models import Signature
from undersigned.letters.receipts import receipt as receipt_of

register = template.Library()


@register.simple_tag
def receipt_for(signature: Signature | None) -> str:
    """The signature's log receipt, or '' while it is not logged yet."""
    if signature is None:
        return ""
    receipt = receipt_of(signature)
    return receipt.text if receipt else ""
