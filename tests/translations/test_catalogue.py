"""The French catalogue is complete, compiled, and in step with the sources.

These run in ``make test``: a string marked for translation but left untranslated, fuzzy, missing
from the catalogue, or compiled from an older .po fails the build.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.translations.catalogue import (
    NOT_OURS,
    ROOT,
    catalogues,
    read_po,
    stale_compilation,
    untranslated,
)

MAIN_CATALOGUE = ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
# The command of `make messages`, run here in a copy of the sources.
MAKEMESSAGES = [
    "makemessages", "-l", "fr", "--ignore", ".venv/*", "--ignore", "tests/*",
    "--ignore", "bench/*",
]


def test_the_main_french_catalogue_exists():
    assert MAIN_CATALOGUE in catalogues()


def test_the_catalogue_declares_french_plurals():
    header = read_po(MAIN_CATALOGUE)[0]
    assert header.is_header
    assert "Plural-Forms: nplurals=2; plural=(n > 1);" in header.msgstr[0]
    assert "Language: fr" in header.msgstr[0]


@pytest.mark.parametrize("po", catalogues(), ids=lambda path: str(path.relative_to(ROOT)))
def test_every_entry_is_translated_and_not_fuzzy(po):
    problems = untranslated(po)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("po", catalogues(), ids=lambda path: str(path.relative_to(ROOT)))
def test_the_committed_mo_is_the_compiled_po(po):
    problems = stale_compilation(po)
    assert not problems, "run make messages:\n" + "\n".join(problems[:20])


SAMPLE = '''msgid ""
msgstr ""
"Language: fr\\n"

msgid "Done"
msgstr "Terminé"

msgid "Missing"
msgstr ""

#, fuzzy
msgid "Guessed"
msgstr "Deviné"

#, python-format
msgid "On %(date)s"
msgstr "Le %(jour)s"

#, python-format
msgid "%(n)s day"
msgid_plural "%(n)s days"
msgstr[0] "%(n)s jour"
msgstr[1] ""

#~ msgid "Gone"
#~ msgstr ""
'''


def test_the_check_names_empty_fuzzy_and_misplaced_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(SAMPLE, encoding="utf-8")
    problems = "\n".join(untranslated(po))
    assert "'Missing'" in problems
    assert "fuzzy translation of 'Guessed'" in problems
    assert "placeholders differ from 'On %(date)s'" in problems
    assert "'%(n)s day'" in problems
    assert "Done" not in problems
    assert "Gone" not in problems


# Besides NOT_OURS: what running the project leaves behind, none of it source.
LEFT_BEHIND = {".pytest_cache", ".ruff_cache", ".hypothesis", "db.sqlite3", "out"}


def _sources_copy(destination: Path) -> Path:
    def skip(folder, names):
        return [name for name in names
                if name in NOT_OURS or name in LEFT_BEHIND or name.endswith(".mo")]

    return Path(shutil.copytree(ROOT, destination / "src", ignore=skip))


def _msgids(po: Path) -> set:
    return {entry.key for entry in read_po(po) if not entry.is_header}


def test_the_catalogue_is_in_step_with_the_sources(tmp_path):
    """makemessages over a copy of the sources finds exactly the msgids committed: none marked
    in the code is missing from the catalogue, none in the catalogue is gone from the code."""
    if shutil.which("xgettext") is None:
        message = "gettext's xgettext is not installed (.ci/run installs Debian's gettext)"
        if os.environ.get("CEC_REQUIRE_GETTEXT"):
            pytest.fail(message)
        pytest.skip(message)
    copy = _sources_copy(tmp_path)
    environment = {**os.environ, "DJANGO_DEBUG": "1"}
    subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES], cwd=copy, env=environment, check=True,
        capture_output=True,
    )
    problems = []
    for fresh in catalogues(copy):
        committed = ROOT / fresh.relative_to(copy)
        expected, have = _msgids(fresh), _msgids(committed) if committed.exists() else set()
        name = committed.relative_to(ROOT)
        problems += [f"{name}: missing {key[1]!r}" for key in expected - have]
        problems += [f"{name}: no longer in the code {key[1]!r}" for key in have - expected]
    assert not problems, "run make messages:\n" + "\n".join(sorted(problems))


# French punctuation that takes a no-break space before it (U+00A0, or the narrow U+202F), when
# it ends a phrase (not "http://" or "16:22").
TIGHT_PUNCTUATION = re.compile(r"(?<![\u00a0\u202f])[:;?!](?=\s|$|<)")


def typography_problems(po: Path) -> list[str]:
    return [
        f"{entry.msgid!r}: {text!r}"
        for entry in read_po(po) if not entry.is_header
        for text in entry.msgstr
        if TIGHT_PUNCTUATION.search(text) or re.search(r"«(?!\u00a0)|(?<!\u00a0)»", text)
    ]


def test_french_punctuation_has_its_no_break_space():
    problems = typography_problems(MAIN_CATALOGUE)
    assert not problems, "\n".join(problems)


def test_the_typography_check_names_a_plain_space_before_a_colon(tmp_path):
    po = tmp_path / "django.po"
    po.write_text('msgid "Status:"\nmsgstr "Statut :"\n\nmsgid "Why?"\nmsgstr "Pourquoi\u00a0?"\n',
                  encoding="utf-8")
    assert typography_problems(po) == ["'Status:': 'Statut :'"]
