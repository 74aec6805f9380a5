"""Parse IRCC's "rounds of invitations" JSON (``shared/data/ee_rounds/SOURCE.md``).

Every value in the file is a string; sizes and distribution counts carry thousands separators,
one draw number is "91a", and the free-text timestamps are written a dozen ways. The parser
reads the whole file first and reports every problem, so a bad file changes nothing.
"""

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime

from eligibility.models import RoundCategory

OFFICIAL_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"

DISTRIBUTION_KEYS = tuple(f"dd{n}" for n in range(1, 19))

MONTHS = {
    name: number
    for number, name in enumerate(
        ("january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"),
        start=1,
    )
}
# "October 11, 2025 at 14:55:49 UTC", "May 31,2023 13:45:12 UTC", "July 3rd 2019 at 9:01:02"…
_STAMP = re.compile(
    r"^\s*(?P<month>[A-Za-z]+)\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?[.,]?\s*(?P<year>\d{4})?,?"
    r"\s*(?:at)?\s*(?:\d{4}-\d{2}-\d{2}\s+)?(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})"
    r"\s*(?P<ampm>AM|PM)?",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^\d{1,3}(,\d{3})*$|^\d+$")
_DRAW = re.compile(r"^(?P<sequence>\d+)(?P<suffix>[a-z]?)$")


class RoundsError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:5]))
        self.problems = problems


@dataclass(frozen=True)
class ParsedRound:
    number: str
    sequence: int
    drawn_on: date
    name: str
    category: str
    programs: str
    size: int
    crs_cutoff: int
    drawn_at_text: str
    tie_break_text: str
    tie_break_at: datetime | None
    distribution_on: date | None
    distribution: dict[str, int] | None


# How IRCC names its rounds in French, where we know it; any other name is shown as IRCC's
# English page gives it. Keyed by the English name as imported.
FRENCH_ROUND_NAMES = {
    "No Program Specified": "Aucun programme spécifié",
    "General": "Général",
    "Provincial Nominee Program": "Programme des candidats des provinces",
    "Canadian Experience Class": "Catégorie de l'expérience canadienne",
    "Federal Skilled Trades": "Programme des travailleurs de métiers spécialisés (fédéral)",
    "Federal Skilled Worker": "Programme des travailleurs qualifiés (fédéral)",
    "French language proficiency (Version 1)": "Compétence linguistique en français (version 1)",
    "French-Language proficiency 2026-Version 2":
        "Compétence linguistique en français, 2026 – version 2",
    "Healthcare occupations (Version 1)": "Professions des soins de santé (version 1)",
    "Healthcare and social services occupations (Version 2)":
        "Professions des soins de santé et des services sociaux (version 2)",
    "Healthcare and Social Services Occupations, 2026-Version 3":
        "Professions des soins de santé et des services sociaux, 2026 – version 3",
    "STEM occupations (Version 1)":
        "Professions en sciences, technologie, génie et mathématiques (STGM) (version 1)",
    "Trade occupations (Version 1)": "Métiers (version 1)",
    "Trade occupations (Version 2)": "Métiers (version 2)",
    "Trades Occupations, 2026-Version 3": "Métiers, 2026 – version 3",
    "Transport occupations (Version 1)": "Professions du transport (version 1)",
    "Transport Occupations, 2026-Version 2": "Professions du transport, 2026 – version 2",
    "Agriculture and agri-food occupations (Version 1)":
        "Professions de l'agriculture et de l'agroalimentaire (version 1)",
    "Education occupations (Version 1)": "Professions de l'éducation (version 1)",
    "Physicians with Canadian Work Experience, 2026-Version 1":
        "Médecins ayant une expérience de travail au Canada, 2026 – version 1",
    "Senior managers with Canadian Work Experience, 2026-Version 1":
        "Cadres supérieurs ayant une expérience de travail au Canada, 2026 – version 1",
    "Skilled Military Recruits, 2026-Version 1":
        "Recrues militaires qualifiées, 2026 – version 1",
}


