"""CSV export of selected clients, with the stored evaluation and next-deadline columns.

The rows come from the admin's own (scoped) queryset, so an export never holds another
consultant's client. It streams, so exporting thousands of clients keeps memory flat.
"""

import csv
from collections.abc import Iterator
from itertools import chain

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.enums import CaseStatus, DeadlineKind
from profiles.enums import CecStatus, StatusInCanada
from profiles.evaluation import category_codes
from profiles.models import Applicant

# A spreadsheet runs a cell that starts with one of these as a formula; names and emails come
# from applicants, so such a cell is written as text (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _cell(value) -> str:
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _header() -> list[str]:
    return [
        _("family name"), _("given names"), _("preferred name"), _("email"), _("phone"),
        _("status in Canada"), _("status expiry"), _("passport expiry"), _("assigned consultant"),
        _("case status"), _("next deadline"), _("what is due"), _("CEC verdict"),
        _("eligible on"), _("qualifying hours"), _("CRS"),
        _("earliest language test expiry"), _("ruleset"), _("evaluated at"), _("categories"),
    ]


def client_rows(queryset: QuerySet[Applicant]) -> Iterator[list[str]]:
    """The header and one row per client. Labels are translated now, in the request's
    language, not later while the response streams."""
    header = _header()
    verdicts = {value: str(label) for value, label in CecStatus.choices}
    statuses = {value: str(label) for value, label in CaseStatus.choices}
    statuses[None] = statuses[CaseStatus.PREPARING]  # no case yet
    deadline_kinds = {value: str(label) for value, label in DeadlineKind.choices}
    in_canada = {value: str(label) for value, label in StatusInCanada.choices}
    rows = queryset.order_by("pk").values_list(
        "family_name", "given_names", "preferred_name", "user__first_name", "user__last_name",
        "user__email", "phone", "status_in_canada", "status_expires_on",
        "passport_expires_on", "consultant__email",
        "case__status", "case__next_deadline_on", "case__next_deadline_kind", "cec_status",
        "cec_eligible_on", "qualifying_hours", "crs_total", "language_expires_on", "ruleset",
        "evaluated_at", "eligible_categories",
    )

    def body() -> Iterator[list[str]]:
        for (family, given, preferred, first, last, email, phone, status, status_expires,
             passport_expires, consultant, case_status, deadline_on, deadline_kind, verdict,
             *evaluation, categories) in rows.iterator(chunk_size=2000):
            # Before the person gives their passport names, the account's names stand in.
            if not (family or given):
                family, given = last, first
            values = [family, given, preferred, email, phone, in_canada.get(status, ""),
                      status_expires, passport_expires, consultant,
                      statuses.get(case_status, case_status),
                      deadline_on, deadline_kinds.get(deadline_kind, ""),
                      verdicts.get(verdict, verdict), *evaluation,
                      " ".join(category_codes(categories))]
            yield [_cell(value) for value in values]

    return chain([header], body())


def clients_csv_response(queryset: QuerySet[Applicant]) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow(row) for row in client_rows(queryset)),
        content_type="text/csv; charset=utf-8",
    )
    filename = f"clients-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
