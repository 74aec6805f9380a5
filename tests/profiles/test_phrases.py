"""Labels once: every code the rules engine can emit has exactly one name, in
``profiles.phrases``, and no other module keeps a table of names for those codes.

The engine's codes are taken from the engine's own modules (read with ``ast``, since the engine
lists some of them only where it builds a line), so a code added there without a name fails
here.
"""

import ast
import dataclasses
from pathlib import Path

import pytest

from eligibility.rules import cec, crs
from eligibility.rules.facts import Facts
from profiles import phrases, reading
from profiles.enums import CecStatus
from profiles.questionnaire.steps import STEPS_BY_SLUG

ROOT = Path(__file__).resolve().parents[2]
APPS = ("cec_portal", "eligibility", "profiles", "cases", "consultants")
GETTEXT = {"_", "_lazy", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy"}


def _tree(module) -> ast.Module:
    return ast.parse(Path(module.__file__).read_text())


def _first_arguments(tree: ast.Module, callee: str) -> list[ast.expr]:
    return [
        node.args[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        and node.func.id == callee and node.args
    ]


def _loop_source(node: ast.For) -> tuple[str, str] | None:
    """(loop variable, the module-level tuple it runs over) for ``for factor in X`` and
    ``for i, factor in enumerate(X)``."""
    iterable, target = node.iter, node.target
    if isinstance(iterable, ast.Call) and getattr(iterable.func, "id", "") == "enumerate":
        iterable = iterable.args[0]
        target = target.elts[1] if isinstance(target, ast.Tuple) else target
    if isinstance(iterable, ast.Name) and isinstance(target, ast.Name):
        return target.id, iterable.id
    return None


def engine_factor_codes() -> set[str]:
    """Every ``Line(factor, …)`` the CRS grid builds: literal codes, and the codes of the
    tuple a loop builds lines from."""
    tree = _tree(crs)
    codes: set[str] = set()
    from_loops = set()
    for loop in (node for node in ast.walk(tree) if isinstance(node, ast.For)):
        source = _loop_source(loop)
        for argument in _first_arguments(loop, "Line"):
            if source and isinstance(argument, ast.Name) and argument.id == source[0]:
                codes.update(getattr(crs, source[1]))
                from_loops.add(id(argument))
    for argument in _first_arguments(tree, "Line"):
        if isinstance(argument, ast.Constant):
            codes.add(argument.value)
        else:
            assert id(argument) in from_loops, f"line {argument.lineno}: a factor not found"
    return codes


def engine_requirement_codes() -> set[str]:
    arguments = _first_arguments(_tree(cec), "Requirement")
    assert all(isinstance(argument, ast.Constant) for argument in arguments)
    return {argument.value for argument in arguments}


def engine_section_codes() -> list[str]:
    # The CRS result's subtotals: its integer fields other than the total.
    return [
        field.name for field in dataclasses.fields(crs.CrsResult)
        if field.type in (int, "int") and field.name != "total"
    ]


def test_the_engine_codes_are_found():
    assert {"age", "sibling", "education_language", "spouse_language"} <= engine_factor_codes()
    assert engine_requirement_codes() == {"work", "language", "province"}
    assert engine_section_codes() == ["core", "spouse", "transferability", "additional"]


def test_every_crs_factor_the_engine_can_emit_has_exactly_one_label():
    assert set(phrases.CRS_FACTORS) == engine_factor_codes()


def test_every_requirement_has_exactly_one_label():
    assert set(phrases.REQUIREMENTS) == engine_requirement_codes()


def test_every_crs_section_has_exactly_one_label_in_the_grids_order():
    assert list(phrases.CRS_SECTIONS) == engine_section_codes()
    assert list(reading.CRS_SECTION_CODES) == engine_section_codes()


def test_every_verdict_has_one_name_and_one_sentence():
    assert set(phrases.VERDICTS) == set(CecStatus.values) == set(phrases.VERDICT_SENTENCES)
    # The model's choices are these names, not a second copy of them.
    assert all(CecStatus(code).label is label for code, label in phrases.VERDICTS.items())


def test_every_problem_place_is_a_fact_asked_on_a_step():
    facts = {field.name for field in dataclasses.fields(Facts)}
    assert set(phrases.PROBLEM_PLACES) <= facts
    assert set(phrases.PROBLEM_PLACES) == set(reading.PROBLEM_STEPS)
    assert set(reading.PROBLEM_STEPS.values()) <= set(STEPS_BY_SLUG)
    # The facts the engine requires are among them.
    assert {"birth_date", "marital_status"} <= set(phrases.PROBLEM_PLACES)


@pytest.mark.parametrize("table", [
    phrases.CRS_FACTORS, phrases.CRS_SECTIONS, phrases.REQUIREMENTS, phrases.VERDICTS,
    phrases.VERDICT_SENTENCES, phrases.PROBLEM_PLACES,
])
def test_no_two_codes_share_a_label(table):
    labels = [str(label) for label in table.values()]
    assert len(labels) == len(set(labels))


def _is_label(node: ast.expr) -> bool:
    """A string a person reads: every label goes through gettext."""
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id in GETTEXT)


def _label_tables(tree: ast.Module, codes: set[str]) -> list[int]:
    """Line numbers of dict literals (or tuples of pairs) naming two or more of ``codes``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            pairs = list(zip(node.keys, node.values, strict=True))
        elif isinstance(node, ast.Tuple | ast.List):
            pairs = [tuple(item.elts[:2]) for item in node.elts
                     if isinstance(item, ast.Tuple) and len(item.elts) >= 2]
        else:
            continue
        named = {
            key.value for key, value in pairs
            if isinstance(key, ast.Constant) and key.value in codes and _is_label(value)
        }
        if len(named) >= 2:
            found.append(node.lineno)
    return found


def test_no_other_module_keeps_a_label_table_for_the_engines_codes():
    # (Problem places are fact names, which forms rightly label and explain field by field.)
    topics = [engine_factor_codes(), engine_requirement_codes(), set(engine_section_codes()),
              set(CecStatus.values)]
    own = Path(phrases.__file__).resolve()
    elsewhere = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if path.resolve() == own or "migrations" in path.parts:
                continue
            if path.is_relative_to(ROOT / "eligibility" / "rules"):
                continue  # the engine's codes themselves (and no gettext)
            tree = ast.parse(path.read_text())
            lines = sorted({line for codes in topics for line in _label_tables(tree, codes)})
            if lines:
                elsewhere[str(path.relative_to(ROOT))] = lines
    assert elsewhere == {}


def test_the_label_table_finder_finds_one():
    tree = ast.parse('LABELS = {"age": _("age"), "sibling": _lazy("sibling")}')
    assert _label_tables(tree, {"age", "sibling"}) == [1]
    facts = ast.parse('facts = {"education": _education(rows), "jobs": _jobs(rows)}')
    assert _label_tables(facts, {"education", "jobs"}) == []


def test_templates_name_no_engine_code_and_read_no_raw_result():
    """Templates show the typed values; they neither decide a verdict nor read the JSON."""
    verdict_codes = set(CecStatus.values)
    offending = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = path.read_text()
        for needle in [".cec.", ".crs.lines.", "result.language", "evaluation.result.cec",
                       *(f'"{code}"' for code in verdict_codes)]:
            if needle in text:
                offending.append(f"{path.relative_to(ROOT)}: {needle}")
    assert offending == []
