"""Read Statistics Canada's two NOC 2021 V1.0 CSV files into plain records (no database).

The "classification structure" file gives every class at the five levels (code, title,
definition; a unit group's definition is its lead statement). The "elements" file gives, per
unit group, one row per element: main duties, example titles and, in the official file,
inclusions, exclusions, employment requirements and additional information. A file that lacks
some element types (the rebuild in ``../shared/data/noc2021`` only has duties and examples) is
read all the same.

Everything is checked before anything is written: a wrong column, a file that is not UTF-8 or a
code whose length does not match its level raises ``NocSourceError`` with a message that names
the file and line.
"""

import csv
import io
import json
import re
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

STRUCTURE_COLUMNS = (
    "Level",
    "Hierarchical structure",
    "Code - NOC 2021 V1.0",
    "Class title",
    "Class definition",
)
ELEMENTS_COLUMNS = (
    "Level",
    "Code - NOC 2021 V1.0",
    "Class title",
    "Element Type Label English",
    "Element Description English",
)
CODE = "Code - NOC 2021 V1.0"
ELEMENT_TYPE = "Element Type Label English"
ELEMENT_TEXT = "Element Description English"

MAIN_DUTIES = "Main duties"
ILLUSTRATIVE = "Illustrative example(s)"
ALL_EXAMPLES = "All examples"
# Element types kept as free text on the unit group, in the NOC's own order.
TEXT_ELEMENTS = {
    "Employment requirements": "employment_requirements",
    "Inclusion(s)": "inclusions",
    "Exclusion(s)": "exclusions",
    "Additional information": "additional_information",
}
KNOWN_ELEMENTS = {MAIN_DUTIES, ILLUSTRATIVE, ALL_EXAMPLES, *TEXT_ELEMENTS}
# The NOC introduces every duty list with this sentence; it is not a duty.
DUTIES_PREAMBLE = re.compile(r"^this group performs some or all of the following duties", re.I)
TITLE_MAX_LENGTH = 255
# The change reason the import leaves in every historical record it writes.
IMPORT_REASON = "NOC import"


class NocSourceError(Exception):
    """A source file that cannot be imported; the message says which file and why."""


@dataclass(frozen=True)
class ClassRecord:
    code: str
    level: int
    title: str
    definition: str

    @property
    def parent_code(self) -> str | None:
        return self.code[:-1] if self.level > 1 else None


@dataclass(frozen=True)
class DutyRecord:
    text: str
    is_heading: bool = False


@dataclass(frozen=True)
class ExampleRecord:
    title: str
    illustrative: bool = False


@dataclass
class UnitGroupRecord:
    code: str
    title: str
    lead_statement: str
    duties: list[DutyRecord] = field(default_factory=list)
    examples: list[ExampleRecord] = field(default_factory=list)
    employment_requirements: str = ""
    inclusions: str = ""
    exclusions: str = ""
    additional_information: str = ""
    title_fr: str = ""
    example_titles_fr: str = ""  # one a line

    @property
    def teer(self) -> int:
        # The second digit of a NOC 2021 code is its TEER category, for every unit group.
        return int(self.code[1])

    @property
    def minor_group_code(self) -> str:
        return self.code[:4]


@dataclass
class Catalogue:
    classes: list[ClassRecord]  # levels 1 to 4, parents before children
    unit_groups: list[UnitGroupRecord]
    element_rows: int = 0
    skipped_element_types: Counter = field(default_factory=Counter)


@dataclass(frozen=True)
class SourceFile:
    name: str
    data: bytes


# --- finding and fetching the files ------------------------------------------------------------


def load_sources(sources: Iterable[str]) -> tuple[SourceFile, SourceFile]:
    """(structure, elements) from one folder, or from two paths or URLs in any order."""
    sources = list(sources)
    if len(sources) == 1 and Path(sources[0]).is_dir():
        folder = Path(sources[0])
        return (
            _read_path(_one_file(folder, "*classification*structure*.csv")),
            _read_path(_one_file(folder, "*elements*.csv")),
        )
    if len(sources) != 2:
        raise NocSourceError(
            "Give a folder holding the two NOC CSV files, or the two files (paths or URLs): "
            "the classification structure and the elements."
        )
    files = [_fetch_url(s) if _is_url(s) else _read_path(Path(s)) for s in sources]
    by_kind = {_kind(f): f for f in files}
    if set(by_kind) != {"structure", "elements"}:
        raise NocSourceError(
            "Expected one classification structure file and one elements file; got "
            + ", ".join(f"{f.name} ({_kind(f)})" for f in files)
            + "."
        )
    return by_kind["structure"], by_kind["elements"]


