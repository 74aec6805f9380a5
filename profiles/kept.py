"""Parts of pages rendered once and then taken from the cache ("kept").

A part is kept under a key made of everything it shows, so a kept part can never be stale: a
change to any of it is a new key (the old one is simply not asked for again and expires). The
caller builds that key (``portal.step_key``, ``profiles.quick_check.page_key``); this module
adds the release (``release_stamp``: a deployment that changes any code, template,
translation or dependency changes every key) and puts in, at each request, what belongs to the
request alone: the CSRF token, and what the caller fills in itself (``fill``). A part showing a
person's answers is listed under them, and goes when their account is deleted
(``forget_kept``); every part expires within the hour anyway.
"""

import functools
import hashlib
import re
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaulttags import CsrfTokenNode
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

# An hour: long enough for a person going back and forth between steps, or many visitors with
# the same answers, short enough that what Redis holds stays small (the work step's whole
# page is about 38 KB) and a part nobody asks for again leaves soon.
KEPT_FOR = 60 * 60
_CODE = ("cec_portal", "eligibility", "profiles", "accounts", "cases", "consultants")
_CSRF_SENTINEL = "csrf-token-of-the-request"


def kept_cache():
    """The cache the kept parts live in: its own (``CACHES["kept"]``), so that a flood of them
    can fill and evict only their own store, never the sessions."""
    return caches["kept"]


@functools.cache
def release_stamp() -> str:
    """A digest of the project's code, templates, compiled translations and pinned
    dependencies (their markup and words are in the parts too), read once per process."""
    root = Path(settings.BASE_DIR)
    paths = [path for package in _CODE for path in (root / package).rglob("*.py")]
    paths += [root / "requirements.txt"] if (root / "requirements.txt").exists() else []
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
    owner: int | None = None,
    deferred: dict | None = None,
    fill: Callable[[str], str] | None = None,
) -> SafeString:
    """``template_name`` rendered with ``context``, or taken from the cache under ``key``
    (None: rendered, never kept). When it is rendered, ``deferred`` is pushed on the context
    (for parts that write a marker the caller's ``fill`` replaces as served). ``owner``: the
    applicant whose answers the part shows, so that ``forget_kept`` can remove it."""
    template = context.template.engine.get_template(template_name)
    html = None
    if key is not None:
        store = kept_cache()
        key = f"kept:{release_stamp()}:{key}"
        kept = store.get(key)
        if kept is None:
            with context.push({**(deferred or {}), "csrf_token": _CSRF_SENTINEL}):
                kept = template.render(context)
            store.set(key, kept, KEPT_FOR)
            if owner is not None:
                _remember(store, owner, key)
        html = _with_csrf_token(kept, context)
    if html is None:
        with context.push(deferred or {}):
            html = template.render(context)
    return mark_safe(fill(html) if fill else html)  # noqa: S308 - Django's escaped output


def _with_csrf_token(kept: str, context) -> str | None:
    """``kept`` with the request's CSRF token where it was rendered with the sentinel; None if
    the sentinel is anywhere else (never serve it)."""
    with context.push(csrf_token=_CSRF_SENTINEL):
        sentinel = CsrfTokenNode().render(context)
    html = kept.replace(sentinel, CsrfTokenNode().render(context))
    return None if _CSRF_SENTINEL in html else html


# The page header (templates/_header.html), one for each language and kind of visitor: at most
# six (two languages, three kinds), in each process's own memory. What belongs to the request
# (the email shown, the page's path the language switch comes back to) is rendered as a
# stand-in and put in as served.
_HEADERS: dict[tuple, str] = {}
_EMAIL = "kept-header-email-of-the-request"
_PATH = "kept-header-path-of-the-request"
_STAND_INS = re.compile(f"{_EMAIL}|{_PATH}")


def render_header(context) -> SafeString:
    """``{% include "_header.html" %}``, rendered once per process for each language and kind
    of visitor (anonymous, signed in, staff), then taken from memory (a questionnaire page went
    from 20.65M to 18.91M instructions). Rendered every time with DEBUG on, where templates
    change under a running server."""
    user, request = context.get("user"), context.get("request")
    signed_in = bool(user is not None and user.is_authenticated)
    staff = signed_in and bool(user.is_staff)
    key = (release_stamp(), get_language(), signed_in, staff)
    kept = None if settings.DEBUG else _HEADERS.get(key)
    if kept is None:
        stand_in = SimpleNamespace(is_authenticated=signed_in, is_staff=staff, email=_EMAIL)
        # Nothing of the request reaches the kept header but through the stand-ins.
        with context.push(user=stand_in, language_next=_PATH, csrf_token=_CSRF_SENTINEL,
                          request=None, perms=None, messages=None):
            kept = context.template.engine.get_template("_header.html").render(context)
        _HEADERS[key] = kept
    # The token first, into the header as rendered (a token is letters and digits only); then
    # the email and the path, in one pass, so that what they hold (any text) is never read
    # again, for a stand-in or for the token's.
    html = _with_csrf_token(kept, context)
    if html is None:
        raise ValueError("the header's CSRF stand-in was not where Django writes the token")
    values = {
        _EMAIL: str(conditional_escape(user.email)) if signed_in else "",
        _PATH: str(conditional_escape(request.get_full_path())) if request else "",
    }
    html = _STAND_INS.sub(lambda found: values[found.group()], html)
    return mark_safe(html)  # noqa: S308 - Django's escaped output, escaped values put in


def forget_headers() -> None:
    """Render every header again on its next request."""
    _HEADERS.clear()


@receiver(setting_changed)
def _forget_headers_on_a_setting_change(**kwargs) -> None:
    """A changed setting (tests override some) may change any header."""
    forget_headers()


def _owner_key(owner: int) -> str:
    return f"kept-owner:{owner}"


def _remember(store, owner: int, key: str) -> None:
    """Add ``key`` to the owner's list of kept parts (lives as long as its newest part)."""
    keys = store.get(_owner_key(owner)) or []
    if key not in keys:
        store.set(_owner_key(owner), [*keys, key], KEPT_FOR)


def forget_kept(owner: int) -> None:
    """Remove every part kept for this applicant (their account is being deleted)."""
    store = kept_cache()
    keys = store.get(_owner_key(owner)) or []
    store.delete_many([*keys, _owner_key(owner)])
