"""A nurse signs up through the quick check, in a real browser: she sees the healthcare rounds
open to her, her standing against round #422 (4,000 invited, lowest score 475), and finds her
answers in the questionnaire after her first login."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from tests.browser import assert_accessible, log_in
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHARED_ROUNDS = settings.SHARED_DIR / "data/ee_rounds/ee_rounds_123_en.json"
EMAIL = "nurse.quick@example.test"

ANSWERS = {
    "about-birth_date": "1994-03-10",
    "education-institution": "University of Manila",
    "test-taken_on": "2025-06-14",
    "test-listening": "8.5",
    "test-reading": "8",
    "test-writing": "7.5",
    "test-speaking": "7.5",
    "job-title": "Registered nurse",
    "job-noc": "31301",
    "job-start": "2023-01-09",
    "job-hours_per_week": "37.5",
}
CHOICES = {
    "about-marital_status": "single",
    "about-intended_province": "ON",
    "education-level": "bachelors",
    "test-test": "ielts_general",
    "job-permit_type": "pgwp",
}


@pytest.fixture
def rounds(db):
    if not SHARED_ROUNDS.exists():
        pytest.skip(f"{SHARED_ROUNDS} is not there")
    call_command("import_rounds", str(SHARED_ROUNDS), stdout=open("/dev/null", "w"))  # noqa: SIM115


def healthcare_row(page):
    return page.locator("[data-chances-table] tr[data-round-type='healthcare']")


def test_a_nurse_signs_up_through_the_quick_check(page, rounds):
    page.goto("/")
    page.get_by_role("link", name="Quick check, no account needed").click()
    page.wait_for_url("**/accounts/quick-check/")
    for name, value in ANSWERS.items():
        page.locator(f"input[name='{name}']").fill(value)
    for name, value in CHOICES.items():
        page.locator(f"select[name='{name}']").select_option(value)
    page.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_url("**/accounts/quick-check/#quick-result")

    row = healthcare_row(page)
    assert row.locator("th").inner_text() == "Healthcare and social services"
    assert "#422" in row.inner_text()
    assert row.locator("[data-size]").inner_text() == "4,000"
    assert row.locator("[data-cutoff]").inner_text() == "475"
    crs = int(re.search(r"CRS score: (\d+)", page.locator("[data-quick-crs]").inner_text())[1])
    assert row.locator("td").nth(3).inner_text() == str(crs)
    assert page.locator("[data-verdict='eligible']").is_visible()
    assert_accessible(page, "quick check with its result")

    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/accounts/sign-up/")
    page.get_by_label("Email address").fill(EMAIL)
    page.locator("input[name='password1']").fill(PASSWORD)
    page.locator("input[name='password2']").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/sign-up/sent/")
    page.goto(re.search(r"https?://\S+", mail.outbox[-1].body).group(0))
    page.get_by_role("button", name="Activate my account").click()
    page.wait_for_url("**/accounts/login/")
    log_in(page, EMAIL)

    # The dashboard shows the same standing, now from her account.
    assert "#422" in healthcare_row(page).inner_text()
    assert_accessible(page, "dashboard with the chances")

    page.goto("/questionnaire/about/")
    assert page.locator("input[name='birth_date']").input_value() == "1994-03-10"
    page.goto("/questionnaire/work_canada/")
    assert page.locator("input[name='jobs-0-noc']").input_value() == "31301"
    assert page.locator("input[name='jobs-0-start']").input_value() == "2023-01-09"
    page.goto("/questionnaire/language/")
    assert page.locator("input[name='tests-0-listening']").input_value() == "8.5"
    page.goto("/questionnaire/education/")
    assert page.locator("input[name='education-0-institution']").input_value() == (
        "University of Manila"
    )
