"""The case steps in the consultant workspace: case status and next deadline on the client
list, and on the client page the case timeline and the document checklist with accept /
needs-changes and a comment.

Everything here reads through ``cases.selectors`` and writes through
``cases.services``: deadlines, timelines and who may review are decided there.
"""

from datetime import timedelta

from django.contrib import admin
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from cases.deadlines import Deadline, next_deadlines_for
from cases.documents.selectors import document_counts, documents_for
from cases.enums import (
    BIOMETRICS_DAYS,
    ITA_DAYS,
    POOL_MONTHS,
    CaseStatus,
    StageKind,
)
from cases.models import DecisionStage, Invitation, ProfileSubmission
from cases.selectors import timeline_for
from eligibility.rules.dates import add_years
from profiles.models import Applicant


def case_status_label(applicant: Applicant) -> str:
    case = getattr(applicant, "case", None)
    status = case.status if case else CaseStatus.PREPARING
    return str(CaseStatus(status).label)


def deadline_text(deadline: Deadline | None) -> str:
    if deadline is None:
        return "—"
    values = {"label": deadline.label, "date": deadline.on.isoformat(),
              "days": abs(deadline.days_left)}
    if deadline.passed:
        return ngettext("%(label)s %(date)s (passed %(days)d day ago)",
                        "%(label)s %(date)s (passed %(days)d days ago)", values["days"]) % values
    return ngettext("%(label)s %(date)s (in %(days)d day)",
                    "%(label)s %(date)s (in %(days)d days)", values["days"]) % values


def attach_next_deadlines(applicants: list[Applicant]) -> None:
    """Give each applicant of a list page its ``next_deadline`` in four queries in all."""
    found = next_deadlines_for(applicants=applicants)
    for applicant in applicants:
        applicant.next_deadline = found.get(applicant.pk)


class CaseStatusFilter(admin.SimpleListFilter):
    title = gettext_lazy("case status")
    parameter_name = "case"

    def lookups(self, request, model_admin):
        return CaseStatus.choices

    def queryset(self, request, queryset):
        value = self.value()
        if value not in CaseStatus.values:
            return queryset
        if value == CaseStatus.PREPARING:  # no case yet is still preparing the profile
            return queryset.filter(Q(case__isnull=True) | Q(case__status=value))
        return queryset.filter(case__status=value)


def _first(dates: list, keep) -> object:
    return min(day for day in dates if keep(day))


def _last(dates: list, keep) -> object:
    return max(day for day in dates if keep(day))


def due_between(first, last) -> Q:
    """Clients whose next deadline falls on a day from ``first`` to ``last``, in SQL.

    The same rules as ``cases.selectors._deadlines``, turned around so the database
    can use them: a deadline is a period after a recorded date, so "due between" becomes a
    range of that date — the latest profile (pool expiry, ``POOL_MONTHS`` later, computed with
    the rules' own ``add_years``), the latest invitation (``ITA_DAYS``) or the latest
    biometrics letter not yet followed by biometrics given (``BIOMETRICS_DAYS``).
    ``test_deadline_filter_agrees_with_the_case_selectors`` keeps the two in step.
    """
    years = POOL_MONTHS // 12
    # add_years is monotonic but not one-to-one around Feb 29: take the exact end dates from
    # a few days either side of the naive ones.
    near = [add_years(first, -years) + timedelta(days=d) for d in range(-3, 4)]
    pool_from = _first(near, lambda day: add_years(day, years) >= first)
    near = [add_years(last, -years) + timedelta(days=d) for d in range(-3, 4)]
    pool_to = _last(near, lambda day: add_years(day, years) <= last)

    letter_answered = DecisionStage.objects.filter(
        case=OuterRef("case"), kind=StageKind.BIOMETRICS_GIVEN,
    ).filter(Q(on__gt=OuterRef("on")) | Q(on=OuterRef("on"), id__gt=OuterRef("id")))
    pool = _latest_rows(ProfileSubmission.objects.all(), "submitted_on", pool_from, pool_to,
                        status=CaseStatus.IN_POOL)
    invited = _latest_rows(Invitation.objects.all(), "invited_on",
                           first - timedelta(days=ITA_DAYS), last - timedelta(days=ITA_DAYS),
                           status=CaseStatus.INVITED)
    biometrics = _latest_rows(
        DecisionStage.objects.filter(kind=StageKind.BIOMETRICS_LETTER), "on",
        first - timedelta(days=BIOMETRICS_DAYS), last - timedelta(days=BIOMETRICS_DAYS),
        status=CaseStatus.SUBMITTED,
    ).exclude(Exists(letter_answered))
    return (
        Q(pk__in=pool.values("case__applicant_id"))
        | Q(pk__in=invited.values("case__applicant_id"))
        | Q(pk__in=biometrics.values("case__applicant_id"))
    )


