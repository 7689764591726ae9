"""Ballot links: a signed token naming the voter's row, so no secret is stored."""

from django.core import signing

from undersigned.motions.models import Voter

SALT = "undersigned.motions.ballot"


def token_for(voter: Voter) -> str:
    return signing.dumps({"v": voter.pk}, salt=SALT)


def voter_for(token: str) -> Voter | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("v"), int):
        return None
    return Voter.objects.select_related("poll__motion__meeting__body").filter(pk=data["v"]).first()
