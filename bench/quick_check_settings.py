"""The project's settings for ``bench/quick_check_http.py``, with the quick check's limit per
address lifted: wrk sends every request from 127.0.0.1, and the benchmark measures the page,
not the limiter (which answers 429 after 30 checks an hour)."""

from datetime import timedelta

from cec_portal import settings as _project

globals().update({name: value for name, value in vars(_project).items() if name.isupper()})
CEC_RATE_LIMITS = {**_project.CEC_RATE_LIMITS, "quick_check": (10**9, timedelta(hours=1))}
