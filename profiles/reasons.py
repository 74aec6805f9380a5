"""The rules engine's reasons, said in the active language.

The engine (``eligibility.rules.reasons``) gives every reason as a code and its figures, and
keeps the English words in one place. Here each code has its message: the msgid is the engine's
English template with ``%(name)s`` placeholders (``tests/profiles/test_reasons.py`` checks they
are the same words), so English reads exactly as the engine wrote it and French comes from the
catalogue. The figures are put in the active language's forms:

- a count of hours with thousands grouped (``1,560`` / ``1 560`` with a no-break space);
- hours per week and test scores with the language's decimal mark (``37.5`` / ``37,5``);
- dates as the translation of ``REASON_DATE_FORMAT`` (``2026-11-27`` / ``27 novembre 2026``);
- CLB in English, NCLC (its French name) in French; abilities, provinces, education levels,
  the official languages by their translated names.

Pure: no database, no request; the active language is Django's.
"""

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy, pgettext, pgettext_lazy

from eligibility.rules.categories import CATEGORY_LABELS
from eligibility.rules.crs import EDUCATION_LABELS
from eligibility.rules.facts import PROVINCES
from eligibility.rules.language import NOT_A_NUMBER as ENGINE_NOT_A_NUMBER
from eligibility.rules.language import TEST_LABELS, score_problem
from profiles.enums import Province
from profiles.phrases import CATEGORY_NAMES

