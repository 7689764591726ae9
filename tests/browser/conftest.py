"""The browser suite: Debian's Chromium driven by Playwright against pytest-django's live
server, with mail caught by a local SMTP server and axe-core checking each page.

Without Chromium the tests are skipped, and the run ends with a loud line saying how many;
with UNDERSIGNED_REQUIRE_BROWSER=true (CI) they fail instead."""

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.smtp import Inbox, free_port

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
# axe-core, vendored for the tests (tests/browser/vendor/README.md); never served by the app.
# axe-core, vendored for the tests only (vendor/README.md); never served by the app.
AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
# Debian's build; UNDERSIGNED_CHROMIUM points elsewhere (or nowhere, to try the skip).
CHROMIUM = os.environ.get("UNDERSIGNED_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
HERE = Path(__file__).resolve().parent
SCREENSHOTS: set[str] = set()


def chromium_path() -> str | None:
    return CHROMIUM if Path(CHROMIUM).is_file() else None


def browser_required() -> bool:
    return os.environ.get("UNDERSIGNED_REQUIRE_BROWSER", "").lower() == "true"


def _in_this_suite(item: pytest.Item) -> bool:
    return HERE in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if chromium_path() is not None or browser_required():
        return
    skip = pytest.mark.skip(
        reason=f"Chromium is missing at {CHROMIUM} (apt-get install -y chromium)"
    )
    for item in items:
        if _in_this_suite(item):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    reasons: dict[str, int] = {}
    for report in terminalreporter.stats.get("skipped", []):
        if "tests/browser/" in report.nodeid:
            reason = str(report.longrepr[2]) if isinstance(report.longrepr, tuple) else "?"
            reason = reason.removeprefix("Skipped: ")
            reasons[reason] = reasons.get(reason, 0) + 1
    if SCREENSHOTS:
        terminalreporter.write_sep(
            "-", f"{len(SCREENSHOTS)} screenshots in {ARTIFACTS.relative_to(ROOT)}/"
        )
    for reason, count in reasons.items():
        terminalreporter.write_sep(
            "!",
            f"{count} BROWSER TEST{'S' if count > 1 else ''} SKIPPED: {reason}",
            red=True,
            bold=True,
        )


# Playwright's sync API keeps an event loop in this thread while the browser is up, and
# Django refuses ORM calls from a thread with a running loop. The tests themselves are
# synchronous, so the check is off for this package only, while the browser runs.
@pytest.fixture(scope="package")
def chromium() -> Iterator[Any]:
    path = chromium_path()
    if path is None:
        pytest.fail(
            f"UNDERSIGNED_REQUIRE_BROWSER=true but Chromium is missing at {CHROMIUM}: "
            "apt-get install -y chromium"
        )
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@dataclass
class Console:
    """What the page printed as errors: a CSP violation or a failed script shows up here."""

    errors: list[str] = field(default_factory=list)

    def on_message(self, message: Any) -> None:
        # A page answered 400 on purpose logs "Failed to load resource"; broken stylesheets
        # and scripts are caught by on_response instead.
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.errors.append(message.text)

    def on_response(self, response: Any) -> None:
        if response.request.resource_type != "document" and response.status >= 400:
            self.errors.append(f"{response.status} {response.url}")


@pytest.fixture
def console() -> Console:
    return Console()


@pytest.fixture
def page(chromium: Any, live_server: Any, console: Console) -> Iterator[Any]:
    context = chromium.new_context(viewport=DESKTOP, base_url=live_server.url)
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.on("console", console.on_message)
    page.on("pageerror", lambda e: console.errors.append(str(e)))
    page.on("response", console.on_response)
    yield page
    context.close()


# Mail -----------------------------------------------------------------------------------


@pytest.fixture
def inbox(settings: Any, live_server: Any) -> Iterator[Inbox]:
    """Every email the live server sends, over real SMTP; links point at the live server."""
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 10},
        }
    }
    settings.BASE_URL = live_server.url
    try:
        yield inbox
    finally:
        controller.stop()


# Accessibility and screenshots --------------------------------------------------------


def _axe_source() -> str:
    return AXE.read_text()


