"""WCAG 2.1 AA in a real browser: axe-core scans every applicant page (signed out, signed in
with a full profile, with errors shown, with the occupation results open, the case at each
step) and the consultant's admin pages. Any critical or serious violation fails the suite."""

from datetime import date, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cases.enums import CaseStatus, NotificationKind
from cases.models import Message, Notification
from profiles.evaluation import applicant_reevaluate
from profiles.roles import CONSULTANT
from tests.auth import log_in_verified
from tests.browser import add_row, assert_accessible, sign_in_as
from tests.cases.factories import (
    ApplicationFactory,
    CaseFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
)
from tests.draws.factories import RoundFactory
from tests.factories import (
    ApplicantFactory,
    EducationFactory,
    JobFactory,
    LanguageTestFactory,
    SpouseFactory,
    UserFactory,
)
from tests.noc.factories import UnitGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def catalogue(db):
    UnitGroupFactory(code="21211", title="Data scientists",
                     duties=["Research and develop statistical models"],
                     examples=["Data scientist", "Machine learning scientist"])
    UnitGroupFactory(code="21232", title="Software developers and programmers",
                     duties=["Write, modify and test computer code"])
    RoundFactory(number="432", crs_cutoff=516)


@pytest.fixture
def consultant(db):
    return UserFactory(role=CONSULTANT)


def full_profile(consultant=None):
    """Married, with a spouse, every kind of row, every step done."""
    today = timezone.localdate()
    spouse = SpouseFactory(applicant__consultant=consultant,
                           applicant__completed_steps=["about", "spouse", "education",
                                                       "language", "work_canada",
                                                       "work_abroad", "other"])
    applicant = spouse.applicant
    EducationFactory(applicant=applicant)
    EducationFactory(applicant=applicant, person="spouse", canadian=True)
    LanguageTestFactory(applicant=applicant, taken_on=today - timedelta(days=100))
    LanguageTestFactory(applicant=applicant, test="tef_canada", listening=480, reading=480,
                        writing=480, speaking=480, taken_on=today - timedelta(days=90))
    JobFactory(applicant=applicant, noc="21232", start=today - timedelta(days=900),
               duties="I write code and test it.")
    JobFactory(applicant=applicant, noc="21211", start=today - timedelta(days=400),
               hours_per_week=15)
    JobFactory(applicant=applicant, noc="21211", country="FR", province="", permit_type="",
               start=date(2019, 1, 7), end=date(2021, 12, 31))
    applicant_reevaluate(applicant=applicant)
    return applicant


def scan(page, path: str) -> None:
    page.goto(path)
    assert_accessible(page, path)


def test_pages_signed_out(page, catalogue):
    for path in ("/", "/accounts/login/", "/accounts/sign-up/", "/accounts/password_reset/",
                 "/noc/?q=data", "/noc/21211/", "/case/rounds/"):
        scan(page, path)
    page.set_viewport_size({"width": 375, "height": 800})
    scan(page, "/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Rounds").wait_for()
    assert_accessible(page, "phone menu open")


def test_pages_signed_in_with_a_full_profile(page, live_server, catalogue):
    applicant = full_profile()
    sign_in_as(page, live_server, applicant.user)
    for path in ("/dashboard/", "/result/", "/noc/?q=data", "/noc/21211/", "/case/rounds/",
                 "/accounts/password_change/"):
        scan(page, path)
    for slug in ("about", "spouse", "education", "language", "work_canada", "work_abroad",
                 "other", "review"):
        scan(page, reverse("questionnaire:step", args=[slug]))
    page.set_viewport_size({"width": 375, "height": 800})
    scan(page, reverse("questionnaire:step", args=["work_canada"]))


def test_a_step_with_errors_shown(page, live_server):
    applicant = ApplicantFactory()
    sign_in_as(page, live_server, applicant.user)
    page.goto("/questionnaire/language/")
    add_row(page, "Add a test")
    page.locator("select[name='tests-0-test']").select_option("ielts_general")
    page.locator("input[name='tests-0-listening']").fill("6.3")
    page.get_by_role("button", name="Save", exact=True).click()
    page.locator("#error-summary").wait_for()
    assert_accessible(page, "language step with errors (HTMX)")
    add_row(page, "Add a test")
    page.locator("select[name='tests-1-test']").wait_for()
    assert_accessible(page, "language step with a new row")


