"""score_improvements: the biggest measured gains, each computed by the engine itself."""

from dataclasses import replace
from datetime import date

from eligibility.rules import evaluate, parse_facts, score_improvements
from eligibility.rules.facts import LanguageTest
from tests.rules.builders import AS_OF, facts, ielts, job, spouse


def parsed(**fields):
    return parse_facts(facts(**fields), today=AS_OF)


BASE = dict(
    marital_status="married",
    spouse=spouse(education=[{"level": "bachelors"}]),
    education=[{"level": "bachelors"}],
    language_tests=[ielts(scores=(8.0, 6.5, 7.0, 6.0))],
    jobs=[job(start="2025-09-01", end=None, hours=40)],
)


def by_code(improvements):
    return {item.code: item for item in improvements}


def test_at_most_five_positive_gains_biggest_first():
    improvements = score_improvements(parsed(**BASE))
    assert 0 < len(improvements) <= 5
    assert all(item.points > 0 for item in improvements)
    assert [item.points for item in improvements] == sorted(
        (item.points for item in improvements), reverse=True
    )


def test_each_total_is_the_current_total_plus_the_gain():
    current = evaluate(parsed(**BASE)).crs.total
    assert all(item.total == current + item.points for item in score_improvements(parsed(**BASE)))


def test_a_french_test_at_nclc_7_adds_second_language_and_french_points():
    improvement = by_code(score_improvements(parsed(**BASE)))["second_language"]
    assert improvement.points == 4 * 3 + 50
    assert "TEF Canada" in improvement.text
    assert "listening 434, reading 434, writing 428, speaking 456" in improvement.text


def test_the_gain_equals_scoring_the_changed_facts_again():
    before = parsed(**BASE)
    added = LanguageTest(test="tef_canada", taken_on=AS_OF, listening=434, reading=434,
                         writing=428, speaking=456)
    after = replace(before, language_tests=before.language_tests + (added,))
    gain = evaluate(after).crs.total - evaluate(before).crs.total
    assert by_code(score_improvements(before))["second_language"].points == gain


def test_next_level_names_the_ability_and_the_score_needed():
    improvement = by_code(score_improvements(parsed(**BASE)))["first_language_next_level"]
    assert improvement.text == (
        "Retake IELTS General Training and score 7.0 in reading (CLB 9 instead of CLB 8), "
        "keeping your other scores"
    )
    assert improvement.points == 29 - 22


def test_one_more_year_of_canadian_work_says_when_it_arrives():
    improvement = by_code(score_improvements(parsed(**BASE)))["canadian_work_year"]
    # 2025-09-01 at 30 counted h/week: 2 × 10,920 / 30 = 728 days later.
    assert improvement.on == date(2025, 9, 1).fromordinal(date(2025, 9, 1).toordinal() + 728)
    assert improvement.points == (46 - 35) + (25 - 13)  # canadian work, then C2 (E1)


def test_spouse_without_a_test_is_offered_one():
    improvement = by_code(score_improvements(parsed(**BASE)))["spouse_language_clb_7"]
    assert improvement.points == 4 * 3


def test_someone_without_a_test_is_offered_one():
    improvements = by_code(score_improvements(parsed(education=[{"level": "masters"}])))
    assert improvements["take_test_clb_9"].points > improvements["take_test_clb_7"].points


def test_no_current_job_means_no_work_year_suggestion():
    improvements = score_improvements(parsed(language_tests=[ielts(7)]))
    assert "canadian_work_year" not in by_code(improvements)


def test_nothing_is_suggested_at_the_top_of_every_factor_offered():
    improvements = score_improvements(parsed(
        education=[{"level": "doctoral"}],
        language_tests=[ielts(10), {"test": "tef_canada", "taken_on": "2025-03-10",
                                    "listening": 600, "reading": 600, "writing": 600,
                                    "speaking": 600}],
        jobs=[job(start="2015-01-01", end=None, hours=40)],
    ))
    assert improvements == []


def test_one_more_year_says_1_year_not_1_years():
    from datetime import timedelta

    start = (AS_OF - timedelta(days=100)).isoformat()
    improvement = by_code(score_improvements(parsed(**{
        **BASE, "jobs": [job(start=start, end=None, hours=40)]})))["canadian_work_year"]
    assert "you reach 1 year of experience on" in improvement.text
    two = by_code(score_improvements(parsed(**BASE)))["canadian_work_year"]
    assert "you reach 2 years of experience on" in two.text
