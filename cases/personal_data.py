"""A person's own data: everything the portal holds about an applicant in one archive, and the
deletion of their account.

It lives in ``cases`` because the archive and the deletion take in the case and its files, and
``profiles`` may not import ``cases``. Records of other apps (a consultant's private notes) are
found through the model registry, by their foreign keys to the person's rows, without importing
them.
"""

import json
import shutil
import tempfile
import zipfile
from contextlib import suppress
from datetime import date
from pathlib import Path

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.mail import send_plain_later
from cases.documents.uploads import safe_display_name
from cases.models import Application, Case, Invitation, Message, Upload
from profiles.kept import forget_kept
from profiles.models import AccountDeletion, Applicant, User
from profiles.reasons import format_date
from profiles.selectors import facts_for_applicant

# Who recorded or reviewed a step is the portal's business, not the person's data: those
# columns (other users' ids) are left out of the archive.
_OTHER_USERS = {"recorded_by_id", "reviewed_by_id", "uploaded_by_id", "by_id", "user_id"}
# The portal's own bookkeeping, not an answer: what the stored evaluation was made from.
_BOOKKEEPING = {"evaluated_from"}
ACCOUNT_FIELDS = ("email", "first_name", "last_name", "date_joined", "last_login")


def _json(value) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder, indent=2, ensure_ascii=False).encode()


def _rows(queryset) -> list[dict]:
    return [
        {key: value for key, value in row.items()
         if key not in _OTHER_USERS and key not in _BOOKKEEPING}
        for row in queryset.values()
    ]


def _answers(applicant: Applicant) -> dict:
    """Every answer as stored, including what the facts JSON leaves out (employers, duties,
    registration and ECA numbers)."""
    return {
        "account": User.objects.filter(pk=applicant.user_id).values(*ACCOUNT_FIELDS).get(),
        "applicant": _rows(Applicant.objects.filter(pk=applicant.pk))[0],
        "spouse": _rows(apps.get_model("profiles", "Spouse").objects.filter(applicant=applicant)),
        "education": _rows(applicant.education.order_by("id")),
        "language_tests": _rows(applicant.language_tests.order_by("id")),
        "jobs": _rows(applicant.jobs.order_by("id")),
    }


def _case(case: Case | None) -> dict | None:
    if case is None:
        return None
    return {
        "status": case.status,
        "created_at": case.created_at,
        "steps": {
            "profiles": _rows(case.profiles.order_by("id")),
            "invitations": _rows(case.invitations.order_by("id")),
            "applications": _rows(case.applications.order_by("id")),
            "decision_stages": _rows(case.stages.order_by("id")),
        },
        "timeline": _rows(case.transitions.order_by("at", "id")),
        "checklist": [
            {
                "title": item.title,
                "status": item.status,
                "comment": item.comment,
                "required": item.required,
                "files": [
                    {"name": upload.original_name, "type": upload.content_type,
                     "size": upload.size, "uploaded_at": upload.uploaded_at,
                     "in_archive": _archive_name(upload)}
                    for upload in item.uploads.all()
                ],
            }
            for item in case.documents.prefetch_related("uploads").order_by("position", "id")
        ],
        "messages": [
            {"from": "you" if message.author_id == case.applicant.user_id else "consultant",
             "written_at": message.created_at, "text": message.body,
             "file": _attachment_name(message) if message.file else None}
            for message in case.messages.order_by("created_at", "id")
        ],
    }


def _attachment_name(message: Message) -> str:
    return f"files/messages/{message.pk}-{safe_display_name(message.original_name)}"


def _attachments(applicant: Applicant):
    return Message.objects.filter(case__applicant=applicant).exclude(file="")


def _archive_name(upload: Upload) -> str:
    return f"files/{upload.pk}-{safe_display_name(upload.original_name)}"


def personal_data_archive(*, applicant: Applicant) -> tempfile.SpooledTemporaryFile:
    """A zip of everything the portal holds about ``applicant``, rewound, ready to send:
    ``facts.json`` (the rules engine's facts), ``answers.json`` (every answer as stored),
    ``evaluation.json`` (the latest stored evaluation), ``case.json`` (steps, timeline,
    checklist and messages) and ``files/`` (each uploaded document and message attachment).
    Held in memory up to 8 MB, then on disk.
    """
    case = Case.objects.filter(applicant=applicant).first()
    # Returned open: the response that sends it closes it.
    archive = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("facts.json", _json(facts_for_applicant(applicant=applicant)))
        zipped.writestr("answers.json", _json(_answers(applicant)))
        zipped.writestr("evaluation.json", _json({
            "evaluated_at": applicant.evaluated_at,
            "result": applicant.evaluation,
        }))
        zipped.writestr("case.json", _json(_case(case)))
        uploads = Upload.objects.filter(item__case__applicant=applicant).order_by("id")
        stored = [(upload.file, _archive_name(upload)) for upload in uploads] + [
            (message.file, _attachment_name(message))
            for message in _attachments(applicant).order_by("id")
        ]
        for file, name in stored:
            with file.open("rb") as source, zipped.open(name, "w") as out:
                shutil.copyfileobj(source, out)
    archive.seek(0)
    return archive


