"""Reasons made once and shared (``reasons.shared``) say exactly what a reason made anew says."""

from eligibility.rules.reasons import Reason, english, params_json, said, shared


def test_a_shared_reason_is_one_value_per_code_and_parameters():
    assert shared("years", years=3) is shared("years", years=3)
    assert shared("years", years=3) == Reason("years", {"years": 3})


def test_a_shared_reason_says_the_words_and_parameters_of_a_new_one():
    made = Reason("province_outside_quebec", {"province": "ON"})
    kept = shared("province_outside_quebec", province="ON")
    assert said(kept) == said(kept) == said(made) == (english(made), params_json(made.params))
    assert said(kept)[0] == "You plan to live in Ontario, outside Quebec"


def test_a_shared_reason_gives_new_parameters_every_time():
    kept = shared("clb_levels", unit="CLB", levels="9/9/8/7")
    first, second = said(kept)[1], said(kept)[1]
    first["levels"] = "changed"
    assert second == {"unit": "CLB", "levels": "9/9/8/7"}
    assert said(kept)[1] == {"unit": "CLB", "levels": "9/9/8/7"}


def test_a_shared_reason_nested_in_another_is_said_within_it():
    outer = Reason("because", {"first": shared("years", years=2), "then": Reason("years_one")})
    assert said(outer) == ("2 years: 1 year", {
        "first": {"code": "years", "params": {"years": 2}},
        "then": {"code": "years_one", "params": {}},
    })