def _is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def _one_file(folder: Path, pattern: str) -> Path:
    found = sorted(folder.glob(pattern))
    if len(found) != 1:
        raise NocSourceError(
            f"{folder}: expected exactly one file matching {pattern}, found {len(found)}."
        )
    return found[0]


def _read_path(path: Path) -> SourceFile:
    try:
        return SourceFile(name=str(path), data=path.read_bytes())
    except OSError as exc:
        raise NocSourceError(f"{path}: cannot be read ({exc.strerror or exc}).") from exc


def _fetch_url(url: str) -> SourceFile:
    try:
        with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 (http(s) only)
            return SourceFile(name=url, data=response.read())
    except OSError as exc:
        raise NocSourceError(f"{url}: cannot be downloaded ({exc}).") from exc


def _kind(source: SourceFile) -> str:
    first_line = source.data.split(b"\n", 1)[0]
    if b"Hierarchical structure" in first_line:
        return "structure"
    if b"Element Type Label English" in first_line:
        return "elements"
    return "unknown"


def load_french_source(sources: Iterable[str]) -> SourceFile | None:
    """The bilingual example-titles file (French titles of the CNP 2021) beside the CSV files,
    when the source is a folder holding one; None otherwise (the catalogue stays English)."""
    sources = list(sources)
    if len(sources) != 1 or not Path(sources[0]).is_dir():
        return None
    found = sorted(Path(sources[0]).glob(FRENCH_TITLES_PATTERN))
    return _read_path(found[0]) if len(found) == 1 else None


FRENCH_TITLES_PATTERN = "*example_titles_bilingual*.json"


