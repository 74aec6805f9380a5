"""Real-browser tests: Playwright for Python driving Debian's Chromium against a live server.

``tests/conftest.py`` registers this module as a plugin, so any test may ask for
``page``. Without /usr/bin/chromium the tests skip with the reason, unless
CEC_REQUIRE_BROWSER is set (CI sets it), in which case they fail: CI always runs them.
"""

import os
from pathlib import Path

import pytest

from tests.factories import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Playwright's sync API keeps an event loop in the test thread; the ORM calls the tests make to
# set up data are still synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def require_browser() -> None:
    if CHROMIUM.exists():
        return
    reason = f"Debian's chromium is not installed ({CHROMIUM}); .ci/run installs it"
    if os.environ.get("CEC_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS
        )
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="en-US"
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def log_in(page, email: str, password: str = PASSWORD, *, device=None) -> None:
    """Log in as a person would; with ``device`` (staff), give the code its app shows."""
    page.goto("/accounts/login/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    if device is not None:
        from tests.auth import current_code

        page.wait_for_url("**/two-factor/verify/**")
        page.get_by_label("Code").fill(current_code(device))
        page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/dashboard/")


def add_row(page, button: str) -> None:
    """Press a section's "Add" button and wait until the new row has taken the focus.

    The page moves the focus into the new row once HTMX has settled it; typing before then
    races that move, and the browser would put the text into whichever field has the focus.
    """
    from playwright.sync_api import expect

    page.get_by_role("button", name=button).click()
    expect(page.locator("[data-row] :focus")).to_have_count(1)


def sign_in_as(page, live_server, user) -> None:
    """Sign ``user`` in by giving the browser a session cookie (no login form to fill)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    page.context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }])


# Impacts that fail the suite; "moderate" and "minor" findings are allowed, except the rules
# named below, which the portal holds itself to whatever axe's rating.
BLOCKING_IMPACTS = ("critical", "serious")
ALWAYS_BLOCKING = ("heading-order",)
# axe leaves the 24-px target size rule (WCAG 2.2) off unless asked.
AXE_OPTIONS = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}


def axe_violations(page) -> list[dict]:
    """Run axe-core (packaged by axe-playwright-python) on the page as it is now, and return
    the violations that fail the suite."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        v for v in results.response["violations"]
        if v["impact"] in BLOCKING_IMPACTS or v["id"] in ALWAYS_BLOCKING
    ]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines.extend(f"    {', '.join(node['target'])}: {node['html'][:160]}"
                     for node in violation["nodes"][:6])
    return "\n".join(lines)


def assert_accessible(page, where: str = "") -> None:
    # The pointer rests where the last click was; a button under it may still be fading into
    # its hover colours, and axe would measure the contrast halfway through. Move it off and
    # ask for no transitions (Bootstrap honours prefers-reduced-motion).
    page.emulate_media(reduced_motion="reduce")
    page.mouse.move(0, 0)
    violations = axe_violations(page)
    assert not violations, f"{where or page.url}\n{describe(violations)}"
