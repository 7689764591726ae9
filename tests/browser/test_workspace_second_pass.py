"""Issue 17, the organisers' side, in the browser at phone and desktop sizes, with axe on
every workspace page visited: settings and logo, updates and unsubscribe, the response and
goal, confirmations, duplicate and delete, tokens, members pages and the roster check."""

import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from undersigned.accounts.models import Membership, Role
from undersigned.letters import services

pytestmark = pytest.mark.browser


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "#8e44ad").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def owner(site):  # type: ignore[no-untyped-def]
    Membership.objects.filter(user=site.organiser).update(role=Role.OWNER)
    return site.organiser


def test_an_owner_sets_up_the_organisation(page, site, owner, look, console):  # type: ignore[no-untyped-def]
    log_in(page, "organiser@example.org")
    look(page, "17-ws-dashboard")
    page.get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisation settings")
    look(page, "17-ws-settings")
    page.get_by_label("Contact email (optional)").fill("help@example.org")
    page.set_input_files(
        "#id_logo", files=[{"name": "logo.png", "mimeType": "image/png", "buffer": png()}]
    )
    page.get_by_role("button", name="Save settings").click()
    expect(page.get_by_role("status")).to_contain_text("Settings saved")
    expect(page.locator("img.logo-preview")).to_be_visible()
    look(page, "17-ws-settings-saved")
    page.goto(site.letter.get_absolute_url())
    expect(page.locator("img.brand-logo")).to_be_visible()

    # Members pages open clean and wear the workspace.
    for path, name in (
        ("/workspace/northern/members/", "17-ws-members"),
        ("/workspace/northern/members/roster/", "17-ws-roster"),
        ("/workspace/northern/members/import/", "17-ws-structure"),
        ("/workspace/tokens/", "17-ws-tokens"),
        (f"/workspace/share/{site.letter.slug}/", "17-ws-share"),
        ("/workspace/northern/people/", "17-ws-people"),
        ("/workspace/northern/audit/", "17-ws-audit"),
    ):
        page.goto(path)
        expect(page.locator(".error-summary")).to_have_count(0)
        expect(page.get_by_role("link", name="Workspace")).to_be_visible()
        look(page, name)
    assert console.errors == []


def test_a_roster_that_would_lapse_most_members_waits_for_confirmation(page, site, owner, look):  # type: ignore[no-untyped-def]
    from tests.members.base import HEADER, csv_file
    from undersigned.members import roster
    from undersigned.members.models import RosterEntry

    full = HEADER + "".join(f"N{n:03},m{n}@example.org,northern-tyne,,,\n" for n in range(60))
    roster.import_roster(site.org, csv_file(full))
    log_in(page, "organiser@example.org")
    page.goto("/workspace/northern/members/roster/")
    one_row = (HEADER + "N000,m0@example.org,northern-tyne,,,\n").encode()
    page.set_input_files(
        "#id_file", files=[{"name": "partial.csv", "mimeType": "text/csv", "buffer": one_row}]
    )
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_role("alert")).to_contain_text("would mark 59 of the 60 active members")
    look(page, "17-ws-roster-held")
    assert RosterEntry.objects.filter(status="lapsed").count() == 0


def test_a_token_page_reload_makes_no_second_token(page, site, look):  # type: ignore[no-untyped-def]
    from undersigned.api.models import ApiToken

    log_in(page, "organiser@example.org")
    page.goto("/workspace/tokens/")
    page.get_by_label("What the token is for").fill("Newsroom")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("status")).to_contain_text("will not be shown again")
    page.reload()
    expect(page.get_by_role("status")).to_have_count(0)
    assert ApiToken.objects.count() == 1
    look(page, "17-ws-token-created")


def test_organisers_send_an_update_record_a_response_and_manage_letters(
    page, site, inbox, look, console
):  # type: ignore[no-untyped-def]
    signature = services.sign(
        site.letter, name="Ada Lovelace", email="ada@example.org", wants_updates=True
    )
    services.confirm(signature.uid)
    log_in(page, "organiser@example.org")
    base = f"/workspace/northern/letters/{site.letter.slug}/"

    page.goto(base + "updates/")
    look(page, "17-ws-updates")
    page.get_by_label("Subject").fill("We delivered the letter")
    page.get_by_label("Message").fill("We handed it to the committee this morning.")
    page.get_by_role("button", name="Send the update").click()
    expect(page.get_by_role("status")).to_contain_text("on its way")
    message = inbox.last_to("ada@example.org")
    assert message["Subject"] == "We delivered the letter"
    assert "/unsubscribe/" in message["List-Unsubscribe"]
    page.get_by_role("textbox", name="The addressee's response").fill(
        "We will hold a **hearing** on Monday."
    )
    page.get_by_role("button", name="Save the response").click()
    expect(page.get_by_role("status")).to_contain_text("response is shown")
    look(page, "17-ws-updates-sent")

    unsubscribe = inbox.link("ada@example.org", "unsubscribe")
    page.goto(unsubscribe)
    look(page, "17-unsubscribe")
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You will get no more emails about this letter"
    )

    page.goto(base + "edit/")
    page.get_by_label("Goal (optional)").fill("200")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    page.goto(site.letter.get_absolute_url())
    expect(
        page.get_by_role("region", name="The response from The Regional Committee")
    ).to_contain_text("hearing")
    expect(page.locator("progress#goal-progress")).to_have_attribute("max", "200")
    look(page, "17-letter-goal-response")

    page.goto(base + "close/")
    expect(page.get_by_role("button", name="Yes, close it")).to_be_visible()
    look(page, "17-ws-close-confirm")
    page.get_by_role("button", name="Yes, close it").click()
    expect(page.locator(".status")).to_have_text("Closed")
    expect(page.locator("dl.summary")).not_to_contain_text("Closes")
    look(page, "17-ws-closed-overview")

    page.get_by_role("link", name="Duplicate as a new draft…").click()
    look(page, "17-ws-duplicate-confirm")
    page.get_by_role("button", name="Make a copy").click()
    expect(page.get_by_role("status")).to_contain_text("new draft")
    look(page, "17-ws-duplicate-edit")
    page.get_by_role("navigation", name="Letter").get_by_role("link", name="Overview").click()
    page.get_by_role("link", name="Delete this draft…").click()
    look(page, "17-ws-delete-confirm")
    page.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your letters")
    assert console.errors == []
