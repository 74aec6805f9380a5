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


def params_json(params: Mapping) -> dict:
    return {name: _value_json(value) for name, value in params.items()}


def _value_json(value):
    if isinstance(value, Reason):
        return value.to_json()
    if isinstance(value, tuple):
        return [_value_json(item) for item in value]
    return value


def _english_value(name: str, value):
    if isinstance(value, Reason):
        return english(value)
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(_english_value(name, item) for item in value)
    names = VALUE_NAMES.get(name)
    if names is not None and value in names:
        return names[value]
    return value


def english(reason: Reason) -> str:
    params = reason.params
    if not params:
        return TEMPLATES[reason.code]
    return TEMPLATES[reason.code].format(
        **{name: _english_value(name, value) for name, value in params.items()}
    )


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
