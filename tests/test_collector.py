"""The web worker's cycle collector: start-up objects frozen, thresholds raised."""

import os
import subprocess
import sys
from pathlib import Path

from cec_portal.collector import THRESHOLDS

ROOT = Path(__file__).resolve().parent.parent


def test_loading_the_wsgi_application_tunes_the_collector():
    probe = ("import gc, cec_portal.wsgi; "
             "print(gc.get_threshold(), gc.get_freeze_count() > 10000)")
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cec_portal.settings"},
    ).stdout.split("\n")[-2]
    assert out == f"{THRESHOLDS} True"
