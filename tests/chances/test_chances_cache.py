"""The quick check's chances table is kept in the cache: the same answers give the same table
until the rounds change, and it is never shown in another language."""

import json
from unittest import mock

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from eligibility.draws import chances
from eligibility.models import Round
from tests.accounts.test_quick_check import NURSE_ANSWERS, post
from tests.chances.conftest import healthcare_round

pytestmark = pytest.mark.django_db

SHARED_ROUNDS = settings.SHARED_DIR / "data/ee_rounds/ee_rounds_123_en.json"


def result_page(client) -> str:
    return client.get(reverse("quick_check")).content.decode()


def table(html: str) -> str:
    return html.split('id="chances"')[1].split("</section>")[0]


def test_the_same_answers_again_reuse_the_table(client):
    healthcare_round(cutoff=475, days=30, number="422")
    post(client, NURSE_ANSWERS)
    first = result_page(client)
    with mock.patch.object(chances, "chances_for", wraps=chances.chances_for) as made:
        again = result_page(client)
    assert made.call_count == 0
    assert 'data-round-type="healthcare"' in again
    assert table(again) == table(first)


def test_a_new_round_shows_at_once(client):
    healthcare_round(cutoff=475, days=30, number="422")
    post(client, NURSE_ANSWERS)
    assert "#422" in result_page(client)
    healthcare_round(cutoff=480, days=2, number="430")
    html = result_page(client)
    assert "#430" in html


def test_a_removed_round_goes_at_once(client):
    healthcare_round(cutoff=475, days=30, number="422")
    healthcare_round(cutoff=480, days=2, number="430")
    post(client, NURSE_ANSWERS)
    assert "#430" in result_page(client)
    Round.objects.filter(number="430").delete()
    html = result_page(client)
    assert "#430" not in html
    assert "#422" in html


def test_the_table_follows_a_language_switch(client):
    healthcare_round(cutoff=475, days=30, number="422")
    post(client, NURSE_ANSWERS)
    assert "Rounds that can invite you" in result_page(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    html = result_page(client)
    assert "Rounds that can invite you" not in html
    assert 'lang="fr"' in html


def test_other_answers_get_their_own_table(client):
    healthcare_round(cutoff=475, days=30, number="422")
    post(client, NURSE_ANSWERS)
    first = table(result_page(client))
    post(client, {**NURSE_ANSWERS, "test-listening": "6", "test-reading": "6"})
    second = table(result_page(client))
    assert first != second


@pytest.mark.skipif(not SHARED_ROUNDS.exists(), reason=f"{SHARED_ROUNDS} is not there")
def test_an_import_that_corrects_a_round_changes_the_stamp(tmp_path):
    document = json.loads(SHARED_ROUNDS.read_text())
    source = tmp_path / "rounds.json"
    source.write_text(json.dumps(document))
    call_command("import_rounds", str(source), stdout=open("/dev/null", "w"))  # noqa: SIM115
    before = chances.rounds_stamp()
    document["rounds"][0]["drawCRS"] = str(int(document["rounds"][0]["drawCRS"]) + 1)
    source.write_text(json.dumps(document))
    call_command("import_rounds", str(source), stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert chances.rounds_stamp() != before