@pytest.fixture(scope="session")
def axe_source() -> str:
    return _axe_source()


@pytest.fixture
def axe(axe_source: str) -> Any:
    """Run axe-core on a page and fail on serious or critical violations.

    The script goes in through the DevTools protocol (page.evaluate), which the page's
    CSP does not govern, so the CSP under test stays exactly as served."""

    def check(page: Any, what: str) -> list[dict[str, Any]]:
        if not page.evaluate("() => typeof window.axe !== 'undefined'"):
            page.evaluate(axe_source)
        results = page.evaluate(
            "() => axe.run(document, {resultTypes: ['violations']})"
            ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
            " targets: v.nodes.map(n => n.target.join(' '))})))"
        )
        serious = [v for v in results if v["impact"] in ("serious", "critical")]
        assert not serious, f"axe on {what}:\n" + "\n".join(
            f"  {v['impact']} {v['id']}: {v['help']} at {v['targets']}" for v in serious
        )
        return list(results)

    return check


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture
def shoot(artifacts: Path) -> Any:
    """Screenshots of the current page on a phone and on a desktop, for a person to look
    at: the phone's first screen as a visitor sees it, and each whole page."""

    def take(page: Any, name: str) -> None:
        SCREENSHOTS.update(f"{name}-{kind}" for kind in ("phone", "phone-full", "desktop"))
        original = page.viewport_size
        page.set_viewport_size(PHONE)
        # Where the page put focus (an error summary) is what the visitor sees first.
        page.evaluate(
            "() => { const el = document.activeElement;"
            " if (el && el !== document.body) el.scrollIntoView({block: 'start'}); }"
        )
        page.screenshot(path=artifacts / f"{name}-phone.png")
        page.screenshot(path=artifacts / f"{name}-phone-full.png", full_page=True)
        page.set_viewport_size(DESKTOP)
        page.screenshot(path=artifacts / f"{name}-desktop.png", full_page=True)
        page.set_viewport_size(original)

    return take


@pytest.fixture
def look(axe: Any, shoot: Any) -> Any:
    """Check the current page as a phone and a desktop see it: axe finds nothing serious or
    critical, nothing scrolls sideways; then take the screenshots."""

    def check(page: Any, name: str) -> None:
        original = page.viewport_size
        for size, kind in ((PHONE, "phone"), (DESKTOP, "desktop")):
            page.set_viewport_size(size)
            axe(page, f"{name} ({kind})")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= size["width"], f"{name} scrolls sideways on a {kind}: {width} px"
        page.set_viewport_size(original)
        shoot(page, name)

    return check


# People and a letter ------------------------------------------------------------------

LETTER_BODY = """Dear members of the Regional Committee,

We, the undersigned members, write to ask that **Sam Okafor** be reinstated at once. Sam
has represented colleagues at Tyneside for eleven years, and the decision to suspend them
was taken without a hearing.

We ask the committee to:

- lift the suspension today;
- hold the hearing the rules require, within fourteen days;
- publish the minutes of the meeting that took the decision.

Solidarity is a practice, not a slogan. We will keep counting until Sam is back.
"""


@dataclass
class Site:
    org: Any
    organiser: Any
    letter: Any


@pytest.fixture
def site(live_server: Any) -> Site:
    """An organisation with an organiser and an open letter, committed for the live server
    (the live server forces a transactional database)."""
    from tests.base import make_letter, make_org, make_user
    from undersigned.accounts.models import Role

    org = make_org()
    organiser = make_user("organiser@example.org", org, Role.ORGANISER)
    letter = make_letter(
        org, title="Reinstate Sam Okafor", body=LETTER_BODY, addressee="The Regional Committee"
    )
    letter.organisers.add(organiser)
    return Site(org=org, organiser=organiser, letter=letter)


def log_in(page: Any, email: str) -> None:
    """Log in through the form, as an organiser would (a force_login cookie would do too,
    but the form is part of the journey)."""
    page.goto("/accounts/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill("password-for-tests")
    page.locator("form button[type=submit]").click()
    page.wait_for_url("**/workspace/")
