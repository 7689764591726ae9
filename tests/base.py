"""Ready-made people and a letter, so every test starts from one line."""

import re
from typing import Any

from django.contrib.auth.models import User
from django.core import mail
from django.test import TestCase

from undersigned.accounts.models import Branch, Membership, Organisation, Region, Role
from undersigned.letters import services
from undersigned.letters.models import Letter, Signature

LINK = re.compile(r"https?://\S+/l/[\w-]+/(confirm|withdraw)/\S+/")


def make_org(slug: str = "northern", name: str = "Northern Network") -> Organisation:
    org = Organisation.objects.create(slug=slug, name=name)
    north = Region.objects.create(organisation=org, code=f"{slug}-n", name="North")
    south = Region.objects.create(organisation=org, code=f"{slug}-s", name="South")
    Branch.objects.create(organisation=org, region=north, code=f"{slug}-tyne", name="Tyneside")
    Branch.objects.create(organisation=org, region=north, code=f"{slug}-wear", name="Wearside")
    Branch.objects.create(organisation=org, region=south, code=f"{slug}-york", name="York")
    return org


def make_user(username: str, org: Organisation | None = None, role: str = "") -> User:
    user = User.objects.create_user(username, username, "password-for-tests")
    if org and role:
        Membership.objects.create(user=user, organisation=org, role=role)
    return user


def make_letter(
    org: Organisation, slug: str = "solidarity", publish: bool = True, **fields: Any
) -> Letter:
    fields.setdefault("title", "Solidarity with Sam")
    fields.setdefault("body", "We stand with **Sam**.")
    fields.setdefault("addressee", "The Regional Committee")
    letter = Letter.objects.create(organisation=org, slug=slug, **fields)
    if publish:
        services.publish(letter)
        letter.refresh_from_db()
    return letter


def links_in(message: mail.EmailMessage) -> dict[str, str]:
    """The confirm and withdraw links of an email, as paths."""
    found = {}
    for match in LINK.finditer(str(message.body)):
        found[match.group(1)] = match.group(0).split("://", 1)[1].split("/", 1)[1]
    return {kind: "/" + path for kind, path in found.items()}


class BaseTestCase(TestCase):
    """An organisation with an owner, an organiser and a moderator; a second organisation
    with its own owner; a stranger with no role; an open letter of the first."""

    def setUp(self) -> None:
        super().setUp()
        self.org = make_org()
        self.owner = make_user("owner@example.org", self.org, Role.OWNER)
        self.organiser = make_user("organiser@example.org", self.org, Role.ORGANISER)
        self.moderator = make_user("moderator@example.org", self.org, Role.MODERATOR)
        self.other_org = make_org("southern", "Southern Society")
        self.other_owner = make_user("other@example.org", self.other_org, Role.OWNER)
        self.stranger = make_user("stranger@example.org")
        self.letter = make_letter(self.org)
        self.letter.organisers.add(self.organiser)
        self.tyneside = Branch.objects.get(code="northern-tyne")

    def sign_form(self, **overrides: Any) -> dict[str, Any]:
        data = {
            "name": "Ada Lovelace",
            "email": "ada@example.org",
            "role": "Steward",
            "branch": self.tyneside.pk,
            "display": "full",
            "consent": "on",
        }
        data.update(overrides)
        return {k: v for k, v in data.items() if v is not None}

    def sign(self, letter: Letter | None = None, **overrides: Any) -> Any:
        letter = letter or self.letter
        return self.client.post(f"/l/{letter.slug}/", self.sign_form(**overrides))

    def sign_and_confirm(self, letter: Letter | None = None, **overrides: Any) -> Signature:
        """Sign through the form and press the button in the email, as a signer would."""
        letter = letter or self.letter
        mail.outbox.clear()
        self.sign(letter, **overrides)
        links = links_in(mail.outbox[-1])
        self.client.post(links["confirm"])
        email = overrides.get("email", "ada@example.org")
        return Signature.objects.get(letter=letter, email=email.lower())