def test_the_occupation_results_open(page, live_server, catalogue):
    applicant = ApplicantFactory()
    JobFactory(applicant=applicant)
    sign_in_as(page, live_server, applicant.user)
    page.goto("/questionnaire/work_canada/")
    search = page.get_by_role("combobox", name="Find your occupation by job title or duties")
    search.press_sequentially("data", delay=20)
    page.locator("#noc-list-jobs-0 [role='option']").first.wait_for()
    search.press("ArrowDown")
    assert_accessible(page, "occupation results open")
    page.goto("/noc/")
    page.get_by_role("searchbox").press_sequentially("soft", delay=20)
    page.locator("#noc-results a").first.wait_for()
    assert_accessible(page, "catalogue results open")


@pytest.mark.parametrize("status", ["preparing", "in_pool", "invited", "submitted", "approved"])
def test_the_case_at_each_step(page, live_server, consultant, status):
    applicant = full_profile(consultant)
    case = CaseFactory(applicant=applicant, status=CaseStatus.PREPARING)
    if status != "preparing":
        profile = ProfileSubmissionFactory(case=case)
        case.status = CaseStatus.IN_POOL
    if status in ("invited", "submitted", "approved"):
        invitation = InvitationFactory(case=case, profile=profile, crs_claimed=999)
        case.status = CaseStatus.INVITED
    if status in ("submitted", "approved"):
        ApplicationFactory(case=case, invitation=invitation)
    case.status = status
    case.save()
    RoundFactory(number="432", crs_cutoff=516)
    for user in (applicant.user, consultant):
        page.context.clear_cookies()
        sign_in_as(page, live_server, user)
        scan(page, reverse("cases:detail", args=[case.pk]))
        if status != "preparing":
            scan(page, reverse("cases:documents", args=[case.pk]))


def test_the_consultants_admin_pages(page, live_server, consultant):
    applicant = full_profile(consultant)
    CaseFactory(applicant=applicant)
    sign_in_as(page, live_server, consultant)
    for path in (
        "/admin/",
        "/admin/profiles/applicant/",
        f"/admin/profiles/applicant/{applicant.pk}/change/",
        f"/admin/profiles/applicant/{applicant.pk}/history/",
    ):
        scan(page, path)


def sign_in_verified(page, live_server, user) -> None:
    """A staff session that passed its second factor, given to the browser as a cookie."""
    client = log_in_verified(Client(), user)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                               "url": live_server.url}])


def test_the_pages_of_working_one_file_together(page, live_server, consultant):
    applicant = full_profile(consultant)
    applicant.passport_issued_on = timezone.localdate() - timedelta(days=3000)
    applicant.passport_expires_on = timezone.localdate() + timedelta(days=20)
    applicant.status_in_canada = "maintained"
    applicant.save()
    case = CaseFactory(applicant=applicant, status=CaseStatus.PREPARING)
    Message.objects.create(case=case, author=consultant, body="Please send the bank letter.")
    Message.objects.create(case=case, author=applicant.user, body="Sent today.")
    Notification.objects.create(user=applicant.user, case=case,
                                kind=NotificationKind.CASE_MOVED, detail="in_pool")
    sign_in_as(page, live_server, applicant.user)
    for path in ("/dashboard/", reverse("cases:messages", args=[case.pk]),
                 reverse("cases:documents", args=[case.pk])):
        scan(page, path)
    page.context.clear_cookies()
    sign_in_verified(page, live_server, consultant)
    for path in (reverse("consultants:my_work"), reverse("cases:messages", args=[case.pk]),
                 reverse("cases:documents", args=[case.pk])):
        scan(page, path)
        assert page.url.endswith(path)  # the page itself, not a second-factor step