# code → message; a plural message (ngettext_lazy) counts the parameter named in COUNTS.
MESSAGES = {
    "then": _("%(first)s. %(then)s"),
    "because": _("%(first)s: %(then)s"),
    "with_note": _("%(first)s%(then)s"),
    "clb_levels": _("%(unit)s %(levels)s (listening/reading/writing/speaking)"),
    "disclaimer": _(
        "This is an estimate under the Express Entry rules in force from %(effective)s; "
        "the high-wage occupation factor reported for 2026-11-03 is not included because "
        "its values are not confirmed. IRCC's own system governs: only IRCC decides "
        "eligibility and scores."
    ),
    "not_in_canada": _("done outside Canada (%(country)s)"),
    "teer_too_low": _("NOC %(noc)s is TEER %(teer)s; only TEER 0, 1, 2 or 3 counts"),
    "unpaid": _("unpaid (volunteer work and unpaid internships do not count)"),
    "unauthorized": _(
        "not authorized (work counts only while holding temporary resident status with "
        "authorization to work; refugee claimants have no such status)"
    ),
    "self_employed": _("self-employment"),
    "self_employed_not_physician_noc": _(
        "self-employment (the physicians' public policy covers only NOC 31100, 31101 and "
        "31102)"
    ),
    "self_employed_before_policy": _(
        "self-employment (the physicians' public policy applies only from 2023-04-25)"
    ),
    "full_time_student": _("full-time student"),
    "work_not_counted": _("Work from %(start)s to %(end)s is not counted: %(why)s"),
    "work_not_counted_present": _("Work from %(start)s to the present is not counted: %(why)s"),
    "work_short": ngettext_lazy(
        "%(hours)s of 1,560 hours in the window %(first)s … %(last)s",
        "%(hours)s of 1,560 hours in the window %(first)s … %(last)s",
        "count",
    ),
    "work_met": _("%(hours)s hours in the window %(first)s … %(last)s (1,560 needed)"),
    "reach_one_job": _(
        "If your current job continues at %(rate)s h/week you reach 1,560 hours on %(on)s"
    ),
    "reach_jobs": _(
        "If your current jobs continue at %(rate)s h/week in total you reach 1,560 hours "
        "on %(on)s"
    ),
    "reach_as_entered": _("With your jobs as entered you reach 1,560 hours on %(on)s"),
    "never_reach": _(
        "At %(rate)s h/week your current work never adds up to 1,560 hours in 3 years"
    ),
    "outside_window": _("outside the 3-year window %(first)s … %(last)s"),
    "test_expires": _("Your %(test)s of %(taken_on)s expires on %(until)s"),
    "test_expired": _("your %(test)s of %(taken_on)s expired on %(until)s"),
    "test_not_yet": _("your %(test)s of %(taken_on)s was taken after %(on)s"),
    "no_test": _("No language test is entered"),
    "no_valid_test": _("No valid language test on %(on)s: %(tests)s"),
    "level_any_teer": _(
        "%(unit)s %(level)s or more in all four abilities: enough for TEER 0, 1, 2 or 3"
    ),
    "level_teer_23": _(
        "%(unit)s %(level)s or more in all four abilities: enough for your TEER 2 or 3 "
        "experience"
    ),
    "level_needs_7": _(
        "your experience is in TEER 0 or 1, which needs %(unit)s 7 in all four abilities; "
        "your %(ability)s is %(unit)s %(level)s"
    ),
    "level_mixed_enough": _(
        "with %(unit)s %(level)s in %(ability)s only your TEER 2 and 3 hours count, and "
        "they reach 1,560 (%(hours)s)"
    ),
    "level_mixed_short": _(
        "with %(unit)s %(level)s in %(ability)s only your TEER 2 and 3 hours count "
        "(%(hours)s of 1,560); TEER 0 or 1 hours need %(unit)s 7"
    ),
    "level_mixed_review": _(
        "with %(unit)s %(level)s in %(ability)s only your TEER 2 and 3 hours count: "
        "%(hours)s of 1,560. You reach 1,560 only by adding TEER 0 or 1 hours, which need "
        "%(unit)s 7. No official rule covers mixed experience, so a consultant should "
        "review this"
    ),
    "level_too_low": _(
        "your %(ability)s is %(level)s; %(unit)s 5 in all four abilities is the minimum "
        "(%(unit)s 7 for TEER 0 or 1 experience)"
    ),
    "level": _("%(unit)s %(level)s"),
    "below_level_4": _("below %(unit)s 4"),
    "province_quebec": _(
        "You plan to live in Quebec; the Canadian Experience Class needs you to plan to "
        "live outside Quebec (Quebec selects its own immigrants)"
    ),
    "province_not_stated": _(
        "Intended province not stated: counted as met, but you must plan to live outside "
        "Quebec"
    ),
    "province_outside_quebec": _("You plan to live in %(province)s, outside Quebec"),
    "age_detail": _("%(age)s years old on %(on)s"),
    "spouse_column": _("; scored with a spouse or partner who comes to Canada"),
    "education_detail": _("%(education)s"),
    "first_language_detail": _(
        "%(test)s of %(taken_on)s, %(language)s as first official language: %(clb)s"
    ),
    "second_language_detail": _(
        "%(test)s of %(taken_on)s, %(language)s as second official language: %(clb)s"
    ),
    "chosen_for_total": _("; the choice of first language that gives the higher total"),
    "second_capped": _(" (%(raw)s before the cap of %(cap)s)"),
    "canadian_work_detail": _(
        "%(years)s: %(hours)s hours of qualifying Canadian work in %(first)s … %(last)s"
    ),
    "spouse_education_detail": _("spouse or partner: %(education)s"),
    "spouse_language_detail": _("spouse or partner: %(test)s of %(taken_on)s, %(clb)s"),
    "spouse_canadian_work_detail": _(
        "spouse or partner: %(years)s of Canadian work (%(hours)s hours)"
    ),
    "education_language_detail": _(
        "education (%(education)s) and first official language at %(unit)s %(level)s or "
        "more in all four abilities"
    ),
    "education_canadian_work_detail": _("education (%(education)s) and %(years)s of Canadian work"),
    "foreign_work_language_detail": _(
        "%(foreign)s of foreign work (NOC %(noc)s) and first official language at "
        "%(unit)s %(level)s or more in all four abilities"
    ),
    "foreign_work_canadian_work_detail": _(
        "%(foreign)s of foreign work (NOC %(noc)s) and %(years)s of Canadian work"
    ),
    "certificate_language_detail": _(
        "certificate of qualification and first official language at %(unit)s %(level)s "
        "or more in all four abilities"
    ),
    "education_pair_capped": _(" (%(raw)s before the cap: education combinations give at most 50)"),
    "foreign_pair_capped": _(
        " (%(raw)s before the cap: foreign-work combinations give at most 50)"
    ),
    "transferability_capped": _(
        " (%(raw)s before the cap: skill transferability gives at most 100)"
    ),
    "additional_capped": _(" (%(raw)s before the cap: additional points are at most 600)"),
    "provincial_nomination_detail": _(
        "provincial or territorial nomination (Express Entry-aligned)"
    ),
    "job_offer_detail": _("arranged employment in NOC %(noc)s (rules in force from %(effective)s)"),
    "french_strong": _(
        "NCLC 7 or more in all four French abilities (%(french)s) and CLB 5 or more in "
        "all four English abilities (%(english)s)"
    ),
    "french_weak": _(
        "NCLC 7 or more in all four French abilities (%(french)s); English %(english)s"
    ),
    "english_weak": _("below CLB 5 in some ability (%(test)s)"),
    "no_english": _("not tested"),
    "test_of": _("%(test)s of %(taken_on)s"),
    "canadian_education_detail": _("Canadian credential: %(education)s"),
    "sibling_detail": _(
        "brother or sister in Canada: 18 or older, citizen or permanent resident, living "
        "in Canada"
    ),
    "years_one": _("1 year"),
    "years": _("%(years)s years"),
    "years_or_more": _("%(years)s or more years"),
    "retake_one_ability": _(
        "Retake %(test)s and score %(score)s in %(ability)s (%(unit)s %(level)s instead "
        "of %(current)s), keeping your other scores"
    ),
    "retake_all_four": _(
        "Retake %(test)s and reach %(unit)s %(level)s in all four abilities (at least "
        "%(scores)s)"
    ),
    "take_first_test": _(
        "Take %(test)s (or another approved test) and reach CLB %(level)s in all four "
        "abilities (at least %(scores)s)"
    ),
    "take_second_language": _(
        "Take %(test)s and reach %(unit)s 7 in all four abilities (at least %(scores)s): "
        "a second official language"
    ),
    "retake_second_language": _(
        "Retake %(test)s and reach %(unit)s 7 in all four abilities (at least %(scores)s)"
    ),
    "spouse_takes_test": _(
        "Your spouse or partner takes %(test)s and reaches %(unit)s %(level)s in all four "
        "abilities (at least %(scores)s)"
    ),
    "one_more_year": _(
        "Keep working: with your current Canadian work you reach %(years)s of experience "
        "on %(on)s"
    ),
    # What would open a category round (eligibility.rules.improve.category_openings).
    "take_french": _(
        "Take %(test)s and reach NCLC 7 in all four abilities (at least %(scores)s)"
    ),
    "retake_french": _(
        "Retake %(test)s and reach NCLC 7 in all four abilities (at least %(scores)s)"
    ),
    "more_month": _("%(months)s more month as %(occupation)s"),
    "more_months": _("%(months)s more months as %(occupation)s"),
    "occupation_titled": _("%(title)s (%(noc)s)"),
    "occupation_code": _("NOC %(noc)s"),
    "opens": _("%(change)s: this opens the %(category)s rounds"),
    "opens_on": _("%(change)s opens the %(category)s rounds on %(on)s"),
    "condition_only": _(
        "%(change)s: this meets the %(category)s condition, but its rounds also need you to "
        "be eligible for CEC"
    ),
    "condition_only_on": _(
        "%(change)s meets the %(category)s condition on %(on)s, but its rounds also need you "
        "to be eligible for CEC that day"
    ),
    "cec_opens_on": _("Becoming eligible for CEC on %(on)s opens the %(category)s rounds"),
    "scores": _(
        "listening %(listening)s, reading %(reading)s, writing %(writing)s, speaking "
        "%(speaking)s"
    ),
}
COUNTS = {"work_short": "hours"}

