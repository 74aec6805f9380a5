"""The case pages. Thin: each view finds the case through ``cases.access`` (its applicant or
their consultant; 404 for anyone else), validates a form, calls one service, and renders the
page — or, for an HTMX request, only the fragment that changed.
"""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from cases import (
    access,
    deadlines,
    expiries,
    forms,
    invitation_warnings,
    records,
    selectors,
    services,
    status,
)
from cases import notifications as notification_services
from cases.documents import review
from cases.documents import selectors as document_selectors
from cases.documents import services as document_services
from cases.enums import CaseStatus
from cases.errors import CaseError, UploadRefused
from cases.selectors import case_summary_for
from cases.thread import selectors as thread_selectors
from cases.thread import services as thread_services
from eligibility.draws import standing
from eligibility.draws.chances import chances_for
from profiles.evaluation import current_evaluation, evaluate_with_openings, openings_for
from profiles.questionnaire.steps import progress
from profiles.selectors import applicant_for_user

# ----- the case page ------------------------------------------------------------------------


def _default_forms(seen: access.CaseAccess, *, invitation) -> dict[str, Form]:
    case = seen.case
    status = case.status
    found: dict[str, Form] = {}
    if status == CaseStatus.PREPARING:
        found["profile_form"] = forms.ProfileForm(can_override=seen.is_consultant)
    elif status == CaseStatus.IN_POOL:
        found["invitation_form"] = forms.InvitationForm(can_override=seen.is_consultant)
        found["expire_form"] = forms.ExpireForm()
    elif status == CaseStatus.INVITED:
        found["plan_form"] = forms.PlanForm(
            initial={"planned_submission_on": invitation.planned_submission_on}
        )
        found["application_form"] = forms.ApplicationForm(pending=_pending_titles(case))
        found["decline_form"] = forms.DeclineForm()
    if services.stages_allowed(status):
        found["stage_form"] = forms.StageForm(
            allowed=services.stages_allowed(status), can_override=seen.is_consultant
        )
    if status == CaseStatus.SUBMITTED:
        found["withdraw_form"] = forms.WithdrawForm()
    return found


def _pending_titles(case) -> tuple[str, ...]:
    return tuple(item.title for item in document_selectors.documents_not_ready(case=case))


def _case_context(seen: access.CaseAccess, bound: dict[str, Form]) -> dict:
    case = seen.case
    today = timezone.localdate()
    profile = records.latest_profile(case=case)
    invitation = records.latest_invitation(case=case)
    application = records.latest_application(case=case)
    context: dict = {
        "case": case,
        "applicant": case.applicant,
        "is_consultant": seen.is_consultant,
        "steps": selectors.steps_for(case.status),
        "profile": profile,
        "invitation": invitation,
        "application": application,
        "deadlines": deadlines.deadlines_for(case=case, today=today),
        "timeline": selectors.timeline_for(case=case),
        "documents": document_selectors.document_counts(case=case),
        "unread_messages": thread_selectors.unread_count(user=seen.user, case=case),
        "pool_warning": (
            case.status == CaseStatus.IN_POOL
            and profile is not None
            and deadlines.pool_expiry_near(expires_on=profile.expires_on, today=today)
        ),
    }
    context.update(_default_forms(seen, invitation=invitation))
    context.update(bound)
    if case.status == CaseStatus.INVITED and invitation:
        context["planned_on"], context["warnings"] = invitation_warnings.invitation_warnings(
            case=case, invitation=invitation
        )
    if case.status in (CaseStatus.PREPARING, CaseStatus.IN_POOL, CaseStatus.INVITED):
        evaluation, openings = evaluate_with_openings(applicant=case.applicant, on=today)
        result = evaluation.result
        context["standing"] = standing.standing_for(crs=result.crs.total if result else None)
        context["chances"] = chances_for(result=result, on=today) if result else None
        context["openings"] = openings
    return context


def _render_case(
    request: HttpRequest, seen: access.CaseAccess, bound: dict[str, Form] | None = None
) -> HttpResponse:
    template = "cases/_case.html" if request.htmx else "cases/case.html"
    return render(request, template, _case_context(seen, bound or {}))