def parse_french_titles(source: SourceFile) -> dict[str, tuple[str, list[str]]]:
    """Unit group code → (French title, French example titles) from the bilingual file: a JSON
    list of {category_code, category_FR, occupations_FR, …} (see its SOURCE.md)."""
    try:
        records = json.loads(source.data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise NocSourceError(f"{source.name}: not a JSON file in UTF-8 ({exc}).") from exc
    if not isinstance(records, list):
        raise NocSourceError(f"{source.name}: expected a list of unit groups.")
    french = {}
    for position, record in enumerate(records, start=1):
        code = record.get("category_code") if isinstance(record, dict) else None
        title = _clean(record.get("category_FR")) if code else ""
        if not (isinstance(code, str) and len(code) == 5 and code.isdigit()) or not title:
            raise NocSourceError(
                f"{source.name}, record {position}: needs a 5-digit category_code and a "
                "category_FR title."
            )
        examples = _unique(_clean(t)[:TITLE_MAX_LENGTH] for t in record.get("occupations_FR") or [])
        french[code] = (title[:TITLE_MAX_LENGTH], [t for t in examples if t])
    return french


# --- reading ----------------------------------------------------------------------------------


def _rows(source: SourceFile, columns: tuple[str, ...]) -> Iterable[tuple[int, dict[str, str]]]:
    try:
        text = source.data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise NocSourceError(
            f"{source.name}: not UTF-8 text (byte {exc.start} cannot be read). "
            "Statistics Canada publishes these files in UTF-8; download the file again."
        ) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [name for name in columns if name not in header]
    if missing:
        raise NocSourceError(
            f"{source.name}: wrong columns; missing {', '.join(repr(m) for m in missing)} "
            f"(found {', '.join(repr(h) for h in header) or 'no header'})."
        )
    reader.fieldnames = header
    try:
        for row in reader:
            yield reader.line_num, {key: _clean(row.get(key)) for key in columns}
    except csv.Error as exc:
        raise NocSourceError(f"{source.name}, line {reader.line_num}: {exc}.") from exc


def _clean(value: str | None) -> str:
    # Collapse the odd non-breaking space and doubled blanks the files contain.
    return " ".join((value or "").split())


def _level_and_code(source: SourceFile, line: int, row: dict[str, str]) -> tuple[int, str]:
    level_text, code = row["Level"], row[CODE]
    if level_text not in {"1", "2", "3", "4", "5"}:
        raise NocSourceError(f"{source.name}, line {line}: level {level_text!r} is not 1 to 5.")
    level = int(level_text)
    if not code.isdigit() or len(code) != level:
        raise NocSourceError(
            f"{source.name}, line {line}: code {code!r} is not a {level}-digit code, "
            f"which a level-{level} class must have (is the code column read as text?)."
        )
    return level, code


def parse_structure(source: SourceFile) -> tuple[list[ClassRecord], list[ClassRecord]]:
    """(classes of levels 1–4, unit groups) from the classification structure file."""
    seen: dict[str, ClassRecord] = {}
    for line, row in _rows(source, STRUCTURE_COLUMNS):
        level, code = _level_and_code(source, line, row)
        if code in seen:
            raise NocSourceError(f"{source.name}, line {line}: code {code} appears twice.")
        if not row["Class title"] or len(row["Class title"]) > TITLE_MAX_LENGTH:
            raise NocSourceError(f"{source.name}, line {line}: code {code} has no usable title.")
        seen[code] = ClassRecord(code, level, row["Class title"], row["Class definition"])
    for record in seen.values():
        if record.parent_code is not None and record.parent_code not in seen:
            raise NocSourceError(
                f"{source.name}: class {record.code} has no parent class {record.parent_code}."
            )
    ordered = sorted(seen.values(), key=lambda r: (r.level, r.code))
    units = [r for r in ordered if r.level == 5]
    if not units:
        raise NocSourceError(f"{source.name}: no unit groups (level 5) found.")
    return [r for r in ordered if r.level < 5], units


def parse_elements(
    source: SourceFile, unit_codes: set[str]
) -> tuple[dict[str, dict[str, list[str]]], int, Counter]:
    """Per unit group code, per element type, the element texts in file order."""
    elements: dict[str, dict[str, list[str]]] = {code: {} for code in unit_codes}
    skipped: Counter = Counter()
    count = 0
    for line, row in _rows(source, ELEMENTS_COLUMNS):
        level, code = _level_and_code(source, line, row)
        count += 1
        if level != 5:
            continue  # elements are described per unit group; nothing to keep above them
        if code not in unit_codes:
            raise NocSourceError(
                f"{source.name}, line {line}: unit group {code} is not in the classification "
                "structure file (are the two files from the same NOC version?)."
            )
        kind, text = row[ELEMENT_TYPE], row[ELEMENT_TEXT]
        if kind not in KNOWN_ELEMENTS:
            skipped[kind] += 1
            continue
        if text:
            elements[code].setdefault(kind, []).append(text)
    return elements, count, skipped


def build_catalogue(
    structure: SourceFile,
    elements: SourceFile,
    progress: Callable[[str], None] = lambda message: None,
    french: SourceFile | None = None,
) -> Catalogue:
    classes, units = parse_structure(structure)
    progress(f"Read {len(classes) + len(units)} classes ({len(units)} unit groups).")
    by_code, element_rows, skipped = parse_elements(elements, {u.code for u in units})
    progress(f"Read {element_rows} element rows.")
    french_titles = parse_french_titles(french) if french is not None else {}
    if french_titles:
        progress(f"Read French titles of {len(french_titles)} unit groups.")
    unit_groups = []
    for unit in units:
        found = by_code[unit.code]
        record = UnitGroupRecord(
            code=unit.code,
            title=unit.title,
            lead_statement=unit.definition,
            duties=clean_duties(found.get(MAIN_DUTIES, [])),
            examples=clean_examples(found.get(ILLUSTRATIVE, []), found.get(ALL_EXAMPLES, [])),
        )
        for kind, attribute in TEXT_ELEMENTS.items():
            setattr(record, attribute, "\n".join(_unique(found.get(kind, []))))
        if unit.code in french_titles:
            record.title_fr, examples_fr = french_titles[unit.code]
            record.example_titles_fr = "\n".join(examples_fr)
        unit_groups.append(record)
    return Catalogue(classes, unit_groups, element_rows, skipped)


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(texts))