# ----- deletion -----------------------------------------------------------------------------


def _history_models() -> dict[type, type]:
    """Each model with an audit trail (django-simple-history) → its historical model."""
    return {
        model.instance_type: model
        for model in apps.get_models()
        if isinstance(getattr(model, "instance_type", None), type)
        and hasattr(model, "history_id")
    }


def _owned_rows(applicant: Applicant, histories: dict[type, type]) -> dict[type, set]:
    """The primary keys of every row that is the person's, live or only in the audit trail:
    the applicant, then whatever points at one of their rows (jobs, the case, its documents,
    uploads, a consultant's notes…), until nothing new is found. Links to users (who recorded
    a step) are not ownership and are not followed."""
    owned: dict[type, set] = {Applicant: {applicant.pk}}
    candidates = [
        model for model in apps.get_models()
        if not hasattr(model, "instance_type") and model is not User
    ]
    found_more = True
    while found_more:
        found_more = False
        for model in candidates:
            for field in model._meta.concrete_fields:
                target = getattr(field, "related_model", None)
                linked = field.many_to_one or field.one_to_one
                if not linked or target not in owned or target is User:
                    continue
                lookup = {f"{field.attname}__in": owned[target]}
                pk = model._meta.pk.attname
                keys = set(model.objects.filter(**lookup).values_list(pk, flat=True))
                if model in histories:
                    keys |= set(
                        histories[model].objects.filter(**lookup).values_list(pk, flat=True)
                    )
                new = keys - owned.get(model, set())
                if new:
                    owned.setdefault(model, set()).update(new)
                    found_more = True
    return owned


def _remove_files(names: list[str], folders: list[str]) -> None:
    """After the commit: each stored file, then the case's folder if nothing else is in it."""
    for name in names:
        default_storage.delete(name)
    for folder in folders:
        with suppress(NotImplementedError, OSError):
            Path(default_storage.path(folder)).rmdir()


def _tell_consultant(email: str, language: str, on: date) -> None:
    with translation.override(language):  # the date is said in the consultant's language too
        send_plain_later(
            to=[email],
            language=language,
            subject=_("A client deleted their CEC Portal account"),
            body=_(
                "One of your clients deleted their CEC Portal account on %(date)s. Their "
                "answers, case and documents have been removed from the portal; the audit "
                "trail keeps only that an account was deleted on that day."
            ) % {"date": format_date(on)},
        )


@transaction.atomic
def account_delete(*, user: User) -> AccountDeletion:
    """Delete the applicant's account and everything of theirs, audit trail included.

    One transaction: the rows go, their history rows go (those written by the deletion
    itself too), and one ``AccountDeletion`` with the date remains. Once it commits, the files
    are removed and the consultant who served them, if any, is emailed (with no detail about
    the person).
    """
    applicant = Applicant.objects.select_related("consultant").get(user=user)
    applicant_pk = applicant.pk
    consultant = applicant.consultant
    consultant_email = consultant.email if consultant else None
    consultant_language = consultant.language if consultant else None
    histories = _history_models()
    owned = _owned_rows(applicant, histories)
    files = list(
        Upload.objects.filter(item__case__applicant=applicant).values_list("file", flat=True)
    ) + list(_attachments(applicant).values_list("file", flat=True))
    # A case's message folder first: a folder is removed only once empty.
    folders = [folder for pk in owned.get(Case, ())
               for folder in (f"cases/{pk}/messages", f"cases/{pk}")]

    # The application and the invitation protect what they point at: they go first.
    Application.objects.filter(case__applicant=applicant).delete()
    Invitation.objects.filter(case__applicant=applicant).delete()
    user.delete()  # the applicant, their answers, case, documents and notes follow

    for model, keys in owned.items():
        if model in histories:
            histories[model].objects.filter(**{f"{model._meta.pk.attname}__in": keys}).delete()
    for model, keys in [*owned.items(), (User, {user.pk})]:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(key) for key in keys],
        ).delete()

    today = timezone.localdate()
    record = AccountDeletion.objects.create(deleted_on=today)
    transaction.on_commit(lambda: _remove_files(files, folders))
    transaction.on_commit(lambda: forget_kept(applicant_pk))  # pages kept with their answers
    if consultant_email:
        _tell_consultant(consultant_email, consultant_language, today)  # sent once committed
    return record

