"""Fixtures for the NOC catalogue tests.

``SHARED_NOC`` is the shared NOC 2021 data (never copied into the repository); ``SAMPLE`` is a
tiny hand-written pair of files in the same format.
"""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction

SHARED_NOC = settings.SHARED_DIR / "data" / "noc2021"
SAMPLE = Path(__file__).parent / "data"
STRUCTURE_NAME = "noc_2021_version_1.0_-_classification_structure.csv"
ELEMENTS_NAME = "noc_2021_version_1.0_-_elements.csv"


def import_noc(*sources, **options) -> str:
    """Run the import command and return what it printed."""
    out = StringIO()
    call_command("import_noc", *[str(s) for s in sources], stdout=out, stderr=out, **options)
    return out.getvalue()


@pytest.fixture
def sample_dir(tmp_path) -> Path:
    """A folder holding the sample files under their official names, free to modify."""
    shutil.copy(SAMPLE / "structure.csv", tmp_path / STRUCTURE_NAME)
    shutil.copy(SAMPLE / "elements.csv", tmp_path / ELEMENTS_NAME)
    return tmp_path


@pytest.fixture
def sample_catalogue(db, sample_dir):
    import_noc(sample_dir)
    return sample_dir


@pytest.fixture(scope="module")
def full_catalogue(django_db_setup, django_db_blocker):
    """The whole shared catalogue, imported once per test module.

    The import runs in a transaction that is rolled back after the module's last test; each
    test's own transaction nests inside it as a savepoint, so what one test changes is gone
    before the next.
    """
    if not (SHARED_NOC / STRUCTURE_NAME).exists():
        pytest.fail(f"The shared NOC data is missing: {SHARED_NOC}")
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        output = import_noc(SHARED_NOC)
    yield output
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
