"""``noc_search`` and ``noc_match`` on the small sample catalogue."""

import io
import json
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


def _run(*args, stdin: str | None = None, monkeypatch=None) -> str:
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_noc_search_prints_code_title_teer_and_what_matched(sample_catalogue):
    output = _run("noc_search", "devops")
    assert output.startswith("21231  Software engineers and designers  (TEER 1)")
    assert "Development and operations (DevOps) engineer" in output


def test_noc_search_prints_json(sample_catalogue):
    hits = json.loads(_run("noc_search", "software", "--json", "--limit", "1"))
    assert hits == [
        {
            "code": "21231",
            "title": "Software engineers and designers",
            "teer": 1,
            "match": "title_start",
            "matched": "Software engineers and designers",
        }
    ]


def test_noc_search_says_when_nothing_matches(sample_catalogue):
    assert _run("noc_search", "astronaut") == "No match.\n"


def test_noc_match_reads_duties_on_stdin(sample_catalogue, monkeypatch):
    output = _run("noc_match", "-", stdin="I cook full meals and keep the kitchen clean",
                  monkeypatch=monkeypatch)
    assert output.startswith("1. 63200  Cooks  score ")


def test_noc_match_prints_json(sample_catalogue, monkeypatch):
    matches = json.loads(_run("noc_match", "--json", "--limit", "1", "-",
                              stdin="I write and test program code", monkeypatch=monkeypatch))
    assert [m["code"] for m in matches] == ["21232"]
    assert matches[0]["matched_duties"]


def test_noc_match_shows_coverage_for_a_code(sample_catalogue, monkeypatch):
    output = _run("noc_match", "--code", "63200", "-",
                  stdin="I prepare and cook full meals.", monkeypatch=monkeypatch)
    assert "[x] Prepare and cook full meals and single dishes" in output
    assert "[ ] Order food supplies and keep the kitchen clean" in output


def test_noc_match_refuses_an_unknown_code(sample_catalogue, monkeypatch):
    with pytest.raises(CommandError, match="99999 is not a NOC 2021 unit group code"):
        _run("noc_match", "--code", "99999", "-", stdin="I cook", monkeypatch=monkeypatch)


def test_noc_match_refuses_empty_input(sample_catalogue, monkeypatch):
    with pytest.raises(CommandError, match="No duties given"):
        _run("noc_match", "-", stdin="  ", monkeypatch=monkeypatch)