def round_name_in(name: str, language: str) -> str:
    """A round's name in ``language``: IRCC's French name when French and known."""
    if language.split("-")[0] == "fr":
        return FRENCH_ROUND_NAMES.get(name, name)
    return name


# --- Round names → round types ---------------------------------------------------------------
# IRCC renames its rounds often ("Trade occupations (Version 1)", "Trades Occupations,
# 2026-Version 3"; "French language proficiency (Version 1)", "French-Language proficiency
# 2026-Version 2"), so a round's type is found by keywords, never by the exact name. This table
# is the one place that says which words mean which type. The first row whose keyword occurs in
# the name (lower-cased, as a whole word or the start of one) wins; the program rows come
# first because a category name may mention a program ("… with Canadian Work Experience" is not
# "Canadian Experience Class", and no program row matches it). A name no row matches is stored
# as ``UNCLASSIFIED``: the round is kept and listed, never dropped.
ROUND_NAME_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("canadian experience class", RoundCategory.CEC),
    ("no program specified", RoundCategory.ALL_PROGRAMS),
    ("general", RoundCategory.ALL_PROGRAMS),  # the 2015–2016 name of all-program rounds
    ("provincial nominee", RoundCategory.PNP),
    ("federal skilled trade", RoundCategory.FST),
    ("federal skilled worker", RoundCategory.FSW),
    ("french", RoundCategory.FRENCH),
    ("healthcare", RoundCategory.HEALTHCARE),
    ("health care", RoundCategory.HEALTHCARE),
    ("physician", RoundCategory.PHYSICIANS),
    ("trade", RoundCategory.TRADES),  # "Trade occupations", "Trades Occupations"
    ("stem", RoundCategory.STEM),
    ("science, technology", RoundCategory.STEM),
    ("transport", RoundCategory.TRANSPORT),
    ("agricultur", RoundCategory.AGRICULTURE),
    ("education", RoundCategory.EDUCATION),
    ("senior manager", RoundCategory.SENIOR_MANAGERS),
    ("researcher", RoundCategory.RESEARCHERS),
    ("military", RoundCategory.MILITARY),
)
_KEYWORDS = tuple(
    (re.compile(r"\b" + re.escape(keyword)), category) for keyword, category in ROUND_NAME_KEYWORDS
)

# Each category of the rules engine (``eligibility.rules.categories``) and the round type that
# invites it. The program round types (CEC, all programs, PNP, FSW, FST) are not categories.
ROUND_CATEGORY_OF_ENGINE: dict[str, str] = {
    "french": RoundCategory.FRENCH,
    "healthcare": RoundCategory.HEALTHCARE,
    "stem": RoundCategory.STEM,
    "trades": RoundCategory.TRADES,
    "education": RoundCategory.EDUCATION,
    "transport": RoundCategory.TRANSPORT,
    "physicians": RoundCategory.PHYSICIANS,
    "senior_managers": RoundCategory.SENIOR_MANAGERS,
    "researchers": RoundCategory.RESEARCHERS,
    "military": RoundCategory.MILITARY,
}


def category_of(name: str) -> str:
    """The round type of one of IRCC's round names (``ROUND_NAME_KEYWORDS``)."""
    text = " ".join(name.lower().split())
    for pattern, category in _KEYWORDS:
        if pattern.search(text):
            return category
    return RoundCategory.UNCLASSIFIED


def parse_number(text: str) -> int:
    """ "3,000" → 3000. ValueError for anything else."""
    text = text.strip()
    if not _NUMBER.match(text):
        raise ValueError(f"{text!r} is not a whole number")
    return int(text.replace(",", ""))


