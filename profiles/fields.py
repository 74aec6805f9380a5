"""Model fields of the profiles app."""

import orjson
from django.db import models
from psycopg.types.json import Json


class JsonTextField(models.JSONField):
    """A JSON value stored, on PostgreSQL, as ``json`` (its text) rather than ``jsonb``.

    For a value that is written whole, read whole and never queried inside (the stored
    evaluation: lists filter on the columns copied beside it), ``jsonb`` only costs: the
    server parses every value it is sent and prints it again for every read. ``json`` keeps the
    text as sent and checks only that it is JSON. Measured on a re-evaluation's write of 2,000
    evaluations of about 7 kB: 0.13 ms an applicant as ``json`` against about 0.3 ms as
    ``jsonb``. Reads parse the text once, in the client, with orjson. Elsewhere (SQLite) it is
    Django's ``JSONField`` unchanged.

    The price: PostgreSQL's ``json`` has no equality or containment, so lookups inside the value
    (``evaluation__cec__eligible=…``, ``__contains``) and DISTINCT over it fail there. Copy what
    a query needs into a column beside it, as the applicant's stored columns are.
    """

    def db_type(self, connection):
        if connection.vendor == "postgresql":
            return "json"
        return super().db_type(connection)

    def get_db_prep_value(self, value, connection, prepared=False):
        if connection.vendor != "postgresql":
            return super().get_db_prep_value(value, connection, prepared)
        if not prepared:
            value = self.get_prep_value(value)
        return Json(value, dumps=orjson.dumps)

    def from_db_value(self, value, expression, connection):
        if connection.vendor != "postgresql" or value is None:
            return super().from_db_value(value, expression, connection)
        # psycopg returns a json column already parsed (profiles.apps has it use orjson).
        return value

