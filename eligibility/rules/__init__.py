"""The eligibility rules engine: pure Python, no Django, no I/O.

    facts = parse_facts(json_object, today=date.today())   # FactsError lists every problem
    result = evaluate(facts)                                # CEC, CRS, categories, language
    payload = result_to_json(result)                        # the result shape of facts.md

The rules are those of ``shared/rules/``; each module names the file it implements:
``language`` (clb.md), ``cec`` and ``work`` (cec.md), ``crs`` (crs.md), ``categories``
(categories.md), ``rulesets`` (changes.md), ``parse`` and ``facts`` (spec/facts.md). ``hours``
counts hours of work over intervals, exactly; ``improve`` answers "how do I raise my score" and
"what would open a category round".

Choices the rules files leave open, made here (each is explained where it is coded):
- a job's hours are kept in hundredths (at most 2 decimal places are accepted);
- when concurrent jobs exceed 30 h/week, each job's ``counted_hours`` is its proportional
  share of the capped day, so the jobs' hours add up to the qualifying hours (up to flooring);
- a test taken on Feb 29 is valid through Feb 27 two years later (the anniversary is Feb 28);
- ``eligible_on`` assumes open-ended jobs go on, and jobs with a known end date end then;
  it looks at hours only, as spec/facts.md defines it.
"""

from eligibility.rules.engine import Result, evaluate, result_to_json
from eligibility.rules.facts import Education, Facts, Job, JobOffer, LanguageTest, Spouse
from eligibility.rules.improve import (
    CategoryOpening,
    Improvement,
    category_openings,
    score_improvements,
)
from eligibility.rules.parse import FactsError, parse_facts, parse_many
from eligibility.rules.rulesets import DISCLAIMER, RULESETS, Ruleset, ruleset_for

__all__ = [
    "DISCLAIMER",
    "RULESETS",
    "CategoryOpening",
    "Education",
    "Facts",
    "FactsError",
    "Improvement",
    "Job",
    "JobOffer",
    "LanguageTest",
    "Result",
    "Ruleset",
    "Spouse",
    "category_openings",
    "evaluate",
    "parse_facts",
    "parse_many",
    "result_to_json",
    "ruleset_for",
    "score_improvements",
]