def parse_long_date(text: str) -> date | None:
    """ "August 3, 2026" → 2026-08-03; None when the text is not such a date."""
    match = re.match(r"^\s*([A-Za-z]+)\s+(\d{1,2}),?\s*(\d{4})\s*$", text or "")
    if not match or match.group(1).lower() not in MONTHS:
        return None
    try:
        return date(int(match.group(3)), MONTHS[match.group(1).lower()], int(match.group(2)))
    except ValueError:
        return None


def parse_stamp(text: str, *, year: int) -> datetime | None:
    """A free-text UTC timestamp, or None when it cannot be read (it is kept as text)."""
    match = _STAMP.match(text or "")
    if not match or match.group("month").lower() not in MONTHS:
        return None
    hour = int(match.group("h"))
    if match.group("ampm"):
        hour = hour % 12 + (12 if match.group("ampm").upper() == "PM" else 0)
    try:
        return datetime(
            int(match.group("year") or year), MONTHS[match.group("month").lower()],
            int(match.group("day")), hour, int(match.group("m")), int(match.group("s")),
            tzinfo=UTC,
        )
    except ValueError:
        return None


def _one(raw: object, where: str, problems: list[str]) -> ParsedRound | None:
    if not isinstance(raw, dict):
        problems.append(f"{where}: not an object")
        return None
    before = len(problems)

    def text(key: str, required: bool = True) -> str:
        value = raw.get(key, "")
        if not isinstance(value, str):
            problems.append(f"{where}.{key}: must be a string")
            return ""
        if required and not value.strip():
            problems.append(f"{where}.{key}: missing")
        return value.strip()

    number = text("drawNumber")
    draw = _DRAW.match(number)
    if number and not draw:
        problems.append(f"{where}.drawNumber: {number!r} is not a round number")
    try:
        drawn_on = date.fromisoformat(text("drawDate"))
    except ValueError:
        problems.append(f"{where}.drawDate: not a YYYY-MM-DD date")
        drawn_on = None
    numbers = {}
    for key in ("drawSize", "drawCRS"):
        try:
            numbers[key] = parse_number(text(key))
        except ValueError as error:
            problems.append(f"{where}.{key}: {error}")
    counts: dict[str, int] = {}
    for key in DISTRIBUTION_KEYS:
        value = text(key, required=False)
        try:
            counts[key] = parse_number(value) if value else 0
        except ValueError as error:
            problems.append(f"{where}.{key}: {error}")
    name = text("drawName")
    if len(problems) > before:
        return None
    tie_break = text("drawCutOff", required=False)
    return ParsedRound(
        number=number,
        sequence=int(draw.group("sequence")),
        drawn_on=drawn_on,
        name=name,
        category=category_of(name),
        programs=text("drawText2", required=False)[:200],
        size=numbers["drawSize"],
        crs_cutoff=numbers["drawCRS"],
        drawn_at_text=text("drawDateTime", required=False)[:80],
        tie_break_text=tie_break[:80],
        tie_break_at=parse_stamp(tie_break, year=drawn_on.year) if tie_break else None,
        distribution_on=parse_long_date(text("drawDistributionAsOn", required=False)),
        # Older rounds publish only zeros: no distribution rather than an empty pool.
        distribution=counts if any(counts.values()) else None,
    )


def parse_rounds(content: bytes | str) -> list[ParsedRound]:
    """Every round in the file, or RoundsError listing every problem."""
    try:
        document = json.loads(content)
    except (ValueError, UnicodeDecodeError) as error:
        raise RoundsError([f"not JSON: {error}"]) from error
    rounds = document.get("rounds") if isinstance(document, dict) else None
    if not isinstance(rounds, list) or not rounds:
        raise RoundsError(['expected an object with a non-empty "rounds" list'])
    problems: list[str] = []
    parsed = [_one(raw, f"rounds[{index}]", problems) for index, raw in enumerate(rounds)]
    seen: set[str] = set()
    for item in parsed:
        if item is not None:
            if item.number in seen:
                problems.append(f"round {item.number}: appears twice")
            seen.add(item.number)
    if problems:
        raise RoundsError(problems)
    return parsed
