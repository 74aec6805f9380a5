"""The questionnaire in a real browser: HTMX swaps, in-place rows, errors, resuming, keyboard."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from profiles.models import Applicant, Job
from tests.browser import add_row, log_in
from tests.factories import PASSWORD, ApplicantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def iso(days_ago: int) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).isoformat()


def fill_first_job(page) -> None:
    """The first job row's answers a save needs: a developer for 30 hours a week since 400
    days ago, on an open work permit."""
    page.locator("input[name='jobs-0-noc']").fill("21232")
    page.locator("input[name='jobs-0-start']").fill(iso(400))
    page.locator("input[name='jobs-0-hours_per_week']").fill("30")
    page.locator("select[name='jobs-0-permit_type']").select_option("open")


def at_the_work_step_with_a_job(page) -> Job:
    """A new applicant with one job of 40 hours a week, logged in, on the work step."""
    applicant = ApplicantFactory()
    job = Job.objects.create(applicant=applicant, noc="21232", start=date(2024, 1, 8),
                             hours_per_week=40, permit_type="pgwp")
    log_in(page, applicant.user.email)
    page.goto("/questionnaire/work_canada/")
    return job


def continue_to(page, slug: str) -> None:
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url(f"**/questionnaire/{slug}/")


def test_new_person_fills_every_step_and_sees_the_expected_verdict_and_score(page):
    # Expected from shared/rules: single, 27 (age 20–29: 110), bachelor's (120), IELTS
    # L8 R7 W7 S7 = CLB 9 in all four (4 × 31 = 124), a TEER 1 job for the last 800 days at
    # 40 h/week = 3,428 h → 2 years of Canadian work (53); transferability: bachelor's & CLB 9
    # = 25, bachelor's & 2 years = 25 (C1 + C2 cap 50). Total 110 + 120 + 124 + 53 + 50 = 457.
    # CEC: 3,428 of 1,560 hours in TEER 0–3 with CLB 7+ → eligible.
    page.goto("/accounts/sign-up/")
    page.get_by_label("Email address").fill("walk.through@example.test")
    page.locator("input[name='password1']").fill(PASSWORD)
    page.locator("input[name='password2']").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/sign-up/sent/")
    page.goto(re.search(r"https?://\S+", mail.outbox[-1].body).group(0))
    page.get_by_role("button", name="Activate my account").click()
    page.wait_for_url("**/accounts/login/")
    log_in(page, "walk.through@example.test")
    page.get_by_role("link", name="Start the questionnaire").click()

    page.wait_for_url("**/questionnaire/about/")
    birth = date(timezone.localdate().year - 27, 1, 1)
    page.get_by_label("Date of birth").fill(birth.isoformat())
    page.get_by_label("Marital status").select_option("single")
    page.get_by_label("Province or territory where you plan to live").select_option("ON")
    continue_to(page, "education")

    add_row(page, "Add a credential")
    page.locator("select[name='education-0-level']").select_option("bachelors")
    continue_to(page, "language")

    add_row(page, "Add a test")
    page.locator("select[name='tests-0-test']").select_option("ielts_general")
    page.locator("input[name='tests-0-taken_on']").fill(iso(100))
    for ability, score in (("listening", "8"), ("reading", "7"), ("writing", "7"),
                           ("speaking", "7")):
        page.locator(f"input[name='tests-0-{ability}']").fill(score)
    continue_to(page, "work_canada")

    add_row(page, "Add a job")
    page.locator("input[name='jobs-0-noc']").fill("21231")
    page.locator("input[name='jobs-0-start']").fill(iso(800))
    page.locator("input[name='jobs-0-end']").fill(iso(1))
    page.locator("input[name='jobs-0-hours_per_week']").fill("40")
    page.locator("select[name='jobs-0-permit_type']").select_option("pgwp")
    continue_to(page, "work_abroad")
    continue_to(page, "other")
    continue_to(page, "review")

    page.get_by_role("link", name="See my full result").click()
    page.wait_for_url("**/result/")
    assert page.locator("[data-verdict]").first.get_attribute("data-verdict") == "eligible"
    assert page.get_by_role("heading", name="CRS score: 457").is_visible()


def test_job_rows_are_added_and_removed_in_place(page):
    applicant = ApplicantFactory()
    log_in(page, applicant.user.email)
    page.goto("/questionnaire/work_canada/")
    page.evaluate("window.stillSamePage = true")

    add_row(page, "Add a job")
    page.locator("input[name='jobs-0-noc']").wait_for()
    add_row(page, "Add a job")
    page.locator("input[name='jobs-1-noc']").wait_for()
    assert page.locator("[data-row]").count() == 2
    page.locator("input[name='jobs-1-employer']").fill("Typo Inc")  # typed, then removed
    page.get_by_role("button", name="Remove Job 2").click()
    assert page.locator("[data-row]:visible").count() == 1
    assert page.evaluate("window.stillSamePage") is True  # no reload

    fill_first_job(page)
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("status").filter(has_text="Saved.").wait_for()
    assert list(Job.objects.filter(applicant=applicant).values_list("noc", flat=True)) == ["21232"]


def test_a_save_in_place_keeps_the_focus_and_a_new_row_is_saved_once(page):
    applicant = ApplicantFactory()
    log_in(page, applicant.user.email)
    page.goto("/questionnaire/work_canada/")
    add_row(page, "Add a job")
    fill_first_job(page)
    page.evaluate("window.stillSamePage = true")
    save = page.get_by_role("button", name="Save", exact=True)
    status = page.locator("#save-status")
    for hours in ("30", "35"):  # the second save updates the row the first one created
        page.locator("input[name='jobs-0-hours_per_week']").fill(hours)
        assert status.inner_text() == ""  # typing takes "Saved." away
        save.click()
        page.get_by_role("status").filter(has_text="Saved.").wait_for()
        assert page.evaluate("document.activeElement.id") == "step-save"
    assert page.evaluate("window.stillSamePage") is True
    hours = Job.objects.filter(applicant=applicant).values_list("hours_per_week", flat=True)
    assert list(hours) == [35]
    assert page.locator("[data-row]").count() == 1
    assert page.locator("input[name='jobs-0-id']").input_value() == str(
        Job.objects.get(applicant=applicant).pk)


def test_a_save_that_cannot_reach_the_server_says_so_and_keeps_the_answers(page):
    job = at_the_work_step_with_a_job(page)
    page.route("**/questionnaire/work_canada/", lambda route: route.abort()
               if route.request.method == "POST" else route.continue_())
    page.locator("input[name='jobs-0-hours_per_week']").fill("35")
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_role("status").filter(has_text="Not saved: the connection failed.").wait_for()
    assert page.locator("input[name='jobs-0-hours_per_week']").input_value() == "35"
    job.refresh_from_db()
    assert job.hours_per_week == 40


def test_a_bad_score_shows_its_message_and_keeps_the_rest_of_the_form(page):
    applicant = ApplicantFactory()
    log_in(page, applicant.user.email)
    page.goto("/questionnaire/language/")
    add_row(page, "Add a test")
    page.locator("select[name='tests-0-test']").select_option("ielts_general")
    page.locator("input[name='tests-0-taken_on']").fill(iso(30))
    for ability, score in (("listening", "8"), ("reading", "6.3"), ("writing", "7"),
                           ("speaking", "7")):
        page.locator(f"input[name='tests-0-{ability}']").fill(score)
    page.locator("input[name='tests-0-registration_number']").fill("REG-2025-77")
    page.get_by_role("button", name="Save", exact=True).click()

    summary = page.locator("#error-summary")
    summary.wait_for()
    assert "IELTS General Training scores are 0–9 in steps of 0.5" in summary.inner_text()
    assert page.locator("input[name='tests-0-registration_number']").input_value() == "REG-2025-77"
    assert page.locator("input[name='tests-0-listening']").input_value() == "8"


def test_logging_out_and_back_in_resumes_at_the_same_step(page):
    applicant = ApplicantFactory()
    log_in(page, applicant.user.email)
    page.goto("/questionnaire/work_canada/")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_url("**/questionnaire/work_abroad/")
    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").wait_for()

    log_in(page, applicant.user.email)
    page.get_by_role("link", name="Continue where you left off").click()
    page.wait_for_url("**/questionnaire/work_abroad/")


def wait_until(page, expression: str, timeout: float = 15.0) -> None:
    """Poll a JavaScript expression until it is true. Playwright's own wait_for_function builds
    its predicate from a string inside the page, which the Content-Security-Policy refuses."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise AssertionError(f"never true: {expression}")
        page.wait_for_timeout(50)


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching ``selector`` has the focus, as a person would."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} is not reachable with the Tab key")


