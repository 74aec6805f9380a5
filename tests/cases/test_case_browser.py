"""A case walked in a real browser, on a 375-px phone screen: profile → ITA → documents →
submission → decision. Uses the shared Playwright fixtures of ``tests/browser.py``."""

import os
import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from cases.documents.services import case_rebuild_checklist, document_upload
from cases.enums import CaseStatus
from cases.models import Case, Upload
from tests.auth import authenticator
from tests.browser import log_in
from tests.cases.conftest import make_eligible
from tests.cases.factories import InvitationFactory, as_applicant, days_ago, round_drawn
from tests.cases.samples import PDF
from tests.factories import ApplicantFactory

# Playwright's sync API runs an event loop in the test thread; the ORM calls here are sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser



def day(days_ago: int) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).isoformat()


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def status(page) -> str:
    return page.locator(".case-status").inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_case_walks_from_profile_to_decision_on_a_phone(page, consultant):
    applicant = make_eligible(ApplicantFactory(consultant=consultant))
    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, applicant.user.email)

    page.goto("/case/")
    page.get_by_role("button", name="Start following the case").click()
    expect_status = "Preparing the profile"
    assert status(page) == expect_status
    assert fits_the_screen(page)

    # Step 1: the profile.
    page.get_by_label("Date the profile was submitted").fill(day(40))
    page.get_by_label("Profile number").fill("E001234567")
    page.get_by_label("Job seeker validation code").fill("JS1234567890")
    page.get_by_role("button", name="Record the profile").click()
    page.get_by_text("Your profile is recorded").wait_for()
    assert status(page) == "In the pool (profile submitted)"
    assert page.get_by_text("Profile expires from the pool").is_visible()

    # Step 2: the invitation (of an imported round of that day); the deadline countdown appears.
    round_drawn(days_ago(10))
    page.get_by_label("Date of the invitation (ITA)").fill(day(10))
    page.get_by_label("Round number").fill("434")
    page.get_by_label("CRS score in the invitation").fill("500")
    page.get_by_role("button", name="Record the invitation").click()
    page.get_by_text("Invitation recorded").wait_for()
    assert status(page) == "Invited to apply"
    assert page.locator(".case-deadline").get_by_text("50 days left").is_visible()
    assert fits_the_screen(page)

    # Step 3: upload the passport on the checklist, then submit.
    page.get_by_role("link", name="Document checklist and uploads").click()
    page.get_by_role("heading", name="Document checklist").wait_for()
    passport = page.locator(".document-item").filter(
        has=page.get_by_role("heading", name="Passport", exact=True)
    )
    passport.get_by_label("File").set_input_files(
        {"name": "passport.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    passport.get_by_role("button", name=re.compile("^Upload")).click()
    passport = page.locator(".document-item").filter(
        has=page.get_by_role("heading", name="Passport", exact=True)
    )
    passport.locator(".document-status", has_text="Uploaded").wait_for()
    assert passport.get_by_role("link", name="passport.pdf").is_visible()
    assert fits_the_screen(page)
    assert Upload.objects.filter(original_name="passport.pdf").count() == 1

    page.get_by_role("link", name="Back to the case").click()
    page.get_by_label("Date the application was submitted").fill(day(2))
    number = page.get_by_label("Application number")
    number.fill("E000123456")
    # Only the passport is in: the page lists the others and asks to confirm.
    page.get_by_label("Record the submission although these documents are missing or not "
                      "accepted").check()
    number.press("Enter")  # the keyboard submits the form
    page.get_by_text("Application recorded as submitted").wait_for()
    assert status(page) == "Application submitted"

    # Step 4: the stages an approval follows, then the decision.
    for stage in ("Acknowledgment of receipt (AOR)", "Biometrics given", "Medical exam"):
        page.get_by_label("Stage").select_option(label=stage)
        page.locator("#id_on").fill(day(1))
        page.get_by_role("button", name="Record the stage").click()
        page.locator(".timeline").get_by_text(stage).wait_for()
    page.get_by_label("Stage").select_option(label="Decision: approved")
    page.locator("#id_on").fill(day(0))
    page.get_by_role("button", name="Record the stage").click()
    page.locator(".case-status", has_text="Approved").wait_for()

    timeline = page.locator(".timeline").inner_text()
    for entry in ("Profile submitted", "Invitation to apply received", "Application submitted",
                  "Acknowledgment of receipt (AOR)", "Application approved"):
        assert entry in timeline
    assert fits_the_screen(page)
    assert Case.objects.get(applicant=applicant).status == CaseStatus.APPROVED


@pytest.mark.django_db(transaction=True)
def test_a_consultant_asks_for_changes_and_the_applicant_sees_why(page, consultant):
    applicant = make_eligible(ApplicantFactory(consultant=consultant))
    invitation = InvitationFactory(case__applicant=applicant, invited_on=days_ago(10))
    case_rebuild_checklist(access=as_applicant(invitation.case))
    passport = invitation.case.documents.get(key="passport")
    document_upload(access=as_applicant(invitation.case), item=passport,
                    file=SimpleUploadedFile("passport.pdf", PDF))

    page.set_viewport_size({"width": 375, "height": 812})
    log_in(page, consultant.email, device=authenticator(consultant))
    page.goto(f"/case/client/{applicant.pk}/")
    page.get_by_role("link", name="Document checklist and uploads").click()
    item = page.locator(f"#item-{passport.pk}")
    item.get_by_label("Review").select_option(label="Needs changes")
    item.get_by_label("Comment").fill("Every page with a stamp, please")
    item.get_by_role("button", name="Save the review").click()
    page.locator(f"#item-{passport.pk} .document-status", has_text="Needs changes").wait_for()
    assert fits_the_screen(page)

    page.context.clear_cookies()
    log_in(page, applicant.user.email)
    page.goto(f"/case/{invitation.case.pk}/documents/")
    assert page.locator(f"#item-{passport.pk}").get_by_text(
        "Every page with a stamp, please"
    ).is_visible()
