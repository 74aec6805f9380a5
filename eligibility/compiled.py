"""Reads whose SQL Django builds once per process, then runs with each request's values.

Building a query's SQL costs Django more than running it: reading a person's three jobs took
about 390 µs of CPU through the ORM, of which about 80 µs were sending the SQL and making the
rows into instances (``bench/render_inprocess.py`` and the figures in the README). The few
reads every questionnaire request makes are declared once as a ``CompiledQuery``: the ORM
builds their SQL the first time, with a marker in place of each value, and later calls send the
same SQL with their own values.

Only what the ORM itself would do is done with the rows: the database's and the fields'
converters, then model instances (with their ``select_related`` ones), named tuples or plain
values, as the queryset asked. A query whose values do not reach its SQL unchanged (a lookup
that rewrites its value, an ``IN`` list) is refused when it is first built, as is one that
prefetches, defers columns or annotates.
"""

import threading
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    NamedValuesListIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.utils import create_namedtuple_class

# A value of each kind no one sends: the places it takes in the SQL's parameters are the
# places of the call's values.
_MARKERS = {int: -1_987_654_321, str: "\x00compiled-query-marker-{}\x00"}


def _marker(kind: type, number: int):
    if kind is int:
        return _MARKERS[int] - number
    if kind is str:
        return _MARKERS[str].format(number)
    raise ImproperlyConfigured(f"A compiled query takes int and str values, not {kind}.")


class _Built:
    """One query's SQL for one database connection, and how its rows are made."""

    def __init__(self, queryset: QuerySet, markers: list, alias: str) -> None:
        if queryset._prefetch_related_lookups or queryset.query.deferred_loading[0] or (
            queryset.query.annotation_select or queryset.query.extra_select
        ):
            raise ImproperlyConfigured("A compiled query reads plain columns only.")
        compiler = queryset.query.get_compiler(using=alias)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.slots = []
        for marker in markers:
            places = [at for at, value in enumerate(self.params)
                      if type(value) is type(marker) and value == marker]
            if not places:
                raise ImproperlyConfigured(
                    "A compiled query's value does not reach its SQL as it was given.")
            self.slots.append(places)
        self.alias = alias
        fields = [column[0] for column in compiler.select[:compiler.col_count]]
        self.converters = list(compiler.get_converters(fields).items())
        self.iterable = queryset._iterable_class
        if self.iterable is ModelIterable:
            klass_info = compiler.klass_info
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            self.model = klass_info["model"]
            self.columns = slice(start, end)
            self.init_list = [column[0].target.attname
                              for column in compiler.select[start:end]]
            self.related = get_related_populators(klass_info, compiler.select, alias)
        elif self.iterable is NamedValuesListIterable:
            query = queryset.query
            self.tuple_class = create_namedtuple_class(
                *(queryset._fields or query.values_select))
        elif self.iterable not in (ValuesListIterable, FlatValuesListIterable):
            raise ImproperlyConfigured("A compiled query gives instances or values lists.")

    def run(self, values: tuple) -> list:
        params = self.params.copy()
        for places, value in zip(self.slots, values, strict=True):
            for at in places:
                params[at] = value
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = [self._converted(list(row), connection) for row in rows]
        if self.iterable is ModelIterable:
            return [self._instance(row) for row in rows]
        if self.iterable is NamedValuesListIterable:
            new = tuple.__new__
            return [new(self.tuple_class, row) for row in rows]
        if self.iterable is FlatValuesListIterable:
            return [row[0] for row in rows]
        return [tuple(row) for row in rows]

    def _converted(self, row: list, connection) -> list:
        for at, (converters, expression) in self.converters:
            value = row[at]
            for converter in converters:
                value = converter(value, expression, connection)
            row[at] = value
        return row

    def _instance(self, row):
        instance = self.model.from_db(self.alias, self.init_list, row[self.columns])
        for populator in self.related:
            populator.populate(row, instance)
        return instance


class CompiledQuery:
    """A read declared once: ``build(*values)`` returns the queryset, ``kinds`` the type of
    each value (int or str). Calling it with values runs the query and returns its rows as a
    list, as ``list(build(*values))`` would."""

    def __init__(self, build: Callable[..., QuerySet], *kinds: type) -> None:
        self.build = build
        self.kinds = kinds
        self._built: dict[str, _Built] = {}
        self._lock = threading.Lock()

    def __call__(self, *values, using: str = "default") -> list:
        for value, kind in zip(values, self.kinds, strict=True):
            if type(value) is not kind:
                raise TypeError(f"A compiled query's value must be {kind.__name__}: {value!r}")
        built = self._built.get(using)
        if built is None:
            with self._lock:
                markers = [_marker(kind, number) for number, kind in enumerate(self.kinds)]
                built = self._built[using] = _Built(self.build(*markers), markers, using)
        return built.run(values)
