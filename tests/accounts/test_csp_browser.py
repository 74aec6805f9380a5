"""Every applicant page, and the admin login, in a real browser under the
Content-Security-Policy: no violation is reported (securitypolicyviolation events, and the
console), including after HTMX swaps."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.documents.services import case_rebuild_checklist, document_upload
from tests.auth import authenticator
from tests.browser import add_row, log_in
from tests.cases.conftest import make_eligible
from tests.cases.factories import InvitationFactory, as_applicant, days_ago
from tests.cases.samples import PDF
from tests.factories import PASSWORD, ApplicantFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = """
document.addEventListener("securitypolicyviolation", function (event) {
  window.__reportViolation(event.violatedDirective + " blocked " + (event.blockedURI || "inline")
    + " at " + event.sourceFile + ":" + event.lineNumber);
});
"""

STEPS = ["about", "spouse", "education", "language", "work_canada", "work_abroad", "other",
         "review"]


class Watcher:
    """Collects violations and console errors from every page the tab opens."""

    def __init__(self, page):
        self.page = page
        self.problems: list[str] = []
        page.expose_binding(
            "__reportViolation", lambda source, text: self.problems.append(f"{page.url}: {text}")
        )
        page.add_init_script(REPORT)
        page.on("console", self.console)

    def console(self, message):
        # Every policy message, and any script error; an HTTP status (the admin asking for
        # /favicon.ico, the lockout page's 429) is not one.
        text = message.text
        policy = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy",
                  "Refused to")
        script_error = message.type == "error" and not text.startswith("Failed to load resource")
        if script_error or any(word in text for word in policy):
            self.problems.append(f"{self.page.url}: console {message.type}: {text}")

    def visit(self, path):
        response = self.page.goto(path)
        self.page.wait_for_load_state("load")
        assert "content-security-policy" in response.headers, path
        return response


@pytest.fixture
def watched(page):
    return Watcher(page)


def test_anonymous_pages_and_the_admin_login_raise_no_violation(watched, page):
    for path in ["/", "/accounts/login/", "/accounts/sign-up/", "/accounts/password_reset/",
                 "/accounts/password_reset/done/", "/accounts/reset/bad/link-0/",
                 "/admin/login/"]:
        watched.visit(path)
    # Sign-up, its "check your email" page and the activation page.
    watched.visit("/accounts/sign-up/")
    page.get_by_label("Email address").fill("csp.person@example.test")
    page.locator("input[name='password1']").fill(PASSWORD)
    page.locator("input[name='password2']").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/sign-up/sent/")
    watched.visit(re.search(r"https?://\S+", mail.outbox[-1].body).group(0))
    page.get_by_role("button", name="Activate my account").click()
    page.wait_for_url("**/accounts/login/")
    # The lockout page.
    for _ in range(5):
        page.get_by_label("Email address").fill("csp.person@example.test")
        page.get_by_label("Password").fill("wrong-password-here")
        page.get_by_role("button", name="Log in").click()
        page.wait_for_load_state("load")
    assert page.get_by_text("Logging in is paused").is_visible()
    assert watched.problems == []


def test_every_applicant_page_raises_no_violation(watched, page, consultant):
    applicant = make_eligible(ApplicantFactory(consultant=consultant))
    invitation = InvitationFactory(case__applicant=applicant, invited_on=days_ago(10))
    case_rebuild_checklist(access=as_applicant(invitation.case))
    passport = invitation.case.documents.get(key="passport")
    document_upload(access=as_applicant(invitation.case), item=passport,
                    file=SimpleUploadedFile("passport.pdf", PDF))
    case = invitation.case

    log_in(page, applicant.user.email)
    for path in ["/dashboard/", "/questionnaire/", *[f"/questionnaire/{s}/" for s in STEPS],
                 "/result/", "/case/", f"/case/{case.pk}/", f"/case/{case.pk}/documents/",
                 "/case/rounds/", "/noc/", "/accounts/password_change/",
                 "/accounts/two-factor/", "/accounts/two-factor/set-up/"]:
        watched.visit(path)
    assert page.locator(".qr-code svg").is_visible()

    # HTMX at work under the policy: add a row, search the NOC, save a step.
    watched.visit("/questionnaire/work_canada/")
    add_row(page, "Add a job")
    page.locator("input[name$='-noc']").last.fill("2123")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state("networkidle")
    watched.visit("/noc/")
    page.get_by_role("searchbox").first.fill("cook")
    page.wait_for_load_state("networkidle")
    assert watched.problems == []


def test_the_code_page_raises_no_violation(watched, page):
    applicant = ApplicantFactory()
    device = authenticator(applicant.user)
    log_in(page, applicant.user.email, device=device)
    watched.visit("/accounts/two-factor/")
    assert watched.problems == []
