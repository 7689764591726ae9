"""Issue 17, the signer's side, in the browser at phone and desktop sizes, with axe on
every page: sign (with updates), see the address, confirm, share, a stale link, change how
the name shows, withdraw, find people, the changes page, errors and the rate limit."""

import pytest
from playwright.sync_api import expect

from undersigned.letters import services, versions

pytestmark = pytest.mark.browser


def fill_sign_form(page, name: str, email: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_label("Your name").fill(name)
    page.get_by_label("Your email address").fill(email)
    page.get_by_label("I agree that my name").check()


def test_a_signer_signs_confirms_shares_changes_their_name_and_withdraws(
    page, site, inbox, look, console
):  # type: ignore[no-untyped-def]
    page.goto(site.letter.get_absolute_url())
    look(page, "17-letter")
    fill_sign_form(page, "Mary Seacole", "Mary@Example.org")
    page.get_by_label("Email me the organisers' updates").check()
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    expect(page.locator("strong.email")).to_have_text("mary@example.org")
    look(page, "17-check-email")

    confirm = inbox.link("mary@example.org", "confirm")
    page.goto(confirm)
    expect(page.locator(".signing-preview")).to_contain_text("Sam Okafor")
    look(page, "17-confirm")
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for signing")
    share = page.get_by_role("region", name="Now share it")
    for network in ("Email", "WhatsApp", "Telegram", "Bluesky", "Mastodon", "X"):
        expect(share.get_by_role("link", name=network)).to_be_visible()
    expect(share.get_by_role("button", name="Copy link")).to_be_visible()
    look(page, "17-confirmed-share")

    # The used link says what happened.
    page.goto(confirm)
    expect(page.get_by_role("heading", level=1)).to_have_text("Your signature is already confirmed")
    expect(page.get_by_role("button", name="Confirm my signature")).to_have_count(0)
    look(page, "17-confirm-again")

    withdraw = inbox.link("mary@example.org", "withdraw")
    page.goto(withdraw)
    page.get_by_label("My name only").check()
    page.get_by_role("button", name="Save how it shows").click()
    expect(page.get_by_role("status")).to_contain_text("now shows as you chose")
    look(page, "17-withdraw-and-display")
    page.get_by_role("button", name="Withdraw my signature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your signature has been withdrawn")
    page.goto(withdraw)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Your signature was already withdrawn"
    )
    look(page, "17-withdraw-again")
    assert console.errors == []


def test_people_are_found_by_name_and_branch(page, site, look):  # type: ignore[no-untyped-def]
    for number, name in enumerate(["Ada Lovelace", "Grace Hopper", "Alan Turing"]):
        signature = services.sign(site.letter, name=name, email=f"p{number}@example.org")
        services.confirm(signature.uid)
    page.goto(site.letter.get_absolute_url())
    search = page.get_by_role("search", name="Find signatories")
    search.get_by_label("Name").fill("hop")
    search.get_by_role("button", name="Find").click()
    names = page.locator(".signatories .names .name")
    expect(names).to_have_text(["Grace Hopper"])
    look(page, "17-find-signatories")


def test_the_changes_page_shows_a_word_diff_that_wraps_on_a_phone(page, site, look):  # type: ignore[no-untyped-def]
    versions.new_version(
        site.letter,
        title=site.letter.title,
        body=site.letter.body.replace("eleven years", "twelve years"),
        reason="Corrected the years",
        by=None,
    )
    page.goto(f"/l/{site.letter.slug}/changes/")
    diff = page.locator(".diff").first
    expect(diff.locator("ins")).to_contain_text("twelve")
    expect(diff.locator("del")).to_contain_text("eleven")
    assert "**" not in diff.inner_text()
    look(page, "17-changes")


def test_the_form_with_errors_and_the_rate_limit_are_accessible(page, site, settings, look):  # type: ignore[no-untyped-def]
    page.goto(site.letter.get_absolute_url())
    page.get_by_label("Your name").fill("\u200b\u200b")
    page.get_by_role("button", name="Sign", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("letters that can be seen")
    look(page, "17-form-errors")
    settings.SIGN_LIMIT_PER_NETWORK = 0
    fill_sign_form(page, "Late Signer", "late@example.org")
    page.get_by_role("button", name="Sign", exact=True).click()
    alert = page.get_by_role("alert")
    expect(alert.get_by_role("heading")).to_have_text("Your signature was not recorded yet")
    expect(alert).not_to_contain_text("problem with what you entered")
    look(page, "17-rate-limited")


def test_an_initial_signatory_reads_the_draft_before_confirming(page, site, inbox, look):  # type: ignore[no-untyped-def]
    from tests.base import make_letter

    draft = make_letter(site.org, slug="draft", publish=False, title="A draft to read")
    services.sign(draft, name="Founder", email="founder@example.org", is_initial=True)
    page.goto(inbox.link("founder@example.org", "confirm"))
    expect(page.locator(".signing-preview")).to_contain_text("Sam")
    look(page, "17-initial-confirm")
    page.get_by_role("button", name="Confirm my signature").click()
    expect(page.locator(".done")).to_contain_text("once the letter is published")
    look(page, "17-initial-confirmed")


def test_the_home_page_keeps_closed_letters_in_an_archive(page, site, look):  # type: ignore[no-untyped-def]
    from tests.base import make_letter

    old = make_letter(site.org, slug="old", title="An older letter")
    services.close(old)
    page.goto("/")
    archive = page.get_by_role("region", name="Closed letters")
    expect(archive.get_by_role("link", name="An older letter")).to_be_visible()
    look(page, "17-home-archive")
