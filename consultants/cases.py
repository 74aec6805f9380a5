"""The case steps in the consultant workspace: case status and next deadline on the client
list, and on the client page the case timeline, the document checklist read-only and the way
to the portal's case pages, where the consultant records the steps and reviews the documents.

Everything here only reads, through ``cases``: deadlines, timelines and who is the client's
consultant are decided there. The next deadline is the one stored on the case.
"""

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.access import is_consultant_of
from cases.deadlines import next_deadline
from cases.documents.selectors import document_counts, documents_for
from cases.enums import CaseStatus
from cases.selectors import timeline_for
from profiles.models import Applicant


def case_status_label(applicant: Applicant) -> str:
    case = getattr(applicant, "case", None)
    status = case.status if case else CaseStatus.PREPARING
    return str(CaseStatus(status).label)


def next_deadline_text(applicant: Applicant) -> str:
    """The client's next deadline as stored on their case, in words; a dash when none."""
    deadline = next_deadline(case=getattr(applicant, "case", None))
    return deadline.sentence if deadline else "—"


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


# --- the client page ----------------------------------------------------------------------


def case_page_link(applicant: Applicant, *, user) -> SafeString:
    """The way to the portal's case page, where the consultant records the steps (profile,
    invitation, application, decision stages); only the client's consultant may use it."""
    if not is_consultant_of(applicant=applicant, user=user):
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
    if is_consultant_of(applicant=applicant, user=user):
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
