"""Every round is tied to its type (a program or a category) by the keywords of one table."""

import json

import pytest
from django.conf import settings

from eligibility.draws.rounds import (
    ROUND_CATEGORY_OF_ENGINE,
    ROUND_NAME_KEYWORDS,
    category_of,
    parse_rounds,
)
from eligibility.models import RoundCategory
from eligibility.rules.categories import CATEGORY_SETS

SHARED_ROUNDS = settings.SHARED_DIR / "data/ee_rounds/ee_rounds_123_en.json"
needs_shared_file = pytest.mark.skipif(
    not SHARED_ROUNDS.exists(), reason=f"{SHARED_ROUNDS} is not there"
)

# Every name the shared file holds, and the type it must get.
KNOWN_NAMES = {
    "No Program Specified": "all_programs",
    "General": "all_programs",
    "Provincial Nominee Program": "pnp",
    "Canadian Experience Class": "cec",
    "Federal Skilled Trades": "fst",
    "Federal Skilled Worker": "fsw",
    "French language proficiency (Version 1)": "french",
    "French-Language proficiency 2026-Version 2": "french",
    "Healthcare occupations (Version 1)": "healthcare",
    "Healthcare and social services occupations (Version 2)": "healthcare",
    "Healthcare and Social Services Occupations, 2026-Version 3": "healthcare",
    "Trade occupations (Version 1)": "trades",
    "Trade occupations (Version 2)": "trades",
    "Trades Occupations, 2026-Version 3": "trades",
    "STEM occupations (Version 1)": "stem",
    "Transport occupations (Version 1)": "transport",
    "Transport Occupations, 2026-Version 2": "transport",
    "Agriculture and agri-food occupations (Version 1)": "agriculture",
    "Education occupations (Version 1)": "education",
    "Senior managers with Canadian Work Experience, 2026-Version 1": "senior_managers",
    "Physicians with Canadian Work Experience, 2026-Version 1": "physicians",
    "Skilled Military Recruits, 2026-Version 1": "military",
}


@pytest.fixture(scope="module")
def shared_rounds():
    content = SHARED_ROUNDS.read_bytes()
    return json.loads(content)["rounds"], parse_rounds(content)


@needs_shared_file
def test_every_round_of_the_shared_file_is_kept(shared_rounds):
    raw, parsed = shared_rounds
    assert [item.number for item in parsed] == [item["drawNumber"] for item in raw]


@needs_shared_file
def test_every_round_of_the_shared_file_gets_the_type_of_its_name(shared_rounds):
    raw, parsed = shared_rounds
    wrong = [
        (item.number, item.name, item.category)
        for item in parsed
        if item.category != KNOWN_NAMES.get(item.name, RoundCategory.UNCLASSIFIED)
    ]
    assert wrong == []


@needs_shared_file
def test_no_round_of_the_shared_file_is_unclassified(shared_rounds):
    _raw, parsed = shared_rounds
    assert [item.name for item in parsed if item.category == RoundCategory.UNCLASSIFIED] == []


@needs_shared_file
def test_round_422_is_a_healthcare_round_of_4000_at_475(shared_rounds):
    _raw, parsed = shared_rounds
    round_422 = next(item for item in parsed if item.number == "422")
    assert (round_422.category, round_422.size, round_422.crs_cutoff) == ("healthcare", 4000, 475)


@pytest.mark.parametrize(("name", "category"), [
    # IRCC's spellings change; the keywords do not.
    ("Trade occupations", "trades"),
    ("Trades Occupations, 2026-Version 3", "trades"),
    ("TRADES OCCUPATIONS, 2027-Version 4", "trades"),
    ("Trade  occupations (Version 2)", "trades"),
    ("French language proficiency (Version 1)", "french"),
    ("French-Language proficiency 2027-Version 3", "french"),
    ("Healthcare occupations (Version 1)", "healthcare"),
    ("Health care and social services occupations, 2027", "healthcare"),
    ("STEM occupations (Version 2)", "stem"),
    ("Science, technology, engineering and math occupations", "stem"),
    ("Researchers with Canadian Work Experience, 2026-Version 1", "researchers"),
    ("Senior managers with Canadian Work Experience, 2026-Version 1", "senior_managers"),
    ("Physicians with Canadian Work Experience, 2026-Version 1", "physicians"),
    ("Transport Occupations, 2026-Version 2", "transport"),
    ("Agriculture and agri-food occupations (Version 1)", "agriculture"),
    ("Education occupations (Version 1)", "education"),
    ("Skilled Military Recruits, 2026-Version 1", "military"),
    ("Canadian Experience Class", "cec"),
    ("canadian experience class ", "cec"),
    ("No Program Specified", "all_programs"),
    ("General", "all_programs"),
    ("Provincial Nominee Program", "pnp"),
    ("Federal Skilled Trades", "fst"),
    ("Federal Skilled Worker", "fsw"),
])
def test_round_name_variants_get_their_type(name, category):
    assert category_of(name) == category


@pytest.mark.parametrize("name", [
    "Bilingual occupations (Version 1)",
    "",
    "Systems analysts",  # "stem" only inside a word
    "Entrepreneurs, 2027-Version 1",
])
def test_a_name_no_keyword_matches_is_unclassified(name):
    assert category_of(name) == RoundCategory.UNCLASSIFIED


def test_a_category_round_naming_canadian_work_experience_is_not_a_cec_round():
    assert category_of("Senior managers with Canadian Work Experience") == "senior_managers"


def test_every_engine_category_has_its_round_type():
    codes = {category.code for categories in CATEGORY_SETS for category in categories.categories}
    assert set(ROUND_CATEGORY_OF_ENGINE) == codes
    assert set(ROUND_CATEGORY_OF_ENGINE.values()) <= set(RoundCategory.values)


def test_every_keyword_names_a_known_round_type():
    assert {category for _keyword, category in ROUND_NAME_KEYWORDS} <= set(RoundCategory.values)


def test_an_unclassified_round_is_kept_by_the_parser():
    document = {"rounds": [{
        "drawNumber": "500", "drawDate": "2027-01-05", "drawName": "Bilingual occupations",
        "drawSize": "1,000", "drawCRS": "450",
    }]}
    (parsed,) = parse_rounds(json.dumps(document))
    assert (parsed.number, parsed.category) == ("500", RoundCategory.UNCLASSIFIED)
