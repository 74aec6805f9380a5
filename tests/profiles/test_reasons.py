"""``profiles.reasons``: the engine's reasons (a code and its figures) said in the active
language — English exactly as the engine writes it, French with French numbers and dates."""

import re
from datetime import date

import pytest
from django.utils import translation

from eligibility.rules import categories, evaluate, parse_facts, result_to_json, score_improvements
from eligibility.rules.reasons import TEMPLATES
from profiles import reasons
from profiles.reading import read_evaluation
from tests.profiles.test_opening_reasons import OPENING_CODES
from tests.rules.builders import (
    AS_OF,
    birth_for_age,
    days_before,
    facts,
    ielts,
    job,
    last_days,
    spouse,
    tef,
)

NBSP = "\u00a0"


def iso_after(days: int) -> str:
    return date.fromordinal(AS_OF.toordinal() + days).isoformat()

# Facts that between them make the engine give most of its reasons: short and met work,
# reached later or never, jobs left out for every cause, tests expired or not yet taken,
# every language level branch, Quebec / not stated / a province, a spouse, French, caps.
CASES = {
    "short, one job goes on": facts(
        jobs=[job(start=days_before(300), end=None, hours=37.5)],
        language_tests=[ielts(9)], intended_province="ON",
    ),
    "short, two jobs go on": facts(
        jobs=[job(start=days_before(200), end=None, hours=20),
              job(start=days_before(100), end=None, hours=15, teer=2)],
        language_tests=[ielts(5)],
    ),
    "ended jobs, reached as entered": facts(
        jobs=[job(start=days_before(200), end=iso_after(200), hours=40)],
        language_tests=[ielts(4)], intended_province="QC",
    ),
    "never reaches": facts(
        jobs=[job(start=days_before(60), end=None, hours=5)], language_tests=[],
    ),
    "met, every exclusion": facts(
        jobs=[
            last_days(800),
            job(start=days_before(2000), end=days_before(1500)),
            job(teer=5, start=days_before(300), end=None),
            job(start=days_before(300), end=days_before(100), paid=False, authorized=False),
            job(start=days_before(300), end=days_before(100), self_employed=True),
            job(noc="31102", start=days_before(300), end=None, self_employed=True,
                physician_fee_for_service=True, full_time_student=True),
            job(noc="31301", start=days_before(300), end=None, self_employed=True,
                physician_fee_for_service=True),
            job(country="FR", start=days_before(2000), end=days_before(1000)),
        ],
        language_tests=[ielts(7, taken_on="2023-01-10"), ielts(9, taken_on="2026-12-01")],
        education=[{"level": "bachelors", "canadian": True}, {"level": "masters"}],
        certificate_of_qualification=True, sibling_in_canada=True,
    ),
    "mixed TEER, French and English, spouse": facts(
        marital_status="married",
        spouse=spouse(education=[{"level": "two_year"}], language_tests=[ielts(6)],
                      jobs=[last_days(800, hours=30)]),
        jobs=[last_days(400, hours=20, teer=1), last_days(400, hours=20, teer=3),
              job(country="IN", start=days_before(2500), end=days_before(1300))],
        language_tests=[ielts(9), tef(9)],
        education=[{"level": "doctoral"}],
    ),
    "mixed TEER, TEER 2 and 3 alone enough": facts(
        jobs=[last_days(800, teer=2, hours=30), last_days(400, teer=1, hours=10)],
        language_tests=[ielts(6)],
    ),
    "mixed TEER, met only with TEER 0 or 1": facts(
        jobs=[job(teer=1, start=days_before(800), end=days_before(400)),
              last_days(200, teer=2, hours=30)],
        language_tests=[ielts(6)],
    ),
    "TEER 2 only, a score below CLB 4": facts(
        jobs=[last_days(400, teer=2)], language_tests=[ielts(scores=(3.0, 6.0, 6.0, 6.0))],
    ),
    "TEER 2 only, level 5": facts(jobs=[last_days(400, teer=2)], language_tests=[ielts(5)]),
    "every transferability cap": facts(
        jobs=[last_days(800), job(country="IN", start=days_before(2500), end=days_before(1300))],
        language_tests=[ielts(9)], education=[{"level": "masters"}],
        certificate_of_qualification=True,
    ),
    "French only": facts(jobs=[last_days(400)], language_tests=[tef(9)]),
    "before the physicians' policy, with a job offer": {
        "as_of": "2023-01-15", "birth_date": "1990-01-01", "marital_status": "single",
        "jobs": [job(start="2021-06-01", end=None),
                 job(noc="31102", start="2022-01-01", end=None, self_employed=True,
                     physician_fee_for_service=True)],
        "language_tests": [ielts(9, taken_on="2022-06-01")],
        "job_offer": {"noc": "00012"},
    },
    "mixed TEER short": facts(
        jobs=[last_days(200, teer=1), last_days(200, hours=10, teer=2)],
        language_tests=[ielts(6)],
    ),
    "TEER 0/1 only, level 6": facts(jobs=[last_days(400)], language_tests=[ielts(6)]),
    "French first, weak English": facts(
        birth_date=birth_for_age(24), jobs=[last_days(400)],
        language_tests=[tef(9), ielts(4)], provincial_nomination=True,
    ),
}


