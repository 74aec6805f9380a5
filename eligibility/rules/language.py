"""Language tests: accepted tests, valid score ranges, score → CLB/NCLC tables, validity.

Every number here is transcribed from ``shared/rules/clb.md``. ``SCORE_RANGES`` is the single
source of the ranges the database constraints and the forms check (``profiles.constraints``).
"""

from bisect import bisect_right
from datetime import date
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType

from eligibility.rules.dates import ONE_DAY, add_years
from eligibility.rules.frozen import frozen
from eligibility.rules.reasons import Reason, define, define_values, shared

ABILITIES = ("listening", "reading", "writing", "speaking")

ENGLISH_TESTS = ("ielts_general", "celpip_general", "pte_core")
FRENCH_TESTS = ("tef_canada", "tcf_canada")
ACCEPTED_TESTS = ENGLISH_TESTS + FRENCH_TESTS

TEST_LABELS: dict[str, str] = {
    "ielts_general": "IELTS General Training",
    "celpip_general": "CELPIP-General",
    "pte_core": "PTE Core",
    "tef_canada": "TEF Canada",
    "tcf_canada": "TCF Canada",
}
define_values("test", TEST_LABELS)
TEST_LANGUAGE = MappingProxyType(
    {**dict.fromkeys(ENGLISH_TESTS, "english"), **dict.fromkeys(FRENCH_TESTS, "french")}
)

# Tests a person may well have taken but IRCC refuses for Express Entry (clb.md, cec.md §2):
# code → (name, the accepted test to take instead).
REFUSED_TESTS = MappingProxyType(
    {
        "ielts_academic": ("IELTS Academic", "ielts_general"),
        "celpip_general_ls": ("CELPIP-General LS", "celpip_general"),
        "pte_academic": ("PTE Academic", "pte_core"),
        "tef": ("TEF tout public", "tef_canada"),
        "tef_tout_public": ("TEF tout public", "tef_canada"),
        "tcf": ("TCF tout public", "tcf_canada"),
        "tcf_tout_public": ("TCF tout public", "tcf_canada"),
    }
)
REFUSED_TEST_MESSAGE = (
    "{name} is not accepted by IRCC for Express Entry; take {instead} instead"
)
UNKNOWN_TEST_MESSAGE = "must be one of " + ", ".join(ACCEPTED_TESTS)

# A level below CLB/NCLC 4 is reported as 3 (facts.md) and scores 0 points everywhere.
BELOW_CLB_4 = 3
TOP_CLB = 10

_D = Decimal
_HALF = _D("0.5")
_ONE = _D("1")

# test → ability → (lowest, highest, step): clb.md, "Valid score ranges".
# Plain dicts because other code builds database constraints and form checks from them;
# treat them as read-only.
SCORE_RANGES: dict[str, dict[str, tuple[Decimal, Decimal, Decimal]]] = {
    "ielts_general": dict.fromkeys(ABILITIES, (_D("0"), _D("9"), _HALF)),
    "celpip_general": dict.fromkeys(ABILITIES, (_D("0"), _D("12"), _ONE)),
    "pte_core": dict.fromkeys(ABILITIES, (_D("10"), _D("90"), _ONE)),
    "tef_canada": dict.fromkeys(ABILITIES, (_D("0"), _D("699"), _ONE)),
    "tcf_canada": {
        "listening": (_D("100"), _D("699"), _ONE),
        "reading": (_D("100"), _D("699"), _ONE),
        "writing": (_D("0"), _D("20"), _ONE),
        "speaking": (_D("0"), _D("20"), _ONE),
    },
}

