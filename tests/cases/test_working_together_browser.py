"""In a real browser, a consultant and their client work one file together: the consultant
requests a document, the applicant gets the email and uploads the document from its link, the
consultant sends it back with a comment, the applicant replies in a message, the consultant
accepts."""

import os
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from cases.enums import CaseStatus, DocumentStatus
from cases.models import DocumentItem, Message
from tests.auth import authenticator
from tests.browser import log_in
from tests.cases.conftest import make_eligible
from tests.cases.factories import CaseFactory
from tests.cases.samples import PDF
from tests.factories import ApplicantFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = pytest.mark.browser


@pytest.mark.django_db(transaction=True)
def test_request_upload_send_back_reply_and_accept(page, browser, live_server, consultant,
                                                   settings, mailoutbox):
    settings.CEC_SITE_URL = live_server.url  # the emails' links lead to this server
    applicant = make_eligible(ApplicantFactory(consultant=consultant))
    case = CaseFactory(applicant=applicant, status=CaseStatus.PREPARING)
    due = (timezone.localdate() + timedelta(days=10)).isoformat()

    # The consultant requests a document.
    log_in(page, consultant.email, device=authenticator(consultant))
    page.goto(f"/case/{case.pk}/documents/")
    request = page.locator(".request-form")
    request.locator("#id_title").fill("Letter from the bank")
    request.get_by_label("What it must show").fill("Your name and the account's opening date")
    request.get_by_label("Due date").fill(due)
    request.get_by_role("button", name="Add to the checklist").click()
    page.get_by_text("Document added to the checklist").wait_for()
    item = DocumentItem.objects.get(case=case, kind="requested")

    # The applicant gets the email: a link, nothing of the request itself.
    (mail,) = [mail for mail in mailoutbox if mail.to == [applicant.user.email]]
    assert "Letter from the bank" not in mail.body
    link = re.search(r"http\S+", mail.body).group(0)
    assert link.endswith(f"/case/{case.pk}/documents/#item-{item.pk}")

    # The applicant, in a browser of their own, follows the link and uploads the document.
    own = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 812})
    mine = own.new_page()
    mine.set_default_timeout(15_000)
    log_in(mine, applicant.user.email)
    mine.goto(link)
    card = mine.locator(f"#item-{item.pk}")
    assert card.get_by_text("Your name and the account's opening date").is_visible()
    card.get_by_label("File").set_input_files(
        {"name": "bank.pdf", "mimeType": "application/pdf", "buffer": PDF})
    card.get_by_role("button", name=re.compile("^Upload")).click()
    mine.locator(f"#item-{item.pk} .document-status", has_text="Uploaded").wait_for()

    # The consultant sends it back with a comment.
    page.reload()
    card = page.locator(f"#item-{item.pk}")
    card.get_by_label("Review").select_option(label="Needs changes")
    card.get_by_label("Comment").fill("The opening date is cut off at the bottom")
    card.get_by_role("button", name="Save the review").click()
    page.locator(f"#item-{item.pk} .document-status", has_text="Needs changes").wait_for()

    # The applicant sees why, and replies in a message.
    mine.goto("/dashboard/")
    mine.get_by_role("link", name=re.compile("was sent back")).click()
    assert mine.locator(f"#item-{item.pk}").get_by_text(
        "The opening date is cut off at the bottom").is_visible()
    mine.goto(f"/case/{case.pk}/messages/")
    form = mine.locator(".message-form")
    form.locator("#id_body").fill(
        "The bank's letter has the date on page 2, which I uploaded too.")
    form.get_by_role("button", name="Send").click()
    mine.locator(".message-body", has_text="which I uploaded too").wait_for()

    # The consultant reads the message (then marked read), and accepts the document.
    page.goto(f"/case/{case.pk}/")
    page.get_by_role("link", name=re.compile("Messages.*1 unread")).click()
    page.locator(".message-body", has_text="which I uploaded too").wait_for()
    page.goto(f"/case/{case.pk}/documents/")
    card = page.locator(f"#item-{item.pk}")
    card.get_by_label("Review").select_option(label="Accepted")
    card.get_by_role("button", name="Save the review").click()
    page.locator(f"#item-{item.pk} .document-status", has_text="Accepted").wait_for()

    item.refresh_from_db()
    assert item.status == DocumentStatus.ACCEPTED
    assert Message.objects.get(case=case).read_at is not None
    own.close()
