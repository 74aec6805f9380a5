"""The eligibility rules engine: pure Python, no Django, no I/O.

    facts = parse_facts(json_object, today=date.today())   # FactsError lists every problem
    result = evaluate(facts)                                # CEC, CRS, language, ruleset
    payload = result_to_json(result)                        # the result shape of facts.md

The rules are those of ``shared/rules/``; each module names the file it implements.
"""

from eligibility.rules.engine import Result, evaluate, result_to_json
from eligibility.rules.facts import Education, Facts, Job, JobOffer, LanguageTest, Spouse
from eligibility.rules.improve import Improvement, score_improvements
from eligibility.rules.parse import FactsError, parse_facts, parse_many
from eligibility.rules.rulesets import DISCLAIMER, RULESETS, Ruleset, ruleset_for

__all__ = [
    "DISCLAIMER",
    "RULESETS",
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
    "evaluate",
    "parse_facts",
    "parse_many",
    "result_to_json",
    "ruleset_for",
    "score_improvements",
]
