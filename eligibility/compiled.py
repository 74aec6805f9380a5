"""Reads whose SQL Django builds once per process, then runs with each request's values.

Building a query's SQL costs Django more than running it: reading a person's three jobs took
395 µs of CPU through the ORM, and sending the same SQL and making the rows into instances
78 µs (README, Performance). The few reads every questionnaire request makes are declared once
as a ``CompiledQuery``: the ORM builds their SQL the first time, with markers in place of the
values, and later calls send the same SQL with their own values.

Only what the ORM itself would do is done with the rows: the database's and the fields'
converters, then model instances (with their ``select_related`` ones), named tuples or plain
values, as the queryset asked. The SQL is built twice, with markers of two shapes (a small
positive and a large negative number; a plain word and one with capitals, spaces and the
characters ``LIKE`` escapes): a query whose SQL or other values differ between the two, or whose
values do not reach its parameters exactly as given (a lookup that escapes, rewrites or drops
its value, a value computed from an argument), is refused when it is first built, as is one
that prefetches, defers columns, annotates, is distinct, combined or locking, or reads through
a related manager. ``build`` must make its queryset from its arguments only: anything else it
reads (the time, the language) is read once.
"""

import threading
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet, ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet
from django.db.models.fields.composite import CompositePrimaryKey
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    NamedValuesListIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.utils import create_namedtuple_class

# Values of each kind no one sends, of two shapes: the places they take in the SQL's parameters
# are the places of the call's values.
_SHAPES = {
    int: (lambda number: 20_011 + number, lambda number: -1_987_654_321 - number),
    str: (lambda number: f"compiledmarker{number}",
          lambda number: f"\x00Compiled %_\\ Marker {number}\x00"),
}


def _markers(kinds: tuple, shape: int) -> list:
    try:
        return [_SHAPES[kind][shape](number) for number, kind in enumerate(kinds)]
    except KeyError:
        raise ImproperlyConfigured(
            f"A compiled query takes int and str values, not {kinds}.") from None


def _refuse(message: str):
    raise ImproperlyConfigured(f"A compiled query {message}.")


class _Built:
    """One query's SQL for one database connection, and how its rows are made."""

    def __init__(self, build: Callable[..., QuerySet], kinds: tuple, alias: str) -> None:
        (queryset, sql, params, compiler), (_, other_sql, other_params, _) = (
            self._compiled(build, _markers(kinds, shape), alias) for shape in (0, 1)
        )
        if other_sql != sql or len(other_params) != len(params):
            _refuse("builds other SQL for other values")
        first, second = _markers(kinds, 0), _markers(kinds, 1)
        self.slots = [[] for _ in kinds]
        for at, (one, other) in enumerate(zip(params, other_params, strict=True)):
            if one == other and type(one) is type(other):
                continue
            number = next((n for n, marker in enumerate(first)
                           if type(one) is type(marker) and one == marker), None)
            if number is None or not (type(other) is type(second[number])
                                      and other == second[number]):
                _refuse("sends a value other than the one it was given")
            self.slots[number].append(at)
        if not all(self.slots):
            _refuse("does not send every value it was given")
        self.sql, self.params = sql, list(params)
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

    @staticmethod
    def _compiled(build, markers: list, alias: str):
        queryset = build(*markers)
        query = queryset.query
        if (queryset._prefetch_related_lookups or query.deferred_loading[0]
                or query.annotation_select or query.extra_select or query.distinct
                or query.combinator or query.select_for_update
                or queryset._known_related_objects
                or isinstance(queryset.model._meta.pk, CompositePrimaryKey)):
            _refuse("reads plain columns of one query only")
        if queryset.db != alias:
            _refuse(f"reads {queryset.db!r}, not {alias!r}")
        compiler = query.get_compiler(using=alias)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:  # a value for which the ORM knows no row can match
            _refuse("builds no SQL for some values")
        return queryset, sql, params, compiler

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
                built = self._built.get(using)
                if built is None:
                    built = self._built[using] = _Built(self.build, self.kinds, using)
        return built.run(values)
