from django import template
from django.conf import settings

from undersigned.ledger import receipts
from undersigned.letters.models import Letter, Signature

register = template.Library()


@register.simple_tag
def receipt_for(signature: Signature | None) -> str:
    """The signature's log receipt, or '' while it is not logged yet."""
    if signature is None:
        return ""
    receipt = receipts.for_signature(signature)
    return receipt.text if receipt else ""


@register.simple_tag
def letter_address(letter: Letter) -> str:
    return settings.BASE_URL + letter.get_absolute_url()