@login_required
@require_http_methods(["GET", "POST"])
def case_home(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own case. A GET only reads: with no case yet it offers to start
    one, and the POST of that button opens it (as "preparing")."""
    applicant = applicant_for_user(user=request.user)
    case = selectors.case_of(applicant=applicant)
    if case is None and request.method == "POST":
        case = status.case_open(applicant=applicant)
    if case is None:
        return render(request, "cases/start.html", {"applicant": applicant, "is_consultant": False})
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_http_methods(["GET", "POST"])
def client_case(request: HttpRequest, applicant_pk: int) -> HttpResponse:
    """A consultant's way into a client's case (from the client list); started on a POST."""
    applicant = access.client_for_consultant(user=request.user, applicant_pk=applicant_pk)
    case = selectors.case_of(applicant=applicant)
    if case is None and request.method == "POST":
        case = status.case_open(applicant=applicant)
    if case is None:
        return render(request, "cases/start.html", {"applicant": applicant, "is_consultant": True})
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_case(request, access.case_access(user=request.user, pk=pk))


def _step(
    request: HttpRequest,
    pk: int,
    name: str,
    form_class: type[Form],
    action: Callable[[access.CaseAccess, dict], object],
    done: str,
    form_kwargs_for: Callable[[access.CaseAccess], dict] | None = None,
) -> HttpResponse:
    """Find the case (once), validate ``form_class``, run ``action`` with the access found; on
    success show the case again, on a refusal show the form with the reason. Nothing is
    written when the action is refused. ``form_kwargs_for`` gives the form what it needs to
    know of the access (whether the consultant may override, the stages allowed now)."""
    seen = access.case_access(user=request.user, pk=pk)
    form = form_class(request.POST, **(form_kwargs_for(seen) if form_kwargs_for else {}))
    if form.is_valid():
        try:
            action(seen, form.cleaned_data)
        except CaseError as error:
            # Next to the field the refusal is about; at the top only when it names none.
            field = error.field if error.field in form.fields else None
            form.add_error(field, str(error.message))
        else:
            messages.success(request, done)
            if request.htmx:
                return _render_case(request, seen)
            return redirect("cases:detail", pk=pk)
    return _render_case(request, seen, {name: form})


@login_required
@require_POST
def profile_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "profile_form", forms.ProfileForm,
        lambda seen, data: services.case_submit_profile(
            access=seen, submitted_on=data["submitted_on"],
            profile_number=data["profile_number"], job_seeker_code=data["job_seeker_code"],
            override_reason=data.get("override_reason", ""),
        ),
        _("Your profile is recorded: you are in the pool."),
        form_kwargs_for=lambda seen: {"can_override": seen.is_consultant},
    )


@login_required
@require_POST
def profile_expire(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "expire_form", forms.ExpireForm,
        lambda seen, data: services.case_expire_profile(access=seen, note=data["note"]),
        _("The profile is marked expired; submit a new one when you are ready."),
    )


@login_required
@require_POST
def invitation_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "invitation_form", forms.InvitationForm,
        lambda seen, data: services.case_record_invitation(
            access=seen, invited_on=data["invited_on"],
            round_number=data["round_number"], crs_claimed=data["crs_claimed"],
            override_reason=data.get("override_reason", ""),
        ),
        _("Invitation recorded. Your document checklist is ready."),
        form_kwargs_for=lambda seen: {"can_override": seen.is_consultant},
    )


@login_required
@require_POST
def invitation_plan(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "plan_form", forms.PlanForm,
        lambda seen, data: services.case_plan_submission(
            access=seen, planned_on=data["planned_submission_on"]
        ),
        _("Planned submission date saved."),
    )


@login_required
@require_POST
def invitation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "decline_form", forms.DeclineForm,
        lambda seen, data: services.case_decline_invitation(
            access=seen, declined_on=data["declined_on"]
        ),
        _("Invitation declined: your profile is back in the pool."),
    )


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "application_form", forms.ApplicationForm,
        lambda seen, data: services.case_submit_application(
            access=seen, submitted_on=data["submitted_on"],
            application_number=data["application_number"],
            confirm_incomplete=data.get("confirm_incomplete", False),
        ),
        _("Application recorded as submitted."),
        form_kwargs_for=lambda seen: {"pending": _pending_titles(seen.case)},
    )


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "withdraw_form", forms.WithdrawForm,
        lambda seen, data: services.case_withdraw_application(access=seen, note=data["note"]),
        _("The application is recorded as withdrawn."),
    )


@login_required
@require_POST
def stage_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "stage_form", forms.StageForm,
        lambda seen, data: services.case_record_stage(
            access=seen, kind=data["kind"], on=data["on"], note=data["note"],
            override_reason=data.get("override_reason", ""),
        ),
        _("Stage recorded."),
        form_kwargs_for=lambda seen: {
            "allowed": services.stages_allowed(seen.case.status),
            "can_override": seen.is_consultant,
        },
    )


# ----- documents ----------------------------------------------------------------------------


def _auto_id(item) -> str:
    # Every item has its own forms on one page: ids must differ so each label finds its field.
    return f"id_item{item.pk}_%s"


def _item_context(seen: access.CaseAccess, item, **bound) -> dict:
    return {
        "case": seen.case,
        "item": item,
        "is_consultant": seen.is_consultant,
        "upload_form": bound.get("upload_form") or forms.UploadForm(auto_id=_auto_id(item)),
        "review_form": bound.get("review_form")
        or forms.ReviewForm(
            initial={"status": item.status, "comment": item.comment,
                     "issued_on": item.issued_on},
            auto_id=_auto_id(item), dated=item.kind in expiries.POLICE_KINDS,
        ),
    }


def _documents_page(
    request: HttpRequest, seen: access.CaseAccess, bound: dict | None = None
) -> HttpResponse:
    bound = bound or {}
    items = document_selectors.documents_for(case=seen.case)
    rows = [_item_context(seen, item, **bound.get(item.pk, {})) for item in items]
    has_spouse = seen.case.applicant.has_spouse
    return render(
        request,
        "cases/documents.html",
        {
            "case": seen.case,
            "rows": rows,
            "counts": document_selectors.document_counts(case=seen.case),
            "is_consultant": seen.is_consultant,
            "request_form": bound.get("request_form") or forms.RequestForm(),
            "country_form": bound.get("country_form")
            or forms.CountryForm(has_spouse=has_spouse),
        },
    )


def _add_to_checklist(request: HttpRequest, seen: access.CaseAccess, name: str, form: Form,
                      action: Callable[[dict], object], done: str) -> HttpResponse:
    """Validate ``form`` and run ``action``; back to the checklist, or the page with the form
    and its reason when refused (nothing written then)."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except CaseError as error:
            form.add_error(error.field if error.field in form.fields else None,
                           str(error.message))
        else:
            messages.success(request, done)
            return redirect("cases:documents", pk=seen.case.pk)
    return _documents_page(request, seen, {name: form})


@login_required
@require_POST
def document_request(request: HttpRequest, pk: int) -> HttpResponse:
    """The consultant adds any document to the client's checklist."""
    seen = access.case_access(user=request.user, pk=pk)
    if not seen.is_consultant:
        raise PermissionDenied
    return _add_to_checklist(
        request, seen, "request_form", forms.RequestForm(request.POST),
        lambda data: document_services.document_request(
            access=seen, title=data["title"], instructions=data["instructions"],
            due_on=data["due_on"],
        ),
        _("Document added to the checklist; the client was told."),
    )


@login_required
@require_POST
def police_country(request: HttpRequest, pk: int) -> HttpResponse:
    """A country for a police certificate that the checklist did not list."""
    seen = access.case_access(user=request.user, pk=pk)
    form = forms.CountryForm(request.POST, has_spouse=seen.case.applicant.has_spouse)
    return _add_to_checklist(
        request, seen, "country_form", form,
        lambda data: document_services.police_country_add(
            access=seen, country=data["country"], spouse=data.get("spouse", False)
        ),
        _("Country added to the checklist."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    """The checklist; a POST rebuilds it from the person's current answers."""
    seen = access.case_access(user=request.user, pk=pk)
    if request.method == "POST":
        document_services.case_rebuild_checklist(access=seen)
        messages.success(request, _("The checklist was rebuilt from your current answers."))
        return redirect("cases:documents", pk=pk)
    return _documents_page(request, seen)


def _item_response(request: HttpRequest, seen: access.CaseAccess, item, **bound) -> HttpResponse:
    if request.htmx:
        item = seen.document_item(item.pk)  # fresh, with the status the action left
        return render(request, "cases/_document_item.html", _item_context(seen, item, **bound))
    if bound:
        return _documents_page(request, seen, {item.pk: bound})
    return redirect(reverse("cases:documents", args=[seen.case.pk]) + f"#item-{item.pk}")


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    seen = access.case_access(user=request.user, pk=pk)
    item = seen.document_item(item_pk)
    form = forms.UploadForm(request.POST, request.FILES, auto_id=_auto_id(item))
    if form.is_valid():
        try:
            document_services.document_upload(
                access=seen, item=item, file=form.cleaned_data["file"]
            )
        except UploadRefused as error:
            form.add_error("file", error.message)
        except CaseError as error:
            messages.error(request, error.message)
            return _item_response(request, seen, item)
        else:
            messages.success(request, _("File uploaded."))
            return _item_response(request, seen, item)
    return _item_response(request, seen, item, upload_form=form)


@login_required
@require_POST
def document_review(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    seen = access.case_access(user=request.user, pk=pk)
    item = seen.document_item(item_pk)
    if not seen.is_consultant:
        # The applicant sees the item but may not judge their own documents.
        raise PermissionDenied
    form = forms.ReviewForm(request.POST, auto_id=_auto_id(item),
                            dated=item.kind in expiries.POLICE_KINDS)
    if form.is_valid():
        try:
            review.document_review(
                access=seen, item=item, status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
                issued_on=form.cleaned_data.get("issued_on"),
            )
        except CaseError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Review saved."))
            return _item_response(request, seen, item)
    return _item_response(request, seen, item, review_form=form)


@login_required
@require_GET
def upload_download(request: HttpRequest, pk: int, upload_pk: int) -> HttpResponse:
    """The file itself, only to the applicant and their consultant."""
    upload = access.case_access(user=request.user, pk=pk).upload(upload_pk)
    return _file_response(upload.file, upload.original_name, upload.content_type)


def _file_response(file, name: str, content_type: str) -> FileResponse:
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def upload_delete(request: HttpRequest, pk: int, upload_pk: int) -> HttpResponse:
    seen = access.case_access(user=request.user, pk=pk)
    upload = seen.upload(upload_pk)
    try:
        item = document_services.document_delete_upload(access=seen, upload=upload)
    except CaseError as error:
        messages.error(request, str(error.message))
        item = upload.item
    else:
        messages.success(request, _("File deleted."))
    return _item_response(request, seen, item)


# ----- messages -----------------------------------------------------------------------------


def _thread_response(request: HttpRequest, seen: access.CaseAccess,
                     form: forms.MessageForm | None = None) -> HttpResponse:
    template = "cases/_thread.html" if request.htmx else "cases/messages.html"
    return render(request, template, {
        "case": seen.case,
        "is_consultant": seen.is_consultant,
        "thread": thread_selectors.thread_for(case=seen.case),
        "unread": thread_selectors.unread_count(user=seen.user, case=seen.case),
        "form": form or forms.MessageForm(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def case_messages(request: HttpRequest, pk: int) -> HttpResponse:
    """The thread between the applicant and their consultant; a POST adds a message."""
    seen = access.case_access(user=request.user, pk=pk)
    if request.method == "GET":
        return _thread_response(request, seen)
    form = forms.MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            thread_services.message_send(
                access=seen, body=form.cleaned_data["body"], file=form.cleaned_data["file"]
            )
        except UploadRefused as error:
            form.add_error("file", error.message)
        except CaseError as error:
            form.add_error("body", str(error.message))
        else:
            messages.success(request, _("Message sent."))
            if request.htmx:
                return _thread_response(request, seen)
            return redirect("cases:messages", pk=pk)
    return _thread_response(request, seen, form)


@login_required
@require_POST
def case_messages_read(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the other party's messages read (posted by the thread page once it is shown, or
    by its button without JavaScript): a GET never writes."""
    seen = access.case_access(user=request.user, pk=pk)
    thread_services.messages_mark_read(access=seen)
    if request.htmx:
        return HttpResponse(status=204)
    return redirect("cases:messages", pk=pk)


@login_required
@require_GET
def message_attachment(request: HttpRequest, pk: int, message_pk: int) -> HttpResponse:
    """A message's file, only to the applicant and their consultant."""
    message = access.case_access(user=request.user, pk=pk).attachment(message_pk)
    return _file_response(message.file, message.original_name, message.content_type)


# ----- the applicant's home ----------------------------------------------------------------


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    applicant = applicant_for_user(user=request.user)
    done, total = progress(applicant)
    evaluation = current_evaluation(applicant=applicant)
    context = {
        "applicant": applicant,
        "progress_done": done,
        "progress_total": total,
        "evaluation": evaluation,
        "chances": (
            chances_for(result=evaluation.result, on=evaluation.result.as_of)
            if evaluation.complete else None
        ),
        "openings": openings_for(applicant=applicant) if evaluation.complete else [],
        "case_summary": case_summary_for(applicant=applicant),
        "updates": selectors.updates_for(applicant=applicant),
    }
    return render(request, "profiles/dashboard.html", context)


@login_required
@require_POST
def notifications_seen(request: HttpRequest) -> HttpResponse:
    """The person dismisses their notifications (their own only)."""
    notification_services.notifications_mark_seen(user=request.user)
    # Consultants read theirs on "my work" (they have no dashboard of their own).
    return redirect("consultants:my_work" if request.user.is_staff else "dashboard")
