"""What the result panel, the result page and the review say, in words and numbers."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from profiles.evaluation import evaluate_applicant
from tests.factories import ApplicantFactory, JobFactory, LanguageTestFactory

pytestmark = pytest.mark.django_db

NOT_MET = "You do not meet the Canadian Experience Class requirements today."
STILL_NEEDED = "To tell whether you meet the Canadian Experience Class requirements, we still need:"


def test_no_verdict_before_work_and_language_are_answered(client):
    applicant = ApplicantFactory(completed_steps=["about"])
    client.force_login(applicant.user)
    html = client.get(reverse("questionnaire:step", args=["education"])).content.decode()
    assert NOT_MET not in html
    assert STILL_NEEDED in html
    needed = html[html.index(STILL_NEEDED):]
    assert "Language tests" in needed[:600] and "Work in Canada" in needed[:600]
    assert 'data-verdict="pending"' in html
    assert "Still needed for a verdict:" in html  # the phone summary says it too


def test_once_both_are_answered_the_verdict_shows(client):
    applicant = ApplicantFactory(completed_steps=["about", "language", "work_canada"])
    client.force_login(applicant.user)
    html = client.get(reverse("dashboard")).content.decode()
    assert STILL_NEEDED not in html
    assert NOT_MET in html


def test_facts_entered_without_the_steps_count_as_answered(client):
    applicant = ApplicantFactory(completed_steps=[])
    LanguageTestFactory(applicant=applicant)
    JobFactory(applicant=applicant, start=date(2025, 9, 1))
    client.force_login(applicant.user)
    html = client.get(reverse("result")).content.decode()
    assert STILL_NEEDED not in html
    assert "data-verdict=" in html and 'data-verdict="pending"' not in html


def test_only_the_missing_one_is_named(client):
    applicant = ApplicantFactory(completed_steps=["work_canada"])
    client.force_login(applicant.user)
    html = client.get(reverse("result")).content.decode()
    needed = html[html.index(STILL_NEEDED):]
    needed = needed[:needed.index("</ul>")]
    assert "Language tests" in needed and "Work in Canada" not in needed


def test_steps_done_counts_the_numbered_steps(client):
    applicant = ApplicantFactory(completed_steps=["about"])
    client.force_login(applicant.user)
    html = client.get(reverse("questionnaire:step", args=["education"])).content.decode()
    assert "1 of 6 steps done" in html
    nav = html[html.index('class="step-list'):html.index("</ol>")]
    assert len(re.findall(r"<li ", nav)) == 6
    assert "7." not in nav


def test_the_score_is_said_to_be_todays_not_a_target(applicant_client, applicant):
    LanguageTestFactory(applicant=applicant)
    html = applicant_client.get(reverse("dashboard")).content.decode()
    total = evaluate_applicant(applicant=applicant).result.crs.total
    assert "Your CRS score today:" in html
    assert f"data-crs-total>{total}</span> points" in html


def test_french_tests_are_shown_in_nclc(applicant_client, applicant):
    LanguageTestFactory(applicant=applicant, test="tef_canada", listening=500, reading=500,
                        writing=500, speaking=500)
    html = applicant_client.get(reverse("result")).content.decode()
    line = html[html.index("TEF Canada of"):]
    line = line[:line.index("</li>")]
    assert "NCLC 8/8/8/8" in line and "CLB" not in line


def test_test_scores_show_as_typed_not_with_a_decimal(applicant_client, applicant):
    LanguageTestFactory(applicant=applicant, test="tef_canada", listening=478, reading=500,
                        writing=500, speaking=500)
    LanguageTestFactory(applicant=applicant, listening=Decimal("6.5"))
    html = applicant_client.get(reverse("questionnaire:step", args=["review"])).content.decode()
    assert "L 478 ·" in html and "478.0" not in html
    assert "L 6.5 ·" in html


def test_job_hours_are_labelled_with_their_window_and_a_capped_job_says_why(
    applicant_client, applicant
):
    LanguageTestFactory(applicant=applicant)
    JobFactory(applicant=applicant, title="Day job", start=date(2023, 9, 1),
               hours_per_week=Decimal(25))
    JobFactory(applicant=applicant, title="Evening job", start=date(2024, 9, 1),
               hours_per_week=Decimal(20))
    html = applicant_client.get(reverse("result")).content.decode()
    assert "Hours counted for the CEC (3 years)" in html
    assert "The CRS counts Canadian work over 10 years" in html
    row = html[html.index("Evening job"):]
    row = row[:row.index("</tr>")]
    assert "30 h/week at most, shared between jobs that overlap" in row
    assert re.search(r"<td>\d,\d{3}</td>", html)  # thousands separated, like the CRS line


def test_duty_comparison_counts_the_unit_groups_duties(applicant_client, applicant):
    from tests.noc.conftest import SAMPLE, import_noc

    import_noc(SAMPLE / "structure.csv", SAMPLE / "elements.csv")
    from eligibility.models import MainDuty

    total = MainDuty.objects.filter(unit_group__code="21232", is_heading=False).count()
    JobFactory(applicant=applicant, noc="21232",
               duties="I write computer programs and test them. I fix bugs in the code.")
    html = applicant_client.get(reverse("result")).content.decode()
    covered = int(re.search(r'data-duties-covered="(\d+)"', html).group(1))
    assert total > 0
    assert f"covers {covered} of {total} main dut" in html
    assert " of 0 main duties" not in html