# Parameters that carry a code, named in the reader's language.
ABILITY_NAMES = {
    "listening": pgettext_lazy("language ability", "listening"),
    "reading": pgettext_lazy("language ability", "reading"),
    "writing": pgettext_lazy("language ability", "writing"),
    "speaking": pgettext_lazy("language ability", "speaking"),
}
# CLB is called NCLC (niveaux de compétence linguistique canadiens) in French.
UNIT_NAMES = {"CLB": pgettext_lazy("language level scale", "CLB"), "NCLC": "NCLC"}
LANGUAGE_NAMES = {
    "english": pgettext_lazy("official language, in a sentence", "English"),
    "french": pgettext_lazy("official language, in a sentence", "French"),
}
PROVINCE_NAMES = dict(Province.choices)  # the questionnaire's names, defined once
EDUCATION_NAMES = {
    "none": _("less than secondary school"),
    "secondary": _("secondary school"),
    "one_year": _("one-year post-secondary credential"),
    "two_year": _("two-year post-secondary credential"),
    "bachelors": _("bachelor's degree or other 3+ year credential"),
    "two_or_more": _("two or more post-secondary credentials, one of 3+ years"),
    "masters": _("master's or entry-to-practice professional degree"),
    "doctoral": _("doctoral degree"),
}
VALUE_NAMES: dict[str, Mapping] = {
    "category": CATEGORY_NAMES,
    "ability": ABILITY_NAMES,
    "unit": UNIT_NAMES,
    "language": LANGUAGE_NAMES,
    "province": PROVINCE_NAMES,
    "education": EDUCATION_NAMES,
    "test": TEST_LABELS,  # the tests' own names, the same in both languages
}
# Parameters that are a count of hours (grouped by thousands), or a decimal number.
GROUPED = frozenset({"hours"})
DECIMALS = frozenset({"rate", "score", *ABILITY_NAMES})

