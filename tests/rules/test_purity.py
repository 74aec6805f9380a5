"""The rules package is pure Python: no Django, no database, no I/O on import."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_importing_the_rules_engine_loads_no_django():
    code = (
        "import sys, eligibility.rules, eligibility.rules.improve;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    ran = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert ran.stdout.strip() == "[]"


def test_no_module_of_the_rules_engine_mentions_django():
    package = ROOT / "eligibility" / "rules"
    assert [path.name for path in package.glob("*.py") if "django" in path.read_text()] == []
