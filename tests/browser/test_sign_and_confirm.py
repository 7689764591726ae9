"""Path 1: a new visitor signs, confirms from the email and is counted."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_a_visitor_signs_confirms_from_the_email_and_is_counted(
    page, site, inbox, axe, shoot, console
):  # type: ignore[no-untyped-def]
    page.goto(site.letter.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Reinstate Sam Okafor")
    expect(page.locator("[data-live-count]")).to_have_text("0")
    axe(page, "the letter page")
    shoot(page, "1-letter")

    # Nothing filled in: the errors are summarised, announced and focused.
    page.get_by_role("button", name="Sign", exact=True).click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Enter your name.")
    expect(summary).to_contain_text("Tick the box to agree")
    expect(summary).to_be_focused()
    expect(page.get_by_label("Your name")).to_have_attribute("aria-describedby", "id_name-error")
    axe(page, "the sign form with errors")
    shoot(page, "2-sign-form-errors")

    page.get_by_label("Your name").fill("Grace Hopper")
    page.get_by_label("Your email address").fill("grace@example.org")
    page.get_by_label("Role or affiliation (optional)").fill("Shop steward")
    page.get_by_label("Branch (optional)").select_option(label="Tyneside")
    page.get_by_label("I agree that my name").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    axe(page, "the check-your-email page")

    page.goto(inbox.link("grace@example.org", "confirm"))
    expect(page.get_by_text("Grace Hopper")).to_be_visible()
    axe(page, "the confirm page")
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for signing")
    axe(page, "the thank-you page")
    shoot(page, "3-thank-you")

    page.get_by_role("link", name="Reinstate Sam Okafor").click()
    expect(page.locator("[data-live-count]")).to_have_text("1")
    expect(page.locator(".signatories")).to_contain_text("Grace Hopper, Shop steward")
    assert console.errors == []