# The date format reasons use: ISO in English, as the engine writes it; the catalogue gives
# each language its own (French: "j F Y", 27 novembre 2026).
REASON_DATE_FORMAT = pgettext_lazy("date format of the engine's reasons", "Y-m-d")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

# Sanity: the engine's own tables name the same codes.
assert set(PROVINCE_NAMES) == set(PROVINCES) and set(EDUCATION_NAMES) == set(EDUCATION_LABELS)
assert set(CATEGORY_NAMES) == set(CATEGORY_LABELS)


def format_date(value: date) -> str:
    """A date in a reason, a verdict or an email, in the active language's form."""
    return formats.date_format(value, str(REASON_DATE_FORMAT))


def format_hours(value: int) -> str:
    """A count of hours, thousands grouped: 1,560 / 1 560."""
    return formats.number_format(value, force_grouping=True)


def _value(name: str, value) -> str:
    if isinstance(value, Mapping):  # a reason inside a reason
        return say(value)
    if isinstance(value, list | tuple):
        return pgettext("between the items of a list in a reason", "; ").join(
            _value(name, item) for item in value
        )
    names = VALUE_NAMES.get(name)
    if names is not None and value in names:
        return str(names[value])
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return format_hours(value) if name in GROUPED else str(value)
    if isinstance(value, str):
        if name in DECIMALS:
            return formats.number_format(Decimal(value))
        if _ISO_DATE.match(value):
            return format_date(date.fromisoformat(value))
    return str(value)


def render(code: str, params: Mapping) -> str:
    """The reason ``code`` with ``params`` (the engine's JSON), in the active language."""
    message = MESSAGES[code]
    values = {name: _value(name, value) for name, value in params.items()}
    if code in COUNTS:
        values["count"] = params[COUNTS[code]]
    return message % values if values else str(message)


def say(why: Mapping | None, english: str = "") -> str:
    """A reason stored as ``{"code", "params"}``; ``english`` (the engine's words) when the
    result was stored before reasons carried their code."""
    if not why or why.get("code") is None:
        return english
    return render(why["code"], why.get("params") or {})


