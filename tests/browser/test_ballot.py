"""A member at the meeting checks in and votes on their phone."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import PHONE
from tests.members.base import csv_file
from tests.motions.test_ballots import EMAILS, MEMBERS, make_motion
from undersigned.members import roster
from undersigned.motions import polls

pytestmark = pytest.mark.browser


def test_a_member_checks_in_and_votes_on_a_phone(page, site, axe, shoot, console):  # type: ignore[no-untyped-def]
    roster.import_roster(site.org, csv_file(MEMBERS.replace("{org}", "northern")))
    motion = make_motion()
    mail.outbox.clear()
    poll = polls.open_poll(motion, EMAILS, secret=True)
    link = re.search(r"https?://\S+(/v/\S+/)", str(mail.outbox[0].body)).group(1)  # type: ignore[union-attr]
    page.set_viewport_size(PHONE)
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Support the porters")
    axe(page, "the ballot page")
    page.get_by_label("The code shown in the room").fill(poll.room_code)
    page.get_by_role("button", name="Check in").click()
    expect(page.get_by_role("status")).to_contain_text("You are checked in")
    page.get_by_label("For", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("You are voting for the motion.")).to_be_visible()
    page.get_by_role("button", name="Cast my vote").click()
    expect(page.get_by_role("heading", name="Your vote is cast")).to_be_visible()
    tracker = page.locator(".tracker code").inner_text()
    assert re.fullmatch(r"[0-9a-f]{32}", tracker)
    axe(page, "the vote cast page")
    shoot(page, "ballot-cast")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    motion.meeting.refresh_from_db()
    assert motion.meeting.present_count == 1
    assert console.errors == []
