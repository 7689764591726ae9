"""Path 4: someone a members' letter is not open to gets a polite refusal, and the page
they see is the one a member sees (it must not reveal who is on the roster)."""

import io

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ROSTER = (
    "membership_number,email,branch,postcode,status,name\n"
    "A001,ada@example.org,northern-tyne,NE1 4ST,active,Ada Lovelace\n"
)


def sign(page, name: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("I agree that my name").check()
    page.get_by_role("button", name="Sign", exact=True).click()


def test_an_ineligible_signer_gets_a_polite_refusal_by_email(page, site, inbox, axe):  # type: ignore[no-untyped-def]
    from undersigned.members import roster

    roster.import_roster(site.org, io.BytesIO(ROSTER.encode()))
    site.org.contact_email = "organisers@example.org"
    site.org.save()
    site.letter.eligibility = "members"
    site.letter.save()

    page.goto(site.letter.get_absolute_url())
    expect(page.locator(".count-box")).to_contain_text("Open to members of Northern Network")
    axe(page, "a members' letter")

    sign(page, "Not A Member", "stranger@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    # The page repeats the address typed (the visitor's own input), nothing more.
    refused_page = page.locator("main").inner_text().replace("stranger@example.org", "ADDRESS")

    refusal = inbox.last_to("stranger@example.org")
    body = refusal.get_payload(decode=True).decode()
    assert "About your signature" in refusal["Subject"]
    assert "This letter is open to members of Northern Network" in body
    assert "organisers@example.org" in body
    assert "/confirm/" not in body

    # A member who signs sees exactly the same page, and gets a link to confirm instead.
    page.goto(site.letter.get_absolute_url())
    sign(page, "Ada Lovelace", "ada@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert page.locator("main").inner_text().replace("ada@example.org", "ADDRESS") == refused_page
    assert "/confirm/" in inbox.link("ada@example.org", "confirm")

    page.goto(site.letter.get_absolute_url())
    expect(page.locator("[data-live-count]")).to_have_text("0")
    assert not site.letter.signatures.filter(email="stranger@example.org").exists()
