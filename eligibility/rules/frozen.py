"""``@frozen``: ``@dataclass(frozen=True, slots=True)``, with instances built faster.

A frozen dataclass's generated ``__init__`` sets each field through
``object.__setattr__(self, name, value)`` (its own ``__setattr__`` refuses), which costs about
twice what setting the slot directly does. An evaluation builds a few dozen of these records
(the facts while parsing, then the results), so ``frozen`` replaces that ``__init__`` with one
that calls each slot's own setter: same parameters, same defaults, ``__post_init__`` still
called; the class stays a frozen dataclass in every other way (``replace``, ``fields``,
equality, hashing, refusing assignment).

Leaf module: it imports nothing of the engine.
"""

from dataclasses import MISSING, dataclass, fields
from typing import dataclass_transform


@dataclass_transform(frozen_default=True)
def frozen(cls: type) -> type:
    cls = dataclass(frozen=True, slots=True)(cls)
    names = {}
    parameters = []
    lines = []
    for item in fields(cls):
        if item.default_factory is not MISSING:
            return cls  # not needed by the records here: keep the generated __init__
        setter = f"_set_{item.name}"
        names[setter] = cls.__dict__[item.name].__set__
        if item.default is not MISSING:
            names[f"_default_{item.name}"] = item.default
        if not item.init:
            if item.default is not MISSING:
                lines.append(f"    {setter}(self, _default_{item.name})")
            continue
        if item.default is MISSING:
            parameters.append(item.name)
        else:
            parameters.append(f"{item.name}=_default_{item.name}")
        lines.append(f"    {setter}(self, {item.name})")
    if hasattr(cls, "__post_init__"):
        lines.append("    self.__post_init__()")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + "\n".join(lines or ["    pass"])
    exec(source, names)  # noqa: S102 - built from the class's own field names only
    init = names["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init
    return cls
