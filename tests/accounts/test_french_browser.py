"""A French-speaking person, in a real browser set to fr-CA, from sign-up to a reminder email.

The page's own chrome (labels, buttons) is found by field names and values, not by its words,
so this test holds whether or not a given label is translated yet; what it asserts in French
is what the engine's reasons, the dates and the switcher say.
"""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cases.models import Invitation
from cases.reminders import reminder_send_due
from profiles.models import User
from tests.cases.factories import round_drawn
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "camille.tremblay@example.test"
MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
FRENCH_DATE = re.compile(rf"\b\d{{1,2}} ({'|'.join(MONTHS)}) \d{{4}}\b")
NBSP = "\u00a0"


def french(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def iso(days_ago: int) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).isoformat()


@pytest.fixture
def page_fr(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="fr-CA"
    )
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    yield tab
    context.close()


def submit(page, form_selector: str = "main form") -> None:
    page.locator(f"{form_selector} button[type=submit]").first.click()


def next_step(page, slug: str) -> None:
    page.locator("button[value='next']").click()
    page.wait_for_url(f"**/questionnaire/{slug}/")


def add_row(page, section: str, first_field: str) -> None:
    page.locator(f"button[value='add:{section}']").click()
    page.locator(f"[name='{first_field}']").wait_for()


def test_a_french_speaker_signs_up_reads_the_reasons_in_french_and_gets_a_french_reminder(
    page_fr,
):
    page = page_fr
    # --- sign-up, in the browser's language ---------------------------------------------------
    page.goto("/accounts/sign-up/")
    assert page.locator("html").get_attribute("lang") == "fr"
    switch = page.locator("button[data-language-switch]")
    assert (switch.inner_text(), switch.get_attribute("lang")) == ("English", "en")
    page.locator("input[name='email']").fill(EMAIL)
    page.locator("input[name='password1']").fill(PASSWORD)
    page.locator("input[name='password2']").fill(PASSWORD)
    submit(page)
    page.wait_for_url("**/sign-up/sent/")
    assert User.objects.get(email=EMAIL).language == "fr"
    page.goto(re.search(r"https?://\S+", mail.outbox[-1].body).group(0))
    submit(page)
    page.wait_for_url("**/accounts/login/")
    page.locator("input[name='username']").fill(EMAIL)
    page.locator("input[name='password']").fill(PASSWORD)
    submit(page)
    page.wait_for_url("**/dashboard/")

    # --- the questionnaire ------------------------------------------------------------------
    page.goto("/questionnaire/about/")
    page.locator("#id_birth_date").fill(date(timezone.localdate().year - 27, 1, 1).isoformat())
    page.locator("#id_marital_status").select_option("single")
    page.locator("#id_intended_province").select_option("QC")
    next_step(page, "education")
    add_row(page, "education", "education-0-level")
    page.locator("select[name='education-0-level']").select_option("bachelors")
    next_step(page, "language")
    add_row(page, "tests", "tests-0-test")
    page.locator("select[name='tests-0-test']").select_option("tef_canada")
    page.locator("input[name='tests-0-taken_on']").fill(iso(100))
    for ability, score in (("listening", "510"), ("reading", "510"), ("writing", "520"),
                           ("speaking", "520")):  # NCLC 9 in all four
        page.locator(f"input[name='tests-0-{ability}']").fill(score)
    next_step(page, "work_canada")
    add_row(page, "jobs", "jobs-0-noc")
    page.locator("input[name='jobs-0-noc']").fill("21231")
    page.locator("input[name='jobs-0-start']").fill(iso(800))
    page.locator("input[name='jobs-0-hours_per_week']").fill("40")
    page.locator("select[name='jobs-0-permit_type']").select_option("pgwp")
    next_step(page, "work_abroad")
    next_step(page, "other")
    next_step(page, "review")

    # --- the verdict and the score, the reasons in French ------------------------------------
    page.goto("/result/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("[data-verdict]").first.get_attribute("data-verdict") == "not_eligible"
    # The engine's reasons: the "why" cells of the requirements and of the CRS lines.
    tables = page.locator("table.reason")
    why = [tables.first, tables.last]
    text = "\n".join(
        cell for table in why for cell in table.locator("tbody td:last-child").all_inner_texts()
    )
    assert re.search(rf"\d{NBSP}\d{{3}} heures dans la période du", text)  # 1 560-style hours
    assert "NCLC 9 ou plus dans les quatre habiletés langagières" in text
    assert "la Catégorie de l'expérience canadienne (CEC) exige" in text  # Quebec, in French
    assert FRENCH_DATE.search(text)
    assert "français comme première langue officielle" in text  # a CRS line
    assert "hours" not in text and "CLB" not in text

    # The province is moved outside Quebec: eligible now.
    page.goto("/questionnaire/about/")
    page.locator("#id_intended_province").select_option("ON")
    next_step(page, "education")
    page.goto("/result/")
    assert page.locator("[data-verdict]").first.get_attribute("data-verdict") == "eligible"
    assert "à l'extérieur du Québec" in page.locator("table.reason").first.inner_text()

    # --- a case step, then the reminder email in French --------------------------------------
    page.goto("/case/")
    submit(page)
    page.locator("input[name='profile_number']").wait_for()
    page.locator("input[name='submitted_on']").fill(iso(40))
    page.locator("input[name='profile_number']").fill("E001234567")
    page.locator("input[name='job_seeker_code']").fill("JS1234567890")
    submit(page, "form:has(input[name='profile_number'])")
    page.locator("input[name='round_number']").wait_for()
    round_drawn(timezone.localdate() - timedelta(days=10))  # the invitation's round, imported
    page.locator("input[name='invited_on']").fill(iso(10))
    page.locator("input[name='round_number']").fill("434")
    page.locator("input[name='crs_claimed']").fill("500")
    submit(page, "form:has(input[name='round_number'])")
    invitations = Invitation.objects.filter(case__applicant__user__email=EMAIL)
    for _ in range(300):  # the step is recorded once its response is in
        if invitations.exists():
            break
        page.wait_for_timeout(50)
    invitation = invitations.get()
    assert invitation.round_number == "434"

    mail.outbox.clear()
    reminder_send_due(today=invitation.deadline - timedelta(days=30))
    (reminder,) = mail.outbox
    assert reminder.to == [EMAIL]
    assert french(invitation.deadline) in reminder.body
    assert invitation.deadline.isoformat() not in reminder.body

    # --- switching back to English keeps the page and the account remembers it ---------------
    page.goto("/result/")
    page.locator("button[data-language-switch='en']").click()
    page.wait_for_url("**/result/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "hours in the window" in page.locator("table.reason").first.inner_text()
    assert User.objects.get(email=EMAIL).language == "en"
