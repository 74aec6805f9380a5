"""The quick check's page is kept in the cache under a key made of the answers, the day, the
rounds and the language (``profiles.quick_check.page_key``): the same answers again are not
judged again, and a change to any of these shows at once. The CSRF token is each request's."""

import re
from datetime import date
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from profiles import quick_check
from profiles.kept import release_stamp
from tests.accounts.test_quick_check import NURSE_ANSWERS, post
from tests.chances.conftest import healthcare_round

pytestmark = [pytest.mark.django_db, pytest.mark.kept_as_served]

KEPT_TEMPLATE = "accounts/_quick_check.html"


def page(client):
    return client.get(reverse("quick_check"))


def rendered(response) -> bool:
    return KEPT_TEMPLATE in [template.name for template in response.templates]


def crs(response) -> str:
    return re.search(r"data-quick-crs>.*?<strong>(\d+)</strong>", response.content.decode())[1]


def test_the_same_answers_again_are_not_judged_again(client):
    post(client, NURSE_ANSWERS)
    first = page(client)
    with mock.patch.object(quick_check, "facts_from_rows",
                           wraps=quick_check.facts_from_rows) as judged:
        again = page(client)
    assert rendered(first)
    assert not rendered(again)
    assert judged.call_count == 0
    assert crs(again) == crs(first)


def test_new_answers_show_their_own_result(client):
    post(client, NURSE_ANSWERS)
    first = crs(page(client))
    post(client, {**NURSE_ANSWERS, "test-listening": "6", "test-reading": "6"})
    response = page(client)
    assert rendered(response)
    assert crs(response) != first


def test_a_new_round_shows_on_a_kept_page(client):
    healthcare_round(cutoff=475, days=30, number="422")
    post(client, NURSE_ANSWERS)
    page(client)
    healthcare_round(cutoff=480, days=2, number="430")
    assert "#430" in page(client).content.decode()


def test_the_next_day_the_answers_are_judged_again(client):
    post(client, NURSE_ANSWERS)
    page(client)
    with mock.patch.object(quick_check.timezone, "localdate", return_value=date(2027, 1, 4)), \
            mock.patch("accounts.views.timezone.localdate", return_value=date(2027, 1, 4)):
        assert rendered(page(client))


def test_the_page_in_french_is_not_the_english_one_kept(client):
    post(client, NURSE_ANSWERS)
    page(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    response = page(client)
    assert rendered(response)
    assert 'lang="fr"' in response.content.decode()


def test_a_kept_page_carries_each_visitors_own_csrf_token():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get(reverse("quick_check"))
    blank = second.get(reverse("quick_check"))
    assert not rendered(blank)
    form = blank.content.decode().split('action="/accounts/quick-check/"')[1]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)[1]
    answer = second.post(reverse("quick_check"), {
        **NURSE_ANSWERS, "check": "", "csrfmiddlewaretoken": token,
    }, REMOTE_ADDR="203.0.113.10")
    assert answer.status_code == 302


def test_what_was_typed_into_a_refused_check_is_never_kept(client):
    refused = post(client, {**NURSE_ANSWERS, "job-noc": "1"})
    assert 'name="job-noc" value="1"' in refused.content.decode()
    assert 'value="1"' not in page(client).content.decode().split('name="job-noc"')[1][:40]


def test_another_visitor_with_the_same_answers_is_not_served_the_kept_page(client):
    post(client, NURSE_ANSWERS)
    page(client)
    other = Client()
    post(other, NURSE_ANSWERS, address="203.0.113.11")
    assert rendered(page(other))


def test_a_kept_page_whose_token_cannot_be_put_in_is_rendered_afresh(client):
    key = quick_check.page_key(None, on=date.today(), visitor=None)
    caches["kept"].set(f"kept:{release_stamp()}:{key}",
                       '<input name="csrfmiddlewaretoken" value="csrf-token-of-the-request">')
    response = page(client)
    assert rendered(response)
    assert "csrf-token-of-the-request" not in response.content.decode()
    assert 'name="job-noc"' in response.content.decode()
