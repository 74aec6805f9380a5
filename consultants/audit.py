"""The audit trail of one client, read from django-simple-history's records.

Every save and delete of an applicant's rows — by the applicant on the portal or by staff in
the admin — leaves a historical record with who (``history_user``, set by
``HistoryRequestMiddleware``), when, and the row as it was. This module only reads those
records and says, for each one, what changed since the record before it. Nothing here writes.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries.fields import Country

from cases.enums import CaseStatus
from cases.models import (
    Application,
    Case,
    CaseTransition,
    DecisionStage,
    DocumentItem,
    Invitation,
    ProfileSubmission,
    Upload,
)
from consultants.models import ConsultantNote
from profiles.enums import CecStatus
from profiles.models import Applicant, Education, Job, LanguageTest, Spouse, User

# Client data with history (the facts, the notes and the case's records), and how each of
# them finds the client.
AUDITED: list[tuple[type[models.Model], str]] = [
    (Applicant, "id"),
    (Spouse, "applicant_id"),
    (Education, "applicant_id"),
    (LanguageTest, "applicant_id"),
    (Job, "applicant_id"),
    (ConsultantNote, "applicant_id"),
    (Case, "applicant_id"),
    (ProfileSubmission, "case__applicant_id"),
    (Invitation, "case__applicant_id"),
    (Application, "case__applicant_id"),
    (DecisionStage, "case__applicant_id"),
    (DocumentItem, "case__applicant_id"),
    (Upload, "item__case__applicant_id"),
]
# Bookkeeping the questionnaire keeps about itself, not facts anyone needs to trace; and the
# case's status, whose every change the transition log shows with its note.
NOT_SHOWN = {"current_step", "completed_steps"}
NOT_SHOWN_FOR = {Case: {"status"}}

ACTIONS = {
    "+": gettext_lazy("created"),
    "~": gettext_lazy("changed"),
    "-": gettext_lazy("deleted"),
}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class AuditEntry:
    when: datetime
    who: str
    action: str
    kind: str
    label: str
    changes: list[Change] = field(default_factory=list)
    reason: str = ""


def _show(model_field: models.Field, value, users: dict[int, str]) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(model_field, models.ForeignKey) and model_field.related_model is User:
        return users.get(value, f"#{value}")
    if isinstance(value, Country):
        return str(value.name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.name == "verdict" and value in CecStatus.values:
        # The engine's verdict code, stored without choices on the case's steps.
        return str(CecStatus(value).label)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _label(model: type[models.Model], record) -> str:
    if model is Applicant:
        return _("client record")
    if model is Spouse:
        return str(Spouse._meta.verbose_name)
    if model is ConsultantNote:
        return record.body[:60]
    # The other rows describe themselves from their own fields (no query).
    return str(record.instance)


def _shown(model_field: models.Field) -> bool:
    """Whether a person can read the field's value in the trail. The engine's stored result
    is JSON for the program, not for people (its verdict has a field of its own); a link to
    another row (the case, the checklist item, the profile…) would show only its number. A
    user is the one link shown, by email."""
    if isinstance(model_field, models.JSONField):
        return False
    if model_field.is_relation:
        return model_field.related_model is User
    return True


def _fields(model: type[models.Model]) -> list[models.Field]:
    hidden = NOT_SHOWN | NOT_SHOWN_FOR.get(model, set())
    return [
        f for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in hidden and _shown(f)
    ]


def _case_events(applicant: Applicant) -> list[AuditEntry]:
    """Each status change of the case, from its own log (``CaseTransition``, which also keeps
    the note); uploads, reviews and the steps' records come from their history."""
    entries = []
    status = dict(CaseStatus.choices)
    for move in CaseTransition.objects.filter(case__applicant=applicant).select_related("by"):
        entries.append(AuditEntry(
            when=move.at, who=move.by.email if move.by else _("system"),
            action=str(ACTIONS["~"]), kind=str(Case._meta.verbose_name), label=move.label,
            changes=[Change(_("status"), str(status.get(move.from_status, "")),
                            str(status.get(move.to_status, "")))],
            reason=move.note,
        ))
    return entries


def audit_trail_for_applicant(*, applicant: Applicant) -> list[AuditEntry]:
    """Every recorded change to the applicant's data, newest first (a fixed number of
    queries: one per audited model, plus the case's own records)."""
    records = []
    for model, lookup in AUDITED:
        history = model.history.filter(**{lookup: applicant.pk}).select_related("history_user")
        records.append((model, list(history.order_by("history_date", "history_id"))))

    user_ids = {
        getattr(record, f.attname)
        for model, rows in records for record in rows for f in _fields(model)
        if isinstance(f, models.ForeignKey) and f.related_model is User
    }
    users = dict(User.objects.filter(pk__in=user_ids - {None}).values_list("pk", "email"))

    entries = []
    for model, rows in records:
        fields = _fields(model)
        previous: dict[int, object] = {}
        for record in rows:
            before = previous.get(record.id)
            previous[record.id] = record
            if record.history_type == "~" and before is not None:
                shown = [f for f in fields
                         if getattr(before, f.attname) != getattr(record, f.attname)]
                changes = [
                    Change(str(f.verbose_name), _show(f, getattr(before, f.attname), users),
                           _show(f, getattr(record, f.attname), users))
                    for f in shown
                ]
                if not changes:
                    continue  # a save that changed nothing a person entered
            elif record.history_type == "+":
                changes = [
                    Change(str(f.verbose_name), "", _show(f, getattr(record, f.attname), users))
                    for f in fields if getattr(record, f.attname) not in (None, "", False)
                ]
            else:
                changes = []
            entries.append(AuditEntry(
                when=record.history_date,
                who=record.history_user.email if record.history_user else _("system"),
                action=str(ACTIONS.get(record.history_type, record.history_type)),
                kind=str(model._meta.verbose_name),
                label=_label(model, record),
                changes=changes,
                reason=record.history_change_reason or "",
            ))
    entries += _case_events(applicant)
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries
