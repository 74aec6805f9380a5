"""``manage.py evaluate``: facts JSON in, result JSON out; exit 2 with field paths if invalid."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.rules.builders import facts, ielts, job
from tests.rules.vectors import CEC_VECTORS, CRS_EXAMPLES, crs_sections

ROOT = Path(__file__).resolve().parent.parent


def evaluate(text: str, *args) -> tuple[int, str, str]:
    """Run the command on ``text`` given on standard input: (exit code, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("evaluate", "-", *args, stdin=io.StringIO(text), stdout=out, stderr=err)
        code = 0
    except SystemExit as stop:
        code = stop.code
    return code, out.getvalue(), err.getvalue()


def test_one_facts_object_gives_one_result():
    code, out, err = evaluate(json.dumps(facts(language_tests=[ielts(9)])))
    assert (code, err) == (0, "")
    result = json.loads(out)
    assert result["as_of"] == "2026-11-25"
    assert set(result) >= {"as_of", "ruleset", "language", "cec", "crs"}


def test_the_result_lists_the_categories_in_the_rules_files_order():
    nurse = job(noc="31301", start="2025-11-26", end="2026-11-24", hours=40)
    code, out, _ = evaluate(json.dumps(facts(jobs=[nurse], language_tests=[ielts(9)])))
    categories = json.loads(out)["categories"]
    assert code == 0
    assert [item["code"] for item in categories] == [
        "french", "healthcare", "stem", "trades", "education", "transport", "physicians",
        "senior_managers", "researchers", "military",
    ]
    assert categories[1] == {
        "code": "healthcare", "eligible": True, "needs_review": False, "experience_hours": 1560,
        "noc": "31301", "experience_on": None,
        "reason": "1,560 hours as NOC 31301 in 2023-11-25 … 2026-11-24; 1,560 needed",
        "reason_code": "experience_met",
        "reason_params": {"first": "2023-11-25", "last": "2026-11-24", "hours": 1560,
                          "noc": "31301"},
    }


def test_an_array_gives_an_array_of_results_in_order():
    items = [facts(birth_date="1990-01-01"), facts(birth_date="2000-01-01")]
    code, out, _ = evaluate(json.dumps(items))
    ages = [json.loads(out)[i]["crs"]["lines"][0]["detail"][:2] for i in range(2)]
    assert (code, ages) == (0, ["36", "26"])


def test_every_rules_file_vector_through_the_command():
    names = sorted(CEC_VECTORS) + sorted(CRS_EXAMPLES)
    items = [CEC_VECTORS[n][0] for n in sorted(CEC_VECTORS)]
    items += [CRS_EXAMPLES[n][0] for n in sorted(CRS_EXAMPLES)]
    code, out, _ = evaluate(json.dumps(items))
    assert code == 0
    results = dict(zip(names, json.loads(out), strict=True))
    for name, (_, eligible, hours) in CEC_VECTORS.items():
        cec = results[name]["cec"]
        assert (cec["eligible"], cec["qualifying_hours"]) == (eligible, hours), name
    for name, (_, sections) in CRS_EXAMPLES.items():
        assert crs_sections(results[name]) == sections, name


def test_invalid_facts_exit_2_with_one_line_per_problem_and_nothing_on_stdout():
    bad = facts(jobs=[job(start="2024-01-01", end=None, hours=200)],
                language_tests=[ielts(scores=(9.5, 7, 7, 7))])
    code, out, err = evaluate(json.dumps([facts(), bad]))
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        "[1].language_tests[0].listening: IELTS General Training scores are 0–9 in steps of 0.5",
        "[1].jobs[0].hours_per_week: must be between 1 and 168",
    ]


def test_invalid_json_exits_2_with_a_message():
    code, out, err = evaluate("{not json")
    assert (code, out) == (2, "")
    assert err.startswith("invalid JSON: ")


def test_neither_object_nor_array_exits_2():
    code, out, err = evaluate("42")
    assert (code, out, err.strip()) == (2, "", "facts: must be a JSON object or an array of them")


