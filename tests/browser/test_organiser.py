"""Path 3: an organiser logs in, creates, previews and publishes a letter, and sees a new
signature arrive on the dashboard."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE

pytestmark = pytest.mark.browser

BODY = """Dear Board,

We ask for **fair pay** for every care worker, from the next pay round.

- a living wage as the floor;
- paid travel time between visits.
"""


def test_an_organiser_creates_previews_and_publishes_then_sees_a_signature_arrive(
    page, chromium, live_server, site, inbox, axe, shoot, console
):  # type: ignore[no-untyped-def]
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill("organiser@example.org")
    page.get_by_label("Password").fill("password-for-tests")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your letters")

    page.get_by_role("link", name="Create letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New letter")
    page.get_by_label("Title").fill("Fair pay for care workers")
    page.get_by_label("Addressed to").fill("The Board")
    page.get_by_label("Text of the letter").fill(BODY)
    page.get_by_role("button", name="Preview").click()
    preview = page.locator(".preview .letter-body")
    expect(preview.locator("strong")).to_have_text("fair pay")
    axe(page, "the editor with its preview")
    page.get_by_role("button", name="Create letter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fair pay for care workers")
    expect(page.locator(".status")).to_have_text("Draft")

    page.get_by_role("navigation", name="Letter").get_by_role("link", name="Preview").click()
    expect(page.locator("article.preview .letter-body strong")).to_have_text("fair pay")
    page.get_by_role("link", name="Publish", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Publish “Fair pay for care workers”?"
    )
    axe(page, "the publish confirmation")
    page.get_by_role("button", name="Yes, publish it").click()
    expect(page.locator(".status")).to_have_text("Open")
    expect(page.get_by_role("status")).to_contain_text("Published")

    # A member of the public signs in a browser of their own.
    visitor = chromium.new_context(base_url=live_server.url).new_page()
    visitor.goto("/l/fair-pay-for-care-workers/")
    visitor.get_by_label("Your name").fill("Mary Seacole")
    visitor.get_by_label("Your email address").fill("mary@example.org")
    visitor.get_by_label("I agree that my name").check()
    visitor.get_by_role("button", name="Sign", exact=True).click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Check your email")
    visitor.goto(inbox.link("mary@example.org", "confirm"))
    visitor.get_by_role("button", name="Confirm my signature").click()
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Thank you for signing")
    visitor.context.close()

    page.get_by_role("link", name="Workspace").click()
    row = page.locator("tr[data-letter='fair-pay-for-care-workers']")
    expect(row.locator("[data-count]")).to_have_text("1")
    expect(row.locator("[data-last-day]")).to_have_text("1")
    axe(page, "the dashboard")
    shoot(page, "4-dashboard")
    page.set_viewport_size(PHONE)
    axe(page, "the dashboard on a phone")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert console.errors == []