def _latest_rows(rows, field: str, low, high, *, status: str):
    """Of ``rows``, those dated from ``low`` to ``high`` that are their case's latest (by
    date, then id, as the selectors order them), for cases at ``status``. Written as a range
    scan with NOT EXISTS so the database reads only the rows in the window."""
    later = rows.filter(case=OuterRef("case")).filter(
        Q(**{f"{field}__gt": OuterRef(field)}) | Q(**{field: OuterRef(field),
                                                      "id__gt": OuterRef("id")})
    )
    return rows.filter(**{f"{field}__range": (low, high)}, case__status=status).exclude(
        Exists(later)
    )


class DeadlineFilter(admin.SimpleListFilter):
    """Clients whose next deadline falls within the next 7 or 30 days, in the database."""

    title = gettext_lazy("next deadline")
    parameter_name = "deadline"
    DAYS = {"7": 7, "30": 30}

    def lookups(self, request, model_admin):
        return [("7", _("within 7 days")), ("30", _("within 30 days"))]

    def queryset(self, request, queryset):
        days = self.DAYS.get(self.value())
        if days is None:
            return queryset
        today = timezone.localdate()
        return queryset.filter(due_between(today, today + timedelta(days=days)))


# --- the client page ----------------------------------------------------------------------


def case_page_link(applicant: Applicant, *, user) -> SafeString:
    """The way to the portal's case page, where the consultant records the steps (profile,
    invitation, application, decision stages); only the client's consultant may use it."""
    if user is None or applicant.consultant_id != user.pk:
        return format_html("<p>{}</p>", _("Only the client's consultant records the case steps."))
    return format_html(
        '<a href="{}">{}</a>', reverse("cases:client", args=[applicant.pk]),
        _("Open the case steps: profile, invitation, application, decision"),
    )


def timeline_report(applicant: Applicant) -> SafeString:
    case = getattr(applicant, "case", None)
    if case is None:
        return format_html("<p>{}</p>", _("No case yet."))
    entries = timeline_for(case=case)
    if not entries:
        return format_html("<p>{}</p>", _("Nothing has happened on this case yet."))
    return format_html(
        "<ol class=\"case-timeline\">{}</ol>",
        format_html_join(
            "", "<li><time>{}</time> {}{}{}</li>",
            (
                (entry.on.isoformat(), entry.label,
                 format_html(" — {}", entry.note) if entry.note else "",
                 format_html(" ({})", entry.by) if entry.by else "")
                for entry in entries
            ),
        ),
    )


def documents_report(applicant: Applicant, *, user) -> SafeString:
    """The checklist, read-only: files are opened and reviewed on the portal's documents page,
    the one door for that work (it checks that the viewer is the client's consultant)."""
    case = getattr(applicant, "case", None)
    if case is None:
        return format_html("<p>{}</p>", _("No case yet."))
    items = documents_for(case=case)
    if not items:
        return format_html("<p>{}</p>", _("The checklist is empty."))
    counts = document_counts(case=case)
    door = ""
    if user is not None and applicant.consultant_id == user.pk:
        door = format_html(
            ' <a href="{}">{}</a>', reverse("cases:documents", args=[case.pk]),
            _("Open and review the documents on the case page"),
        )
    rows = [
        (
            item.title,
            "" if item.required else _("(no longer required)"),
            item.get_status_display(),
            ", ".join(upload.original_name for upload in item.uploads.all()) or "—",
            item.comment or "—",
        )
        for item in items
    ]
    return format_html(
        '<p id="documents">{}{}</p><table class="document-checklist"><thead><tr>{}</tr></thead>'
        "<tbody>{}</tbody></table>",
        _("%(accepted)d of %(total)d accepted, %(uploaded)d to review, %(changes)d sent back, "
          "%(missing)d missing.") % {
            "accepted": counts.accepted, "total": counts.total, "uploaded": counts.uploaded,
            "changes": counts.needs_changes, "missing": counts.missing,
        },
        door,
        format_html_join("", '<th scope="col">{}</th>', (
            (_("document"),), (_("status"),), (_("files"),), (_("comment"),),
        )),
        format_html_join(
            "", "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td></tr>", rows
        ),
    )