def test_about_step_can_be_completed_with_the_keyboard_only(page):
    applicant = ApplicantFactory(birth_date=None, marital_status="", intended_province="")
    log_in(page, applicant.user.email)
    page.goto("/questionnaire/about/")

    tab_to(page, "#id_birth_date")
    page.keyboard.type("03151994")  # en-US date input: month, day, year
    tab_to(page, "#id_marital_status")
    page.keyboard.press("ArrowDown")  # the first choice, Single
    tab_to(page, "#id_intended_province")
    page.keyboard.press("ArrowDown")  # after "Not decided yet": Alberta
    tab_to(page, "button[value='next']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questionnaire/education/")

    applicant = Applicant.objects.get(pk=applicant.pk)
    assert (applicant.birth_date, applicant.marital_status) == (date(1994, 3, 15), "single")
    assert applicant.intended_province == "AB"


# ----- the occupation search inside a job row ------------------------------------------------


@pytest.fixture
def data_occupations(db):
    from tests.noc.factories import UnitGroupFactory

    UnitGroupFactory(code="21211", title="Data scientists")
    UnitGroupFactory(code="21223", title="Database analysts and data administrators")
    UnitGroupFactory(code="14111", title="Data entry clerks")


def test_occupation_search_refines_on_every_keystroke_and_keeps_the_focus(
    page, data_occupations
):
    applicant = ApplicantFactory()
    log_in(page, applicant.user.email)
    page.goto("/questionnaire/work_canada/")
    add_row(page, "Add a job")
    search = page.get_by_role("combobox", name="Find your occupation by job title or duties")
    options = page.locator("#noc-list-jobs-0 [role='option']")
    search.focus()
    page.evaluate("window.scrollTo(0, 400)")
    scrolled = page.evaluate("window.scrollY")

    search.press_sequentially("data", delay=30)
    options.nth(2).wait_for()
    assert options.count() == 3
    assert search.get_attribute("aria-expanded") == "true"

    search.press_sequentially(" scientist", delay=30)
    wait_until(page,
        "document.querySelectorAll('#noc-list-jobs-0 [role=option]').length === 1"
    )
    assert options.first.get_attribute("data-noc-code") == "21211"
    assert page.evaluate("document.activeElement.id") == "noc-q-jobs-0"
    assert page.evaluate("window.scrollY") == scrolled  # the page did not jump to the top

    # With the keyboard: the arrow key highlights the option, Enter fills the NOC field.
    search.press("ArrowDown")
    assert search.get_attribute("aria-activedescendant") == "noc-list-jobs-0-0"
    assert options.first.get_attribute("aria-selected") == "true"
    search.press("Enter")
    assert page.locator("input[name='jobs-0-noc']").input_value() == "21211"
    assert page.evaluate("document.activeElement.name") == "jobs-0-noc"
    assert search.get_attribute("aria-expanded") == "false"
    assert not Job.objects.filter(applicant=applicant).exists()  # Enter did not save