SCORE_RANGE_MESSAGES = MappingProxyType(
    {
        ("ielts_general", None): "IELTS General Training scores are 0–9 in steps of 0.5",
        ("celpip_general", None): "CELPIP-General levels are 0 (M) to 12, whole numbers",
        ("pte_core", None): "PTE Core scores are 10–90, whole numbers",
        ("tef_canada", None): "TEF Canada scores are 0–699, whole numbers",
        ("tcf_canada", "listening"): "TCF Canada listening scores are 100–699, whole numbers",
        ("tcf_canada", "reading"): "TCF Canada reading scores are 100–699, whole numbers",
        ("tcf_canada", "writing"): "TCF Canada writing scores are 0–20, whole numbers",
        ("tcf_canada", "speaking"): "TCF Canada speaking scores are 0–20, whole numbers",
    }
)
NOT_A_NUMBER = "must be a number"


def _range_message(test: str, ability: str) -> str:
    return SCORE_RANGE_MESSAGES.get((test, None)) or SCORE_RANGE_MESSAGES[(test, ability)]


@lru_cache(maxsize=4096, typed=True)
def _float_decimal(value: float) -> Decimal:
    return Decimal(repr(value))


def as_decimal(value: object) -> Decimal | None:
    """A JSON-ish number as an exact Decimal; None if it is not a finite number.

    ``bool`` is refused although Python counts it as an int: ``true`` is not a score.
    Floats are read through their shortest repr, so 6.5 → Decimal("6.5") and 37.5 → 37.5.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        value = _float_decimal(value)
    if isinstance(value, Decimal) and value.is_finite():
        return value
    return None


def score_problem(test: str, ability: str, value: object) -> str | None:
    """Why ``value`` is not a possible ``ability`` score of ``test``; None when it is.

    ``test`` must be one of ``ACCEPTED_TESTS`` and ``ability`` one of ``ABILITIES``.
    """
    number = as_decimal(value)
    if number is None:
        return NOT_A_NUMBER
    return decimal_score_problem(test, ability, number)


def decimal_score_problem(test: str, ability: str, number: Decimal) -> str | None:
    """``score_problem`` for a finite ``Decimal`` (what ``as_decimal`` gives)."""
    low, high, step = SCORE_RANGES[test][ability]
    if not (low <= number <= high) or (number - low) % step != 0:
        return _range_message(test, ability)
    return None


# ---------------------------------------------------------------------------------------------
# Score → CLB tables. Each row: CLB level → per ability (lowest, highest) score of that level,
# exactly as printed in clb.md (for IELTS the printed value is the lowest band of the level;
# the highest is the band below the next row). The conversion uses the lowest score of each
# row: "a score between rows takes the lower row; anything above the CLB 10 row is CLB 10".


def _row(l_lo, l_hi, r_lo, r_hi, w_lo, w_hi, s_lo, s_hi):
    return {
        "listening": (_D(l_lo), _D(l_hi)),
        "reading": (_D(r_lo), _D(r_hi)),
        "writing": (_D(w_lo), _D(w_hi)),
        "speaking": (_D(s_lo), _D(s_hi)),
    }


# clb.md prints reading, writing, listening, speaking; _row takes listening first.
IELTS_TABLE = MappingProxyType(
    {
        10: _row("8.5", "9", "8.0", "9", "7.5", "9", "7.5", "9"),
        9: _row("8.0", "8.0", "7.0", "7.5", "7.0", "7.0", "7.0", "7.0"),
        8: _row("7.5", "7.5", "6.5", "6.5", "6.5", "6.5", "6.5", "6.5"),
        7: _row("6.0", "7.0", "6.0", "6.0", "6.0", "6.0", "6.0", "6.0"),
        6: _row("5.5", "5.5", "5.0", "5.5", "5.5", "5.5", "5.5", "5.5"),
        5: _row("5.0", "5.0", "4.0", "4.5", "5.0", "5.0", "5.0", "5.0"),
        4: _row("4.5", "4.5", "3.5", "3.5", "4.0", "4.5", "4.0", "4.5"),
    }
)
CELPIP_TABLE = MappingProxyType(
    {level: _row(level, level, level, level, level, level, level, level) for level in range(4, 10)}
    | {10: _row(10, 12, 10, 12, 10, 12, 10, 12)}
)
PTE_CORE_TABLE = MappingProxyType(
    {
        10: _row(89, 90, 88, 90, 90, 90, 89, 90),
        9: _row(82, 88, 78, 87, 88, 89, 84, 88),
        8: _row(71, 81, 69, 77, 79, 87, 76, 83),
        7: _row(60, 70, 60, 68, 69, 78, 68, 75),
        6: _row(50, 59, 51, 59, 60, 68, 59, 67),
        5: _row(39, 49, 42, 50, 51, 59, 51, 58),
        4: _row(28, 38, 33, 41, 41, 50, 42, 50),
    }
)
# TEF Canada, tests taken from 2023-12-11 on (CO listening, CE reading, EE writing, EO speaking).
TEF_TABLE_2023 = MappingProxyType(
    {
        10: _row(546, 699, 546, 699, 558, 699, 556, 699),
        9: _row(503, 545, 503, 545, 512, 557, 518, 555),
        8: _row(462, 502, 462, 502, 472, 511, 494, 517),
        7: _row(434, 461, 434, 461, 428, 471, 456, 493),
        6: _row(393, 433, 393, 433, 379, 427, 422, 455),
        5: _row(352, 392, 352, 392, 330, 378, 387, 421),
        4: _row(306, 351, 306, 351, 268, 329, 328, 386),
    }
)
# TEF Canada, tests taken 2019-10-01 … 2023-12-10: the same bands for every ability.
TEF_TABLE_2019 = MappingProxyType(
    {
        level: _row(low, high, low, high, low, high, low, high)
        for level, (low, high) in {
            10: (566, 699), 9: (533, 565), 8: (500, 532), 7: (450, 499),
            6: (400, 449), 5: (350, 399), 4: (300, 349),
        }.items()
    }
)
TCF_TABLE = MappingProxyType(
    {
        10: _row(549, 699, 549, 699, 16, 20, 16, 20),
        9: _row(523, 548, 524, 548, 14, 15, 14, 15),
        8: _row(503, 522, 499, 523, 12, 13, 12, 13),
        7: _row(458, 502, 453, 498, 10, 11, 10, 11),
        6: _row(398, 457, 406, 452, 7, 9, 7, 9),
        5: _row(369, 397, 375, 405, 6, 6, 6, 6),
        4: _row(331, 368, 342, 374, 4, 5, 4, 5),
    }
)

TEF_2023_FROM = date(2023, 12, 11)
TEF_2019_FROM = date(2019, 10, 1)
TEF_TOO_OLD_MESSAGE = (
    "TEF Canada results from before 2019-10-01 cannot be converted to NCLC here "
    "(they expired long ago)"
)


def table_for(test: str, taken_on: date) -> MappingProxyType:
    """The conversion table of ``test`` for a test taken on ``taken_on``.

    Raises ValueError for a TEF Canada taken before 2019-10-01 (clb.md gives no table for it).
    """
    if test == "ielts_general":
        return IELTS_TABLE
    if test == "celpip_general":
        return CELPIP_TABLE
    if test == "pte_core":
        return PTE_CORE_TABLE
    if test == "tcf_canada":
        return TCF_TABLE
    if test == "tef_canada":
        if taken_on >= TEF_2023_FROM:
            return TEF_TABLE_2023
        if taken_on >= TEF_2019_FROM:
            return TEF_TABLE_2019
        raise ValueError(TEF_TOO_OLD_MESSAGE)
    raise ValueError(f"unknown test {test!r}")


def _thresholds(table) -> dict[str, tuple[Decimal, ...]]:
    # ability → lowest scores of CLB 4, 5, …, 10 (ascending), for bisect.
    return {
        ability: tuple(table[level][ability][0] for level in range(4, TOP_CLB + 1))
        for ability in ABILITIES
    }


_THRESHOLDS = {id(table): _thresholds(table) for table in (
    IELTS_TABLE, CELPIP_TABLE, PTE_CORE_TABLE, TEF_TABLE_2023, TEF_TABLE_2019, TCF_TABLE,
)}


def clb_for(test: str, ability: str, score: Decimal, taken_on: date) -> int:
    """CLB/NCLC level of one score; ``BELOW_CLB_4`` (3) below the CLB 4 row."""
    thresholds = _THRESHOLDS[id(table_for(test, taken_on))][ability]
    return BELOW_CLB_4 + bisect_right(thresholds, score)


def lowest_score_for(test: str, ability: str, level: int, taken_on: date) -> Decimal:
    """The lowest score of ``test`` that gives ``level`` (4–10) in ``ability``."""
    return table_for(test, taken_on)[level][ability][0]


def valid_until(taken_on: date) -> date:
    """Last day a result is valid: 2 years from the test date (cec.md §2: a test taken on
    2024-11-25 is valid through 2026-11-24).

    For a test taken on Feb 29 the 2-year anniversary is taken as Feb 28 (the same convention
    as the CEC window), so it is valid through Feb 27: we would rather tell someone a day
    early that a result has expired than a day late.
    """
    return add_years(taken_on, 2) - ONE_DAY


@frozen
class LanguageResult:
    """One language test as the engine reads it on the evaluation date."""

    index: int
    test: str
    taken_on: date
    valid_until: date
    valid: bool
    clb: tuple[int, int, int, int]  # listening, reading, writing, speaking
    scores: tuple[Decimal, Decimal, Decimal, Decimal]
    language: str = ""  # english | french (derived from test)
    lowest: int = 0  # the weakest ability's level (derived from clb)

    def __post_init__(self) -> None:
        object.__setattr__(self, "language", TEST_LANGUAGE[self.test])
        object.__setattr__(self, "lowest", min(self.clb))

    @property
    def label(self) -> str:
        return TEST_LABELS[self.test]

    @property
    def unit(self) -> str:
        """CLB for English tests, NCLC (niveaux de compétence linguistique) for French."""
        return "NCLC" if self.language == "french" else "CLB"

    @property
    def lowest_ability(self) -> str:
        return ABILITIES[self.clb.index(self.lowest)]

    def sort_key(self) -> tuple:
        # A total order that does not depend on where the test sits in the input, used to
        # break ties between equally good tests: the more recent first, then by name/scores.
        return (self.taken_on, self.test, self.scores)


@lru_cache(maxsize=8192)
def _clb(table: int, scores: tuple[Decimal, ...]) -> tuple[int, ...]:
    """The CLB levels of ``scores`` in the table whose ``id`` is ``table`` (the tables are
    module constants, so their ids are stable). Cached: a batch repeats the same scores."""
    thresholds = _THRESHOLDS[table]
    return tuple(
        BELOW_CLB_4 + bisect_right(thresholds[ability], score)
        for ability, score in zip(ABILITIES, scores, strict=True)
    )


def read_test(test, index: int, on: date) -> LanguageResult:
    """Convert a ``facts.LanguageTest`` and judge its validity on ``on``."""
    scores = (test.listening, test.reading, test.writing, test.speaking)
    clb = _clb(id(table_for(test.test, test.taken_on)), scores)
    until = valid_until(test.taken_on)
    return LanguageResult(
        index=index,
        test=test.test,
        taken_on=test.taken_on,
        valid_until=until,
        valid=test.taken_on <= on <= until,
        clb=clb,
        scores=scores,
    )


CLB_LEVELS = define("clb_levels", "{unit} {levels} (listening/reading/writing/speaking)")


@lru_cache(maxsize=4096)
def clb_reason(clb: tuple[int, ...], unit: str = "CLB") -> Reason:
    """'CLB 9/9/8/7 (listening/reading/writing/speaking)', below 4 shown as '<4'."""
    shown = "/".join(str(level) if level > BELOW_CLB_4 else "<4" for level in clb)
    return shared("clb_levels", unit=unit, levels=shown)


def describe_clb(clb: tuple[int, ...], unit: str = "CLB") -> str:
    return clb_reason(clb, unit).text