def say_reason(reason) -> str:
    """An ``eligibility.rules.reasons.Reason`` (straight from the engine), in the active
    language."""
    return say(reason.to_json())


# --- Category-based rounds (eligibility.rules.categories): flat figures, optional sentences ---
# Each msgid is the English constant of categories.py of the same name.
CATEGORY_MESSAGES = {
    "NOT_MODELLED": _(
        "Category-based selection is assessed for dates from %(since)s only; none is listed "
        "for %(as_of)s"
    ),
    "CEC_ONLY": _(
        "A category round invites only people eligible for CEC, FSW or FST; this portal "
        "assesses CEC only, so a category is eligible here only when you are eligible for CEC "
        "on %(as_of)s"
    ),
    "LISTED_HOURS": _("%(hours)s hours as %(occupation)s in %(first)s … %(last)s; 1,560 needed"),
    "NO_LISTED_WORK": _("0 hours in a listed occupation in %(first)s … %(last)s; 1,560 needed"),
    "ABROAD_NOT_COUNTED": _("Work outside Canada does not count for this category"),
    "REACH": _("If your current work goes on, you reach 1,560 hours as %(occupation)s on %(on)s"),
    "REVIEW": _(
        "Counting your self-employed or full-time-student work in Canada as %(occupation)s, "
        "you would reach 1,560 hours; a consultant should review this"
    ),
    "NOT_CEC": _(
        "You are not eligible for CEC on %(as_of)s, and a category round invites only people "
        "eligible for CEC, FSW or FST; FSW or FST (not assessed here) might still open it"
    ),
    "FRENCH_MET": _(
        "%(label)s of %(taken_on)s, valid until %(valid_until)s: NCLC 7 or more in all four "
        "abilities"
    ),
    "FRENCH_SHORT": _(
        "%(label)s of %(taken_on)s, valid until %(valid_until)s: your %(ability)s is %(level)s; "
        "NCLC 7 in all four abilities on one TEF Canada or TCF Canada result is needed"
    ),
    "FRENCH_NOT_VALID": _(
        "No TEF Canada or TCF Canada result is valid on %(as_of)s; NCLC 7 in all four "
        "abilities on one of them is needed"
    ),
    "FRENCH_NONE": _(
        "No TEF Canada or TCF Canada result is entered; NCLC 7 in all four abilities on one of "
        "them is needed (English tests do not count)"
    ),
    "MILITARY_NOT_ASSESSED": _(
        "Not assessed: it needs 10+ years in a recognized foreign military, a Canadian Armed "
        "Forces offer and a 2-year credential, which the portal does not ask about"
    ),
    "OCCUPATION_TITLED": _("%(title)s (%(noc)s)"),
    "OCCUPATION_CODE": _("NOC %(noc)s"),
    "LEVEL": _("NCLC %(level)s"),
    "BELOW_LEVEL_4": _("below NCLC 4"),
}


def _category(key: str, **values) -> str:
    message = CATEGORY_MESSAGES[key]
    return message % {name: _value(name, value) for name, value in values.items()} if values \
        else str(message)


def _occupation(noc: str, titles: Mapping[str, str] | None) -> str:
    title = titles.get(noc) if titles else None
    if title:
        return CATEGORY_MESSAGES["OCCUPATION_TITLED"] % {"title": title, "noc": noc}
    return CATEGORY_MESSAGES["OCCUPATION_CODE"] % {"noc": noc}


def _sentences(*parts: str) -> str:
    return ". ".join(parts)


