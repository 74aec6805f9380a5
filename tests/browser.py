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
