"""Parts of pages rendered once and then taken from the cache ("kept").

A part is kept under a key made of everything it shows, so a kept part can never be stale: a
change to any of it is a new key (the old one is simply not asked for again and expires). The
caller builds that key (``portal.step_key``, ``profiles.quick_check.page_key``); this module
adds the release (``release_stamp``: a deployment that changes any code, template or
translation changes every key) and puts in, at each request, what belongs to the request
alone: the CSRF token, and what the caller fills in itself (``fill``).
"""

import functools
import hashlib
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.template.defaulttags import CsrfTokenNode
from django.utils.safestring import SafeString, mark_safe

# An hour: long enough for a person going back and forth between steps, or many visitors with
# the same answers, short enough that what Redis holds stays small (a step is 30–60 KB) and a
# part nobody asks for again leaves soon.
KEPT_FOR = 60 * 60
_CODE = ("cec_portal", "eligibility", "profiles", "accounts", "cases", "consultants")
_CSRF_SENTINEL = "csrf-token-of-the-request"


@functools.cache
def release_stamp() -> str:
    """A digest of the project's code, templates and compiled translations, read once per
    process."""
    root = Path(settings.BASE_DIR)
    paths = [path for package in _CODE for path in (root / package).rglob("*.py")]
    paths += list((root / "templates").rglob("*.html"))
    paths += list((root / "locale").rglob("*.mo"))
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def render_kept(
    context,
    template_name: str,
    key: str | None,
    *,
    deferred: dict | None = None,
    fill: Callable[[str], str] | None = None,
) -> SafeString:
    """``template_name`` rendered with ``context``, or taken from the cache under ``key``
    (None: rendered, never kept). When it is rendered to be kept, ``deferred`` is pushed on
    the context (for parts that write a marker the caller's ``fill`` replaces as served)."""
    template = context.template.engine.get_template(template_name)
    if key is None:
        with context.push(deferred or {}):
            html = template.render(context)
    else:
        key = f"kept:{release_stamp()}:{key}"
        html = cache.get(key)
        if html is None:
            with context.push({**(deferred or {}), "csrf_token": _CSRF_SENTINEL}):
                html = template.render(context)
            cache.set(key, html, KEPT_FOR)
        with context.push(csrf_token=_CSRF_SENTINEL):
            kept = CsrfTokenNode().render(context)
        html = html.replace(kept, CsrfTokenNode().render(context))
    return mark_safe(fill(html) if fill else html)  # noqa: S308 - Django's escaped output