# ----- the result panel ----------------------------------------------------------------------


def test_two_quick_saves_never_leave_the_result_panel_stale(page):
    today = timezone.localdate()
    applicant = ApplicantFactory(birth_date=date(today.year - 30, 1, 1))
    # Any request the page makes for the panel is answered late, and the earlier one last: the
    # order a slow network can produce. The save's own response must carry the panel instead.
    held = []
    page.route("**/questionnaire/result-panel/**",
               lambda route: held.append((route, route.fetch())))
    log_in(page, applicant.user.email)
    page.goto("/questionnaire/about/")

    for age in (46, 25):
        page.get_by_label("Date of birth").fill(date(today.year - age, 1, 1).isoformat())
        with page.expect_response(lambda r: r.request.method == "POST"):
            page.get_by_role("button", name="Save", exact=True).click()
        page.locator("#save-status", has_text="Saved.").wait_for()
    page.wait_for_timeout(500)
    for route, response in reversed(held):
        route.fulfill(response=response)
    page.wait_for_timeout(500)

    applicant.refresh_from_db()
    assert applicant.birth_date.year == today.year - 25
    panel = page.locator("#result-panel [data-crs-total]")
    assert panel.inner_text() == str(applicant.crs_total)
    assert held == []


# ----- Enter, focus and announcements ----------------------------------------------------------