def _facts(name: str):
    return parse_facts(CASES[name], today=AS_OF)


def _result(name: str) -> dict:
    return result_to_json(evaluate(_facts(name)))


def _reasons_of(result: dict):
    """(english, {"code", "params"}) for every reason a result carries."""
    cec = result["cec"]
    for item in cec["requirements"]:
        yield item["reason"], {"code": item["reason_code"], "params": item["reason_params"]}
    for item in cec["jobs"]:
        if item["excluded"]:
            yield item["excluded"], {"code": item["excluded_code"],
                                     "params": item["excluded_params"]}
    for line in result["crs"]["lines"]:
        yield line["detail"], {"code": line["detail_code"], "params": line["detail_params"]}


def _codes(why: dict):
    yield why["code"]
    for value in why["params"].values():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                yield from _codes(item)


def test_every_code_the_engine_can_give_has_a_message():
    assert set(reasons.MESSAGES) == set(TEMPLATES)


@pytest.mark.parametrize("code", sorted(TEMPLATES))
def test_each_message_is_the_engines_english_template(code):
    # One home for the words: the msgid is the engine's template, placeholders aside.
    engine = re.sub(r"\{(\w+)(:,)?\}", r"%(\1)s", TEMPLATES[code])
    message = reasons.MESSAGES[code]
    with translation.override("en"):
        if code in reasons.COUNTS:
            assert message._kw["plural"] == engine
        else:
            assert str(message) == engine


@pytest.mark.parametrize("name", sorted(CASES))
def test_in_english_every_reason_reads_as_the_engine_wrote_it(name):
    result = _result(name)
    said = list(_reasons_of(result))
    assert said
    with translation.override("en"):
        for english, why in said:
            assert reasons.say(why, "") == english


def test_the_cases_give_every_code_but_the_disclaimer():
    seen = set()
    for name in CASES:
        for _english, why in _reasons_of(_result(name)):
            seen.update(_codes(why))
        for improvement in score_improvements(_facts(name)):
            seen.update(_codes(improvement.why.to_json()))
    # The disclaimer is read on its own, from the ruleset; the openings' codes have their cases
    # in test_opening_reasons.py.
    assert set(TEMPLATES) - seen == {"disclaimer"} | OPENING_CODES


@pytest.mark.parametrize("name", sorted(CASES))
def test_in_english_every_improvement_reads_as_the_engine_wrote_it(name):
    found = score_improvements(_facts(name))
    with translation.override("en"):
        for improvement in found:
            assert reasons.say_reason(improvement.why) == improvement.text


def test_in_french_hours_are_grouped_with_a_no_break_space_and_dates_are_written_out():
    why = {"code": "work_short", "params": {"hours": 1248, "first": "2023-11-25",
                                            "last": "2026-11-24"}}
    with translation.override("fr"):
        text = reasons.say(why)
    assert text == (
        f"1{NBSP}248 heures sur 1{NBSP}560 dans la période du 25 novembre 2023 au "
        "24 novembre 2026"
    )


def test_in_french_one_hour_is_singular():
    why = {"code": "work_short", "params": {"hours": 1, "first": "2023-11-25",
                                            "last": "2026-11-24"}}
    with translation.override("fr"):
        assert reasons.say(why).startswith(f"1 heure sur 1{NBSP}560")


def test_in_french_clb_is_nclc_and_abilities_have_their_french_names():
    why = {"code": "level_needs_7", "params": {"ability": "writing", "level": 6, "unit": "CLB"}}
    with translation.override("fr"):
        text = reasons.say(why)
    assert "NCLC 7" in text and "NCLC 6" in text and "CLB" not in text
    assert "expression écrite" in text


def test_in_french_hours_per_week_take_a_decimal_comma():
    why = {"code": "reach_one_job", "params": {"rate": "37.5", "on": "2027-03-14"}}
    with translation.override("fr"):
        assert reasons.say(why) == (
            f"Si votre emploi actuel se poursuit à 37,5 h par semaine, vous atteignez 1{NBSP}560 "
            "heures le 14 mars 2027"
        )


def test_in_french_a_requirement_of_a_whole_evaluation_is_french():
    result = _result("short, one job goes on")
    work = result["cec"]["requirements"][0]
    with translation.override("fr"):
        text = reasons.say({"code": work["reason_code"], "params": work["reason_params"]})
    assert "heures sur 1" in text and "novembre 2026" in text
    assert f"{NBSP}: " not in text or text.count(":") == text.count(f"{NBSP}:")


