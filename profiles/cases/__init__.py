"""The case's four steps (issue 6): Express Entry profile, ITA, application, decision.

The models live in ``profiles.cases.models`` but belong to the ``profiles`` app (they are
imported at the end of ``profiles.models``), so they share its migrations and admin.
"""
