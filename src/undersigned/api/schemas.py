from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import ConfigDict, Field

Status = Literal["open", "closed"]


class OrganisationOut(Schema):
    slug: str
    name: str


class LetterSummaryOut(Schema):
    slug: str
    title: str
    organisation: OrganisationOut
    addressee: str
    status: Status
    opens_at: datetime | None
    closes_at: datetime | None
    count: int
    url: str


class LetterListOut(Schema):
    items: list[LetterSummaryOut]
    next: str | None


class GroupCountOut(Schema):
    code: str
    name: str
    count: int


class BranchCountOut(GroupCountOut):
    region: str


class LetterOut(LetterSummaryOut):
    text_html: str
    closed_at: datetime | None
    member_count: int
    counts_by_region: list[GroupCountOut]
    counts_by_branch: list[BranchCountOut]
    version: int
    checkpoint_url: str | None
    share_image_url: str
    embed_url: str


class SignatoryOut(Schema):
    name: str
    role: str
    branch: str | None
    branch_verified: bool
    initial: bool
    branch_code: str | None = Field(
        description="The branch's code, as the log's display record names it."
    )
    display_salt: str | None = Field(
        description="The hex salt of this signature's display commitment: SHA-256 of the "
        "salt and `name <name>\\nrole <role or ->\\nbranch <branch code or ->\\n` is the "
        "`display` line of its sign entry in the letter's log, so anyone can check that the "
        "name and role shown are the ones logged (`undersigned-verify --names`)."
    )


class SignatoryListOut(Schema):
    items: list[SignatoryOut]
    next: str | None
    latest: str | None


class CountOut(Schema):
    slug: str
    count: int
    status: Status


# No control or bidirectional-override characters, and at least one letter or digit (\w
# less _, which Python's and the schema's regex dialects read alike).
_TEXT = r"[^\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]*"
NAME = rf"^{_TEXT}[^\W_]{_TEXT}$"


class SignIn(Schema):
    """The sign form's fields. `branch` is a branch code of the letter's organisation;
    `consent` must be true. `membership_number` and `postcode` are read only on letters
    whose organisation lets members prove membership that way."""

    model_config = ConfigDict(extra="forbid", strict=True)

    # The constraints are published in the schema (so it is exact) but checked by the sign
    # form, so that answers keep its messages.
    name: str = Field(json_schema_extra={"minLength": 1, "maxLength": 200, "pattern": NAME})
    email: str = Field(json_schema_extra={"format": "email", "minLength": 3, "maxLength": 254})
    role: str = ""
    branch: str | None = None
    display: Literal["full", "name", "hidden"] = "full"
    membership_number: str = ""
    postcode: str = ""
    consent: bool
    altcha: str = Field(
        "", description="A solved challenge (see `GET /api/v1/challenge`), when asked for one."
    )


class AcceptedOut(Schema):
    status: Literal["pending"]


class OrganiserLetterOut(Schema):
    slug: str
    title: str
    status: Literal["draft", "open", "closed"]
    count: int