def _experience(params: Mapping, titles, not_cec: bool = False) -> str:
    if params.get("noc") is None:
        parts = [_category("NO_LISTED_WORK", first=params["first"], last=params["last"])]
    else:
        parts = [_category(
            "LISTED_HOURS", hours=params["hours"], first=params["first"], last=params["last"],
            occupation=_occupation(params["noc"], titles),
        )]
    if params.get("abroad_not_counted"):
        parts.append(_category("ABROAD_NOT_COUNTED"))
    if "experience_on" in params:
        parts.append(_category(
            "REACH", occupation=_occupation(params["experience_on_noc"], titles),
            on=params["experience_on"],
        ))
    if "review_noc" in params:
        parts.append(_category("REVIEW", occupation=_occupation(params["review_noc"], titles)))
    if not_cec:
        parts.append(_category("NOT_CEC", as_of=params["as_of"]))
    return _sentences(*parts)


def _french_test(params: Mapping) -> str:
    test = {"label": TEST_LABELS[params["test"]], "taken_on": params["taken_on"],
            "valid_until": params["valid_until"]}
    if "ability" in params:
        level = params["level"]
        said = (_category("LEVEL", level=level) if level >= 4 else _category("BELOW_LEVEL_4"))
        return _category("FRENCH_SHORT", ability=params["ability"], level=said, **test)
    text = _category("FRENCH_MET", **test)
    return _sentences(text, _category("NOT_CEC", as_of=params["as_of"])) if "as_of" in params \
        else text


# reason_code of a category entry (or of the categories note) → how to say it.
CATEGORY_REASONS = {
    "not_modelled": lambda params, _: _category(
        "NOT_MODELLED", since=params["since"], as_of=params["as_of"]
    ),
    "cec_only": lambda params, _: _category("CEC_ONLY", as_of=params["as_of"]),
    "experience_met": _experience,
    "experience_met_not_cec": lambda params, titles: _experience(params, titles, not_cec=True),
    "experience_short": _experience,
    "experience_none": _experience,
    "french_met": lambda params, _: _french_test(params),
    "french_met_not_cec": lambda params, _: _french_test(params),
    "french_short": lambda params, _: _french_test(params),
    "french_not_valid": lambda params, _: _category("FRENCH_NOT_VALID", as_of=params["as_of"]),
    "french_none": lambda params, _: _category("FRENCH_NONE"),
    "not_assessed": lambda params, _: _category("MILITARY_NOT_ASSESSED"),
}


def say_category(
    reason_code: str, params: Mapping, noc_titles: Mapping[str, str] | None = None
) -> str:
    """A category entry's reason (``reason_code``, ``reason_params`` of the result JSON) in the
    active language; ``noc_titles`` (code → title in that language) names occupations."""
    return CATEGORY_REASONS[reason_code](params, noc_titles)


# --- A test score the test cannot give (eligibility.rules.language.score_problem) ------------
# Each msgid is the engine's English message of the same key (checked by a test).
SCORE_PROBLEMS = {
    ("ielts_general", None): _("IELTS General Training scores are 0–9 in steps of 0.5"),
    ("celpip_general", None): _("CELPIP-General levels are 0 (M) to 12, whole numbers"),
    ("pte_core", None): _("PTE Core scores are 10–90, whole numbers"),
    ("tef_canada", None): _("TEF Canada scores are 0–699, whole numbers"),
    ("tcf_canada", "listening"): _("TCF Canada listening scores are 100–699, whole numbers"),
    ("tcf_canada", "reading"): _("TCF Canada reading scores are 100–699, whole numbers"),
    ("tcf_canada", "writing"): _("TCF Canada writing scores are 0–20, whole numbers"),
    ("tcf_canada", "speaking"): _("TCF Canada speaking scores are 0–20, whole numbers"),
}
NOT_A_NUMBER = _("must be a number")


def say_score_problem(test: str, ability: str, value) -> str | None:
    """Why ``value`` is not a possible ``ability`` score of ``test``, in the active language;
    None when it is."""
    problem = score_problem(test, ability, value)
    if problem is None:
        return None
    if problem == ENGINE_NOT_A_NUMBER:
        return str(NOT_A_NUMBER)
    return str(SCORE_PROBLEMS.get((test, None)) or SCORE_PROBLEMS[(test, ability)])