def test_a_missing_file_exits_2():
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(SystemExit) as stop:
        call_command("evaluate", "/no/such/facts.json", stdout=out, stderr=err)
    assert stop.value.code == 2
    assert err.getvalue().startswith("cannot read /no/such/facts.json")


def test_a_file_argument_is_read(tmp_path):
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(facts()), encoding="utf-8")
    out = io.StringIO()
    call_command("evaluate", str(path), stdout=out)
    assert json.loads(out.getvalue())["crs"]["total"] > 0


def test_an_empty_array_gives_an_empty_array():
    assert evaluate("[]")[:2] == (0, "[]\n")


def test_the_real_command_line_exits_2_and_writes_nothing_to_stdout_on_bad_input():
    # One subprocess run, to check the exit status and streams as a shell sees them.
    env = {**os.environ, "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "test-key"),
           "DJANGO_ALLOWED_HOSTS": os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost")}
    good = json.dumps(facts())
    bad = json.dumps({**facts(), "jobs": [{"noc": "1"}]})
    ran = subprocess.run(
        [sys.executable, "manage.py", "evaluate", "-"], input=f"[{good}, {bad}]",
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=60,
    )
    assert (ran.returncode, ran.stdout) == (2, "")
    assert ran.stderr.splitlines()[0] == (
        '[1].jobs[0].noc: must be a NOC 2021 code of 5 digits, written as a string (e.g. "21231")'
    )


def _pairs(text: str) -> list:
    """The JSON text as nested (key, value) lists: equal only with the same keys in the same
    order and the same values."""
    return json.loads(text, object_pairs_hook=list)


def test_the_compact_output_has_the_same_keys_values_and_order_as_the_indented_one():
    nurse = job(noc="31301", start="2025-11-26", end="2026-11-24", hours=40)
    text = json.dumps([facts(jobs=[nurse], language_tests=[ielts(9)]), facts()])
    compact, indented = evaluate(text)[1], evaluate(text, "--indent", "2")[1]
    assert "\n" not in compact.rstrip("\n")
    assert _pairs(compact) == _pairs(indented)


def test_the_real_command_line_writes_utf8_json_whatever_the_locale():
    # A nurse's category reason holds "…": under an ASCII locale the bytes are still UTF-8.
    env = {**os.environ, "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "test-key"),
           "DJANGO_ALLOWED_HOSTS": os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost"),
           "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    nurse = job(noc="31301", start="2025-11-26", end="2026-11-24", hours=40)
    ran = subprocess.run(
        [sys.executable, "manage.py", "evaluate", "-"],
        input=json.dumps(facts(jobs=[nurse], language_tests=[ielts(9)])).encode(),
        capture_output=True, cwd=ROOT, env=env, timeout=60,
    )
    assert ran.returncode == 0, ran.stderr.decode()
    result = json.loads(ran.stdout.decode("utf-8"))
    assert "2023-11-25 … 2026-11-24" in result["categories"][1]["reason"]


def test_a_number_beyond_64_bits_is_refused_by_its_field_not_as_invalid_json():
    bad = facts(jobs=[job(noc="31301", start="2025-11-26", end="2026-11-24", hours=40)])
    text = json.dumps(bad).replace('"hours_per_week": 40', '"hours_per_week": ' + "9" * 30)
    code, out, err = evaluate(text)
    assert (code, out) == (2, "")
    assert err.splitlines() == ["jobs[0].hours_per_week: must be between 1 and 168"]


def test_nan_is_refused_by_its_field_not_as_invalid_json():
    bad = facts(jobs=[job(noc="31301", start="2025-11-26", end="2026-11-24", hours=40)])
    code, out, err = evaluate(json.dumps(bad).replace('"hours_per_week": 40',
                                                      '"hours_per_week": NaN'))
    assert (code, out) == (2, "")
    assert err.splitlines() == ["jobs[0].hours_per_week: must be a number"]
