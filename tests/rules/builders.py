"""Facts JSON builders for the rules tests: small, explicit, JSON-shaped dicts."""

from datetime import date, timedelta

from eligibility.rules import evaluate, parse_facts, result_to_json

AS_OF = date(2026, 11, 25)

# One NOC 2021 code per TEER (the 2nd digit).
NOC_BY_TEER = {0: "00012", 1: "21231", 2: "22310", 3: "63200", 4: "64100", 5: "65200"}

IELTS_CLB = {  # CLB → (listening, reading, writing, speaking) lowest IELTS bands
    4: (4.5, 3.5, 4.0, 4.0),
    5: (5.0, 4.0, 5.0, 5.0),
    6: (5.5, 5.0, 5.5, 5.5),
    7: (6.0, 6.0, 6.0, 6.0),
    8: (7.5, 6.5, 6.5, 6.5),
    9: (8.0, 7.0, 7.0, 7.0),
    10: (8.5, 8.0, 7.5, 7.5),
}
TEF_NCLC = {  # tests from 2023-12-11: NCLC → (listening, reading, writing, speaking)
    4: (306, 306, 268, 328),
    5: (352, 352, 330, 387),
    6: (393, 393, 379, 422),
    7: (434, 434, 428, 456),
    8: (462, 462, 472, 494),
    9: (503, 503, 512, 518),
    10: (546, 546, 558, 556),
}


def iso(day: date) -> str:
    return day.isoformat()


def days_before(days: int, on: date = AS_OF) -> str:
    return iso(on - timedelta(days=days))


def birth_for_age(age: int, on: date = AS_OF) -> str:
    """A birth date making the person ``age`` in completed years on ``on``."""
    return iso(date(on.year - age - 1, on.month, on.day) + timedelta(days=1))


def job(
    *,
    teer: int = 1,
    noc: str | None = None,
    start: str,
    end: str | None,
    hours: float = 40,
    country: str = "CA",
    **flags,
) -> dict:
    return {
        "noc": noc or NOC_BY_TEER[teer],
        "country": country,
        "start": start,
        "end": end,
        "hours_per_week": hours,
        **flags,
    }


def last_days(days: int, *, hours: float = 40, teer: int = 1, on: date = AS_OF, **kw) -> dict:
    """A job covering exactly the ``days`` days before ``on``."""
    return job(teer=teer, start=days_before(days, on), end=days_before(1, on), hours=hours, **kw)


def ielts(clb: int | None = None, *, scores=None, taken_on: str = "2025-06-14") -> dict:
    listening, reading, writing, speaking = scores or IELTS_CLB[clb]
    return {
        "test": "ielts_general", "taken_on": taken_on,
        "listening": listening, "reading": reading, "writing": writing, "speaking": speaking,
    }


def tef(nclc: int | None = None, *, scores=None, taken_on: str = "2025-03-10") -> dict:
    listening, reading, writing, speaking = scores or TEF_NCLC[nclc]
    return {
        "test": "tef_canada", "taken_on": taken_on,
        "listening": listening, "reading": reading, "writing": writing, "speaking": speaking,
    }


def facts(**fields) -> dict:
    base = {"as_of": iso(AS_OF), "birth_date": birth_for_age(30), "marital_status": "single"}
    base.update(fields)
    return base


def spouse(**fields) -> dict:
    base = {"accompanying": True, "canadian_citizen_or_pr": False}
    base.update(fields)
    return base


def run(obj: dict) -> dict:
    """facts JSON → parse → evaluate → result JSON, as the command does."""
    return result_to_json(evaluate(parse_facts(obj, today=AS_OF)))


def requirement(result: dict, code: str) -> dict:
    return next(item for item in result["cec"]["requirements"] if item["code"] == code)
