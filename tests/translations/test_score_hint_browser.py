"""The score range the questionnaire's script writes under each score reads in the page's
language (its words come from the page, not from the script)."""

import pytest
from django.conf import settings

from tests.browser import sign_in_as
from tests.factories import LanguageTestFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(("language", "hint"), [
    ("fr", "0–9 (par tranches de 0,5)"),
    ("en", "0–9 (steps of 0.5)"),
])
def test_the_half_point_scale_is_described_in_the_page_language(
        page, live_server, applicant, language, hint):
    LanguageTestFactory(applicant=applicant, test="ielts_general")
    applicant.user.language = language  # a signed-in person reads their account's language
    applicant.user.save(update_fields=["language"])
    sign_in_as(page, live_server, applicant.user)
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                               "url": live_server.url}])
    page.goto("/questionnaire/language/")
    listening = page.locator("input[name='tests-0-listening']")
    assert listening.locator("xpath=following-sibling::div[contains(@class, 'score-range')]"
                             ).inner_text() == hint