def test_enter_in_a_field_saves_the_step_and_adds_no_row(page):
    job = at_the_work_step_with_a_job(page)
    hours = page.locator("input[name='jobs-0-hours_per_week']")
    hours.fill("35")
    with page.expect_response(lambda r: r.request.method == "POST"):
        hours.press("Enter")
    page.locator("#save-status", has_text="Saved.").wait_for()
    job.refresh_from_db()
    assert job.hours_per_week == 35
    assert page.locator("[data-row]").count() == 1


def test_keyboard_only_a_step_is_completed_a_row_added_and_the_result_reached(page):
    applicant = ApplicantFactory(birth_date=None, marital_status="", intended_province="")
    page.goto("/accounts/login/")
    tab_to(page, "#id_username")
    page.keyboard.type(applicant.user.email)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/dashboard/")
    tab_to(page, "a[href='/questionnaire/']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questionnaire/about/")

    tab_to(page, "#id_birth_date")
    page.keyboard.type("03151994")
    tab_to(page, "#id_marital_status")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_intended_province")
    page.keyboard.press("ArrowDown")
    tab_to(page, "button[value='next']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questionnaire/education/")
    # The new step's heading has the focus, and the change was announced.
    wait_until(page, "document.activeElement.id === 'step-heading'")
    assert page.locator("#step-heading").inner_text() == "Education"
    wait_until(page,
        "document.getElementById('step-announcer').textContent.includes('Education')"
    )

    tab_to(page, "button.add-row")
    page.keyboard.press("Enter")
    # The first field of the new row takes the focus.
    wait_until(page, "document.activeElement.name === 'education-0-level'")
    page.keyboard.press("ArrowDown")  # Secondary diploma
    tab_to(page, "button[value='next']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/questionnaire/language/")
    assert list(applicant.education.values_list("level", flat=True)) == ["secondary"]
    # The new step is in place (its heading takes the focus once the swap settles): Tab from
    # there, not inside the parts being replaced.
    wait_until(page, "document.activeElement.id === 'step-heading'")

    tab_to(page, "#result-panel a[href='/result/']", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url("**/result/")
    assert page.get_by_role("heading", name="Your result, explained").is_visible()


# ----- phones ----------------------------------------------------------------------------------


def test_on_a_phone_the_menu_opens_and_a_result_summary_comes_before_the_form(page):
    applicant = ApplicantFactory()
    page.set_viewport_size({"width": 375, "height": 800})
    log_in(page, applicant.user.email)
    page.goto("/questionnaire/language/")
    occupations = page.get_by_role("link", name="Occupations")
    assert not occupations.is_visible()
    page.get_by_role("button", name="Menu").click()
    occupations.wait_for()
    assert page.get_by_role("link", name="Rounds").is_visible()

    summary = page.locator(".result-summary")
    assert summary.is_visible()
    form_top = page.locator("#step form").bounding_box()["y"]
    assert summary.bounding_box()["y"] < form_top < 1200
    assert "still need" in summary.inner_text().lower() or "Still needed" in summary.inner_text()