def _first_upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def clean_examples(illustrative: list[str], all_examples: list[str]) -> list[ExampleRecord]:
    # The official file lists example titles in lower case ("cabinet minister"); shown on their
    # own they read better with a capital, and the same title may appear in both lists.
    marked = {_first_upper(t) for t in illustrative}
    titles = _unique(_first_upper(t) for t in [*illustrative, *all_examples])
    return [ExampleRecord(t[:TITLE_MAX_LENGTH], t in marked) for t in titles]


def clean_duties(texts: list[str]) -> list[DutyRecord]:
    """Drop the preamble and repeats; mark the sub-occupation headings of mixed groups."""
    texts = [t for t in _unique(texts) if not DUTIES_PREAMBLE.match(t)]
    duties = []
    for index, text in enumerate(texts):
        followed = index + 1 < len(texts)
        duties.append(DutyRecord(text, followed and looks_like_heading(text)))
    return duties


# Words that begin a duty in the NOC ("Plan", "Operate", "May"...) are verbs; a heading begins
# with the name of an occupation. These are the duty openings that also end in a plural noun,
# so the shape test alone would take them for headings.
_DUTY_VERBS = frozenset(
    (
        "act", "adjust", "administer", "advise", "allocate", "analyze", "answer", "apply",
        "arrange", "assemble", "assess", "assign", "assist", "attach", "authorize", "bake",
        "build", "calculate", "calibrate", "carry", "check", "clean", "clear", "coat",
        "collect", "compile", "complete", "conduct", "confer", "convert", "coordinate",
        "co-ordinate", "cure", "cut", "design", "determine", "develop", "direct",
        "disassemble", "disinfect", "dig", "drive", "empty", "ensure", "escort", "establish",
        "evaluate", "examine", "feed", "fit", "fold", "follow", "fumigate", "grade", "grease",
        "hammer", "handle", "hire", "identify", "impart", "implement", "inspect", "install",
        "interview", "investigate", "issue", "keep", "load", "maintain", "make", "manage",
        "mask", "measure", "mix", "monitor", "mount", "move", "negotiate", "notify", "observe",
        "operate", "organize", "oversee", "paint", "perform", "pick", "plan", "plant",
        "polish", "position", "prepare", "print", "produce", "proofread", "provide", "pull",
        "read", "receive", "record", "refuel", "remove", "repair", "replace", "replenish",
        "represent", "requisition", "resolve", "respond", "retouch", "review", "set",
        "shampoo", "signal", "skin", "slaughter", "smooth", "solicit", "sort", "splice",
        "split", "spray", "start", "steer", "stock", "strip", "study", "supervise", "supply",
        "take", "tally", "tender", "test", "train", "transcribe", "trap", "unpack", "use",
        "visually", "waterproof", "weigh", "wind", "wire", "write", "may",
    )
)
_PERSON_ENDINGS = (
    "ers", "ors", "ists", "ysts", "ians", "ants", "ents", "men", "ives", "ees", "ards", "ics",
    "eurs", "rars", "ipals", "legals", "persons", "geons", "receptionist", "estimator",
    "smiths", "wrights", "nurses", "aides", "clerks", "cooks", "chefs", "pilots", "guides",
    "crew", "staff", "personnel",
)  # fmt: skip
_NOT_PERSON_ENDINGS = ("ments", "hammers", "containers", "floors", "pallbearers")


def looks_like_heading(text: str) -> bool:
    """Is this main-duties row a sub-occupation heading such as "Community health nurses"?

    The elements file does not mark headings; they are short noun phrases naming people,
    without a closing full stop, in groups that cover several occupations. This is a best
    guess that staff can correct in the admin.
    """
    if text.endswith(".") or len(text.split()) > 12:
        return False
    words = re.findall(r"[a-z'-]+", text.lower())
    if not words or words[0] in _DUTY_VERBS:
        return False
    # "Deck crew - water transport", "Labourers in textile processing": the head noun comes
    # before the qualifier.
    core = re.split(r" - | in | of ", re.sub(r"\(.*?\)", "", text.lower()))[0]
    core_words = re.findall(r"[a-z]+", core)
    if not core_words:
        return False
    last = core_words[-1]
    return last.endswith(_PERSON_ENDINGS) and not last.endswith(_NOT_PERSON_ENDINGS)
