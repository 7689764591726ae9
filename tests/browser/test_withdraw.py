"""Path 2: a signer withdraws with the link from their email."""

import pytest
from playwright.sync_api import expect

from undersigned.letters import services

pytestmark = pytest.mark.browser


def test_a_signer_withdraws_with_the_emailed_link_and_leaves_the_count(
    page, site, inbox, axe, console
):  # type: ignore[no-untyped-def]
    signature = services.sign(site.letter, name="Ada Lovelace", email="ada@example.org")
    services.confirm(signature.uid)
    page.goto(site.letter.get_absolute_url())
    expect(page.locator("[data-live-count]")).to_have_text("1")
    expect(page.locator(".signatories")).to_contain_text("Ada Lovelace")

    page.goto(inbox.link("ada@example.org", "withdraw"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Withdraw your signature")
    axe(page, "the withdraw page")
    page.get_by_role("button", name="Withdraw my signature").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your signature has been withdrawn")
    axe(page, "the withdrawn page")

    page.get_by_role("link", name="Reinstate Sam Okafor").click()
    expect(page.locator("[data-live-count]")).to_have_text("0")
    expect(page.locator(".signatories")).not_to_contain_text("Ada Lovelace")
    assert console.errors == []
