"""Reading gettext catalogues with the standard library, for the translation checks.

A ``.po`` file is read into ``Entry`` values (obsolete ``#~`` entries are skipped: makemessages
keeps them as comments, and gettext ignores them). A ``.mo`` file is read with
``gettext.GNUTranslations``, whose catalogue uses the same keys as ``Entry.mo_keys``.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Folders that are not the project's own sources (a virtualenv's packages ship their own
# catalogues).
NOT_OURS = {".venv", ".git", "node_modules", "staticfiles", "private_media", "__pycache__"}
FIELD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) (".*")$')


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str, str | None]:
        return (self.msgctxt, self.msgid, self.msgid_plural)

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr)

    def mo_items(self) -> dict:
        """What the compiled catalogue holds for this entry, keyed as GNUTranslations keys it."""
        msgid = self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"
        if self.msgid_plural is None:
            return {msgid: self.msgstr[0]}
        return {(msgid, n): text for n, text in enumerate(self.msgstr)}


def read_po(path: Path) -> list[Entry]:
    entries: list[Entry] = []
    current: Entry | None = None
    last = None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            current = None
            continue
        if line.startswith("#~"):
            continue
        if current is None:
            current = Entry(line=number)
            entries.append(current)
        if line.startswith("#,"):
            current.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := FIELD.match(line):
            name, index, text = match.group(1), match.group(2), ast.literal_eval(match.group(3))
            if name.startswith("msgstr"):
                current.msgstr.append(text)
                last = ("msgstr", len(current.msgstr) - 1 if index is not None else 0)
            else:
                setattr(current, name, text)
                last = (name, None)
        elif line.startswith('"'):
            name, index = last
            text = ast.literal_eval(line)
            if name == "msgstr":
                current.msgstr[index] += text
            else:
                setattr(current, name, getattr(current, name) + text)
    return [entry for entry in entries if entry.msgstr or entry.msgid]


def read_mo(path: Path) -> dict:
    with path.open("rb") as handle:
        catalogue = dict(gettext.GNUTranslations(handle)._catalog)
    catalogue.pop("", None)  # the header
    return catalogue


def catalogues(root: Path = ROOT) -> list[Path]:
    """Every .po file of the project: locale/ and each app's locale/."""
    return sorted(
        path
        for path in root.rglob("*.po")
        if not NOT_OURS & set(path.relative_to(root).parts) and "LC_MESSAGES" in path.parts
    )


PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]")


def placeholders(text: str) -> set[str]:
    return {match.group(0) for match in PLACEHOLDER.finditer(text)}


def untranslated(path: Path) -> list[str]:
    """Entries a French reader would see in English: empty, fuzzy, or with other placeholders."""
    problems = []
    for entry in read_po(path):
        where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}:{entry.line}"
        if entry.is_header:
            if "fuzzy" in entry.flags:
                problems.append(f"{where}: the header is fuzzy")
            continue
        if not entry.translated:
            problems.append(f"{where}: no translation for {entry.msgid!r}")
        elif "fuzzy" in entry.flags:
            problems.append(f"{where}: fuzzy translation of {entry.msgid!r}")
        elif "python-format" in entry.flags and any(
            placeholders(text) != placeholders(entry.msgid_plural or entry.msgid)
            for text in entry.msgstr
        ):
            problems.append(f"{where}: placeholders differ from {entry.msgid!r}")
    return problems


def stale_compilation(po: Path) -> list[str]:
    """Differences between the committed .mo and what the .po says (missing .mo included)."""
    mo = po.with_suffix(".mo")
    if not mo.exists():
        return [f"{mo.relative_to(ROOT)} is missing: run make messages"]
    expected: dict = {}
    for entry in read_po(po):
        if not entry.is_header and entry.translated and "fuzzy" not in entry.flags:
            expected.update(entry.mo_items())
    compiled = read_mo(mo)
    return [
        f"{mo.relative_to(ROOT)}: {key!r} is {compiled.get(key)!r} in the .mo, "
        f"{expected.get(key)!r} in the .po"
        for key in sorted(set(expected) | set(compiled), key=repr)
        if expected.get(key) != compiled.get(key)
    ]
