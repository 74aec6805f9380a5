"""What the engine says, as data: a code, its parameters, and the English words.

Every sentence the engine gives a person (a CEC requirement, a job left out, a CRS line, a way
to raise the score) is a ``Reason``: a code and the figures it is about. The English is put
together here and only here, from the templates the rules modules register with ``define``;
another layer (the Django side, in French) says the same code in its own words from the same
parameters, so the engine never has to know a language other than English.

Parameters are JSON values, a nested ``Reason`` (one sentence inside another), or a tuple of
them (read "a; b; c"). A few parameter names carry a code whose English name is a table here
(``province`` → "Ontario"); every other value is written as it is, dates as ISO text.

Leaf module: it imports nothing of the engine, so every rules module can use it.
"""

from collections.abc import Mapping
from functools import cache, lru_cache
from typing import NamedTuple

# code → English template (str.format, named fields). Filled by ``define`` at import time.
TEMPLATES: dict[str, str] = {}
# parameter name → (code → English name), for the parameters that carry a code.
VALUE_NAMES: dict[str, Mapping[str, str]] = {}

LIST_SEPARATOR = "; "


def define(code: str, template: str) -> str:
    """Register ``template`` as the English of ``code``; returns it so modules keep their
    constants (the tests and other modules read them by name)."""
    if TEMPLATES.setdefault(code, template) != template:
        raise ValueError(f"reason code {code!r} defined twice with different words")
    return template


def define_values(name: str, names: Mapping[str, str]) -> None:
    VALUE_NAMES[name] = names


class Reason(NamedTuple):
    """One sentence of the engine: ``code`` (a key of ``TEMPLATES``) and its parameters.

    A named tuple, like ``categories.CategoryResult``: an evaluation builds dozens of them.
    """

    code: str
    params: Mapping = {}

    @property
    def text(self) -> str:
        """The English words."""
        return english(self)

    def to_json(self) -> dict:
        return {"code": self.code, "params": params_json(self.params)}


@cache
def plain(code: str) -> Reason:
    """The reason ``code`` without figures, one shared value per code (reasons are never
    changed once made, and an evaluation makes many: sharing keeps them cheap)."""
    return Reason(code, {})


# The reasons ``shared`` made, by id: [the reason, its words, its JSON parameters], the last
# two filled in by ``said`` the first time it is asked. Each entry holds its reason, so no
# other reason can have that id while it is here. Emptied when it grows past a bound (the
# reasons then go on being said the ordinary way).
_SHARED: dict[int, list] = {}
_SHARED_KEPT = 16384


@lru_cache(maxsize=8192)
def shared(code: str, **params) -> Reason:
    """The reason ``code`` with these parameters, one shared value per code and values, like
    ``plain``: for reasons many evaluations give alike ("You plan to live in Ontario", "CLB
    9/9/8/7", "3 years"). Parameters must be plain JSON values (hashable: no nested reason),
    and ``said`` puts the words together only once for each."""
    reason = Reason(code, params)
    if len(_SHARED) >= _SHARED_KEPT:
        _SHARED.clear()
    _SHARED[id(reason)] = [reason, None, None]
    return reason


def params_json(params: Mapping) -> dict:
    """A new dict of JSON values: a nested reason as {"code", "params"}, a tuple of reasons as a
    list of them; other figures as they are. One pass over a copy (this runs for every line of
    every result the batch command prints)."""
    copy = dict(params)
    for name, value in params.items():
        kind = type(value)
        if kind is Reason:
            copy[name] = {"code": value.code, "params": params_json(value.params)}
        elif kind is tuple:
            copy[name] = [{"code": item.code, "params": params_json(item.params)} for item in value]
    return copy


def english(reason: Reason) -> str:
    """The English words of ``reason``."""
    return said(reason)[0]


def said(reason: Reason) -> tuple[str, dict]:
    """The English words of ``reason`` and its parameters as JSON (what ``params_json`` gives),
    in one pass: a result's JSON says both for a few dozen reasons. Most parameters are written
    as they are; only nested reasons, lists and the parameters named in ``VALUE_NAMES`` are
    converted."""
    params = reason.params
    if not params:
        return TEMPLATES[reason.code], {}
    known = _SHARED.get(id(reason))
    if known is not None and known[0] is reason:
        if known[1] is None:
            known[1], known[2] = _said(reason)
        return known[1], known[2].copy()  # flat: a copy of the dict is a copy of it all
    return _said(reason)


def _said(reason: Reason) -> tuple[str, dict]:
    # ``said`` itself, for a reason not yet said (or not shared).
    params = reason.params
    template = TEMPLATES[reason.code]
    copy = dict(params)
    values = None
    for name, value in params.items():
        kind = type(value)
        if kind is Reason:
            text, inner = said(value)
            copy[name] = {"code": value.code, "params": inner}
        elif kind is tuple:
            parts = [said(item) for item in value]
            text = LIST_SEPARATOR.join([part[0] for part in parts])
            copy[name] = [
                {"code": item.code, "params": part[1]}
                for item, part in zip(value, parts, strict=True)
            ]
        else:
            names = VALUE_NAMES.get(name)
            if names is None:
                continue
            text = names.get(value, value)
        if values is None:
            values = dict(params)
        values[name] = text
    return template.format_map(params if values is None else values), copy


# Sentences made of two: the second says more about the first.
THEN = define("then", "{first}. {then}")  # a further sentence
BECAUSE = define("because", "{first}: {then}")  # what the first part comes to
WITH_NOTE = define("with_note", "{first}{then}")  # a note added to the end ("; …", " (…)")


def then(first: Reason, more: Reason) -> Reason:
    return Reason("then", {"first": first, "then": more})


def because(first: Reason, more: Reason) -> Reason:
    return Reason("because", {"first": first, "then": more})


def with_note(first: Reason, note: Reason) -> Reason:
    return Reason("with_note", {"first": first, "then": note})
