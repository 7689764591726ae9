"""The proof-of-work challenge in a real browser, under the site's CSP: the widget and its
worker load from the site's own static files, solve the challenge, and the signature goes
through; the page has no CSP violation or script error."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_under_attack_the_widget_solves_the_challenge_and_the_signature_goes_through(
    page, site, inbox, axe, shoot, console
):  # type: ignore[no-untyped-def]
    site.letter.under_attack = True
    site.letter.save()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site.letter.get_absolute_url())
    expect(page.locator("altcha-widget")).to_be_attached()
    page.get_by_label("Your name").fill("Grace Hopper")
    page.get_by_label("Your email address").fill("grace@example.org")
    page.get_by_label("I agree that my name").check()
    # The widget solves the challenge by itself (auto="onload") and fills in its answer.
    expect(page.locator('input[name="altcha"]')).not_to_have_value("", timeout=30_000)
    shoot(page, "challenge-solved")
    axe(page, "the sign form with the challenge")
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    assert inbox.link("grace@example.org", "confirm")
    host = site.letter.public_url.split("/l/")[0]
    assert all(url.startswith((page.url.split("/l/")[0], "data:", "blob:")) for url in requests), [
        u for u in requests if not u.startswith(host)
    ]
    assert console.errors == []
