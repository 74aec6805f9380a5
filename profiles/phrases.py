"""Every name a person reads for one of the rules engine's codes, defined once.

The engine speaks in codes (``shared/spec/facts.md``, "Result"): CRS factors, CEC requirements,
CRS sections, the verdict, and the field paths of what is missing. This module names each of
them for the reader, lazily translated, grouped by topic. Pages, the consultants' admin,
invitation warnings and reminder emails all take their words from here; no other module keeps a
table of labels for these codes (``tests/profiles/test_phrases.py`` checks both).

It is a leaf: it imports nothing of the project, so ``profiles``, ``cases`` and ``consultants``
can all use it.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# --- CRS factors: ``crs.lines[].factor`` (eligibility.rules.crs) --------------------------------
CRS_FACTORS = {
    # core / human capital
    "age": _("Age"),
    "education": _("Education"),
    "first_language": _("First official language"),
    "second_language": _("Second official language"),
    "canadian_work": _("Canadian work experience"),
    # spouse or common-law partner
    "spouse_education": _("Spouse: education"),
    "spouse_language": _("Spouse: first official language"),
    "spouse_canadian_work": _("Spouse: Canadian work experience"),
    # skill transferability
    "education_language": _("Education and language"),
    "education_canadian_work": _("Education and Canadian work"),
    "foreign_work_language": _("Work abroad and language"),
    "foreign_work_canadian_work": _("Work abroad and Canadian work"),
    "certificate_language": _("Trade certificate and language"),
    # additional points
    "provincial_nomination": _("Provincial nomination"),
    "job_offer": _("Arranged employment"),
    "french": _("French-language skills"),
    "canadian_education": _("Education in Canada"),
    "sibling": _("Brother or sister in Canada"),
}

# --- CRS sections: the subtotals ``crs.core`` … ``crs.additional``, in the grid's order ---------
CRS_SECTIONS = {
    "core": _("Core: age, education, language, Canadian work"),
    "spouse": _("Spouse or partner"),
    "transferability": _("Skill transferability"),
    "additional": _("Additional points"),
}

# --- CEC requirements: ``cec.requirements[].code`` (eligibility.rules.cec) ----------------------
REQUIREMENTS = {
    "work": _("Skilled work in Canada"),
    "language": _("Language"),
    "province": _("Where you will live"),
}

# --- The CEC verdict (profiles.enums.CecStatus takes its labels from here) ---------------------
# Short names, for lists, filters, exports and the case's records.
VERDICTS = {
    "eligible": _("Eligible"),
    "eligible_on": _("Eligible on a later date"),
    "not_eligible": _("Not eligible"),
    "needs_review": _("Needs review"),
    "incomplete": _("Questionnaire incomplete"),
}
# The later date, when it is known: "Eligible on 2027-03-14".
VERDICT_ELIGIBLE_ON = _("Eligible on %(date)s")

# What the person reads as their result, one sentence per verdict.
VERDICT_SENTENCES = {
    "eligible": _("You meet the Canadian Experience Class requirements today."),
    "eligible_on": _(
        "Not yet: if your work goes on as it is, you meet the work requirement on %(date)s."
    ),
    "not_eligible": _("You do not meet the Canadian Experience Class requirements today."),
    "needs_review": _(
        "A consultant should look at this: your result depends on how mixed experience is read."
    ),
    "incomplete": _("We need a few more answers to work out your result."),
}

# --- Problem places: where the questionnaire asks what the engine says is missing --------------
# Keyed by the first part of the engine's field path (``jobs[1].hours_per_week: …``).
PROBLEM_PLACES = {
    "birth_date": _("About you: your date of birth"),
    "marital_status": _("About you: your marital status"),
    "intended_province": _("About you: where you plan to live"),
    "spouse": _("Your spouse or partner"),
    "education": _("Education"),
    "language_tests": _("Language tests"),
    "jobs": _("Work"),
}
# The engine's reasons, where a plainer word exists.
PROBLEM_REASONS = {
    "required": _("is missing"),
}


# --- Category reasons: ``categories[].reason_code`` and its parts (eligibility.rules.categories)
# The engine's English, sentence by sentence, with its figures as named values; put together by
# ``profiles.reading.category_reason_text`` (which gives the same English as the engine).
CATEGORY_REASON_PARTS = {
    "listed_hours": _("%(hours)s hours as %(occupation)s in %(first)s … %(last)s; 1,560 needed"),
    "no_listed_work": _("0 hours in a listed occupation in %(first)s … %(last)s; 1,560 needed"),
    "abroad_not_counted": _("Work outside Canada does not count for this category"),
    "reach": _("If your current work goes on, you reach 1,560 hours as %(occupation)s on "
               "%(on)s"),
    "review": _("Counting your self-employed or full-time-student work in Canada as "
                "%(occupation)s, you would reach 1,560 hours; a consultant should review this"),
    "not_cec": _("You are not eligible for CEC on %(as_of)s, and a category round invites only "
                 "people eligible for CEC, FSW or FST; FSW or FST (not assessed here) might "
                 "still open it"),
    "french_met": _("%(label)s of %(taken_on)s, valid until %(valid_until)s: NCLC 7 or more in "
                    "all four abilities"),
    "french_short": _("%(label)s of %(taken_on)s, valid until %(valid_until)s: your %(ability)s "
                      "is %(level)s; NCLC 7 in all four abilities on one TEF Canada or TCF "
                      "Canada result is needed"),
    "french_not_valid": _("No TEF Canada or TCF Canada result is valid on %(as_of)s; NCLC 7 in "
                          "all four abilities on one of them is needed"),
    "french_none": _("No TEF Canada or TCF Canada result is entered; NCLC 7 in all four "
                     "abilities on one of them is needed (English tests do not count)"),
    "not_assessed": _("Not assessed: it needs 10+ years in a recognized foreign military, a "
                      "Canadian Armed Forces offer and a 2-year credential, which the portal "
                      "does not ask about"),
    "noc": _("NOC %(noc)s"),
    "level": _("NCLC %(level)s"),
    "below_level_4": _("below NCLC 4"),
}
ABILITIES = {
    "listening": _("listening"),
    "reading": _("reading"),
    "writing": _("writing"),
    "speaking": _("speaking"),
}


def factor_label(code: str) -> str:
    """The name of a CRS factor; a code this module does not know is shown in words."""
    return str(CRS_FACTORS.get(code) or code.replace("_", " ").capitalize())


def section_label(code: str) -> str:
    return str(CRS_SECTIONS.get(code) or code.replace("_", " ").capitalize())


def requirement_label(code: str) -> str:
    return str(REQUIREMENTS.get(code) or code.replace("_", " ").capitalize())


# --- A job as people read it -------------------------------------------------------------------
JOB_LABEL = _("%(title)s (NOC %(code)s, %(start)s – %(end)s)")


def job_label(job) -> str:
    """The job's title (or its code), NOC code and dates, in the reader's language; ``job`` is
    any object with ``title``, ``noc``, ``start`` and ``end`` (a profile's Job row)."""
    return JOB_LABEL % {
        "title": job.title or job.noc,
        "code": job.noc,
        "start": job.start.isoformat(),
        "end": job.end.isoformat() if job.end else _("now"),
    }


# The categories of rounds, as the engine's openings name them inside a sentence.
CATEGORY_NAMES = {
    "french": pgettext_lazy("category, in a sentence", "French-language proficiency"),
    "healthcare": pgettext_lazy(
        "category, in a sentence", "healthcare and social services occupations"
    ),
    "stem": pgettext_lazy("category, in a sentence", "STEM occupations"),
    "trades": pgettext_lazy("category, in a sentence", "trade occupations"),
    "education": pgettext_lazy("category, in a sentence", "education occupations"),
    "transport": pgettext_lazy("category, in a sentence", "transport occupations"),
    "physicians": pgettext_lazy(
        "category, in a sentence", "physicians with Canadian work experience"
    ),
    "senior_managers": pgettext_lazy(
        "category, in a sentence", "senior managers with Canadian work experience"
    ),
    "researchers": pgettext_lazy(
        "category, in a sentence", "researchers with Canadian work experience"
    ),
    "military": pgettext_lazy("category, in a sentence", "skilled military recruits"),
}