def test_every_french_message_keeps_the_placeholders_of_its_english():
    for code, message in reasons.MESSAGES.items():
        engine = set(re.findall(r"\{(\w+)", TEMPLATES[code]))
        with translation.override("fr"):
            french = (
                translation.ngettext(message._kw["singular"], message._kw["plural"], 2)
                if code in reasons.COUNTS else str(message)
            )
        assert set(re.findall(r"%\((\w+)\)s", french)) == engine, code
        same_in_french = {"then", "with_note", "level", "education_detail", "occupation_titled"}
        assert french != str(message) or code in same_in_french, f"{code} is not translated"


def test_a_result_stored_before_reasons_had_codes_shows_the_stored_english():
    result = _result("short, one job goes on")
    for item in result["cec"]["requirements"]:
        del item["reason_code"], item["reason_params"]
    with translation.override("fr"):
        evaluation = read_evaluation(result)
        assert evaluation.result.requirements[0].reason == result["cec"]["requirements"][0][
            "reason"
        ]


def test_the_read_result_speaks_the_active_language():
    stored = _result("met, every exclusion")
    evaluation = read_evaluation(stored)
    with translation.override("en"):
        english = [job.excluded for job in evaluation.result.jobs if job.excluded]
        assert english == [job["excluded"] for job in stored["cec"]["jobs"] if job["excluded"]]
        assert evaluation.result.disclaimer == stored["disclaimer"]
    with translation.override("fr"):
        french = [job.excluded for job in evaluation.result.jobs if job.excluded]
        assert all("n'est pas compté" in text for text in french)
        assert "Entrée express" in evaluation.result.disclaimer
        line = evaluation.result.crs.lines[0]
        assert line.factor == "age" and "ans le 25 novembre 2026" in line.detail


# --- category-based rounds --------------------------------------------------------------------


def _category_reasons(result: dict):
    for entry in result["categories"]:
        yield entry["reason"], entry["reason_code"], entry["reason_params"]
    note = result["categories_note"]
    yield note["reason"], note["reason_code"], note["reason_params"]


def test_every_category_reason_code_has_a_renderer():
    engine_codes = {value for name, value in vars(categories).items() if name.startswith("R_")}
    assert set(reasons.CATEGORY_REASONS) == engine_codes


@pytest.mark.parametrize("name", sorted(CASES))
def test_in_english_every_category_reason_reads_as_the_engine_wrote_it(name):
    with translation.override("en"):
        for english, code, params in _category_reasons(_result(name)):
            assert reasons.say_category(code, params) == english


def test_in_english_occupations_are_named_by_their_titles_as_the_engine_names_them():
    titles = {"31301": "Registered nurses and registered psychiatric nurses"}
    facts = parse_facts(CATEGORY_CASE, today=AS_OF)
    result = result_to_json(evaluate(facts, noc_titles=titles))
    said = list(_category_reasons(result))
    assert any("Registered nurses" in english for english, _code, _params in said)
    with translation.override("en"):
        for english, code, params in said:
            assert reasons.say_category(code, params, titles) == english


def test_in_french_a_category_reason_has_french_hours_dates_and_occupation():
    result = result_to_json(evaluate(parse_facts(CATEGORY_CASE, today=AS_OF)))
    healthcare = next(entry for entry in result["categories"] if entry["code"] == "healthcare")
    with translation.override("fr"):
        text = reasons.say_category(healthcare["reason_code"], healthcare["reason_params"],
                                    {"31301": "Infirmiers autorisés/infirmières autorisées"})
    assert re.match(rf"\d{NBSP}\d{{3}} heures comme", text)
    assert "heures comme Infirmiers autorisés/infirmières autorisées (31301)" in text
    assert "novembre 2026" in text


def test_in_french_the_french_category_reason_is_french():
    result = _result("French only")
    entry = next(entry for entry in result["categories"] if entry["code"] == "french")
    with translation.override("fr"):
        text = reasons.say_category(entry["reason_code"], entry["reason_params"])
    assert "NCLC 7 ou plus dans les quatre habiletés" in text


CATEGORY_CASE = facts(
    jobs=[last_days(600, noc="31301", hours=30), job(country="PH", noc="31301",
                                                     start=days_before(3000),
                                                     end=days_before(2000))],
    language_tests=[ielts(8)],
)


def test_each_score_problem_message_is_the_engines_english_word_for_word():
    from eligibility.rules.language import SCORE_RANGE_MESSAGES
    from profiles.reasons import SCORE_PROBLEMS

    with translation.override("en"):
        assert {key: str(text) for key, text in SCORE_PROBLEMS.items()} == dict(
            SCORE_RANGE_MESSAGES
        )


def test_a_score_the_test_cannot_give_is_explained_in_french():
    from profiles.reasons import say_score_problem

    with translation.override("fr"):
        said = say_score_problem("ielts_general", "reading", 6.25)
    assert said and "IELTS" in said and "steps" not in said
