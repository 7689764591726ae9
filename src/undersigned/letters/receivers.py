"""How letters answer what lower apps announce."""

from typing import Any

from undersigned.accounts.models import Organisation
from undersigned.letters.models import Signature


def mark_lapsed_signatures(sender: Any, organisation: Organisation, **kwargs: Any) -> None:
    """Signatures stay when their signer's roster entry lapses, but are marked (and unmarked
    if the member comes back)."""
    entries = Signature.objects.filter(roster_entry__organisation=organisation)
    entries.filter(roster_entry__status="lapsed", member_lapsed=False).update(member_lapsed=True)
    entries.filter(roster_entry__status="active", member_lapsed=True).update(member_lapsed=False)
