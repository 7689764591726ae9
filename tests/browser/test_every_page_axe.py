"""axe on every public and workspace page, at phone and desktop sizes (issue 17, #12):
nothing serious or critical, and nothing scrolls sideways."""

import pytest

from tests.browser.conftest import log_in
from undersigned.accounts.models import Membership, Role
from undersigned.letters import services

pytestmark = pytest.mark.browser


def test_every_public_page_passes_axe(page, site, look):  # type: ignore[no-untyped-def]
    signature = services.sign(site.letter, name="Ada Lovelace", email="ada@example.org")
    services.confirm(signature.uid)
    slug = site.letter.slug
    for path, name in (
        ("/", "axe-home"),
        (f"/l/{slug}/", "axe-letter"),
        (f"/l/{slug}/?find-q=ada", "axe-letter-search"),
        (f"/l/{slug}/signed/", "axe-check-email"),
        (f"/l/{slug}/changes/", "axe-changes"),
        (f"/l/{slug}/print/", "axe-print"),
        (f"/l/{slug}/embed", "axe-embed"),
        (f"/l/{slug}/confirm/forged/", "axe-link-problem"),
        ("/accounts/login/", "axe-login"),
        ("/accounts/password/reset/", "axe-password-reset"),
    ):
        page.goto(path)
        look(page, name)


def test_every_workspace_page_passes_axe(page, site, look):  # type: ignore[no-untyped-def]
    Membership.objects.filter(user=site.organiser).update(role=Role.OWNER)
    signature = services.sign(site.letter, name="123456", email="num@example.org")
    services.confirm(signature.uid)  # flagged: only digits
    from tests.base import make_letter

    make_letter(site.org, slug="a-draft", publish=False, title="A draft")
    closed = make_letter(site.org, slug="closed", title="Closed letter")
    services.close(closed)
    log_in(page, "organiser@example.org")
    letter = f"/workspace/northern/letters/{site.letter.slug}/"
    for path, name in (
        ("/workspace/", "axe-ws-dashboard"),
        ("/workspace/northern/letters/new/", "axe-ws-new"),
        (letter, "axe-ws-letter"),
        (letter + "edit/", "axe-ws-edit"),
        (letter + "preview/", "axe-ws-preview"),
        (letter + "updates/", "axe-ws-updates"),
        (letter + "moderation/", "axe-ws-moderation"),
        (letter + f"signatures/{signature.pk}/remove/", "axe-ws-remove"),
        (letter + "export/", "axe-ws-export"),
        (letter + "statistics/", "axe-ws-statistics"),
        (letter + "close/", "axe-ws-close"),
        (letter + "duplicate/", "axe-ws-duplicate"),
        ("/workspace/northern/letters/a-draft/", "axe-ws-draft"),
        ("/workspace/northern/letters/a-draft/publish/", "axe-ws-publish"),
        ("/workspace/northern/letters/a-draft/delete/", "axe-ws-delete"),
        ("/workspace/northern/letters/closed/", "axe-ws-closed"),
        (f"/workspace/northern/members/invited/{site.letter.slug}/", "axe-ws-invited"),
        ("/workspace/northern/members/", "axe-ws-members"),
        ("/workspace/northern/people/", "axe-ws-people"),
        ("/workspace/northern/audit/", "axe-ws-audit"),
        ("/workspace/northern/settings/", "axe-ws-settings"),
        ("/workspace/tokens/", "axe-ws-tokens"),
        (f"/workspace/share/{site.letter.slug}/", "axe-ws-share"),
        ("/accounts/password/change/", "axe-ws-password"),
    ):
        response = page.goto(path)
        assert response is not None and response.status < 400, (path, response and response.status)
        look(page, name)
