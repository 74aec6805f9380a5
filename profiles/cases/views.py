"""The case pages. Thin: each view finds the case through a selector that checks the user
is its applicant or their consultant (404 for anyone else), validates a form, calls one service,
and renders the page — or, for an HTMX request, only the fragment that changed.
"""

from collections.abc import Callable
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.forms import Form
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from profiles.cases import forms, selectors, services
from profiles.cases.models import Case, CaseStatus, DocumentStatus, RoundCategory
from profiles.cases.selectors import POOL_WARNING_DAYS
from profiles.cases.services import CaseError
from profiles.cases.uploads import UploadRefused
from profiles.evaluation import evaluate_applicant
from profiles.selectors import applicant_for_user

# ----- the case page ------------------------------------------------------------------------


def _default_forms(case: Case, *, user, invitation) -> dict[str, Form]:
    status = case.status
    found: dict[str, Form] = {}
    if status == CaseStatus.PREPARING:
        found["profile_form"] = forms.ProfileForm(
            can_override=selectors.is_consultant_of(case=case, user=user)
        )
    elif status == CaseStatus.IN_POOL:
        found["invitation_form"] = forms.InvitationForm()
        found["expire_form"] = forms.ExpireForm()
    elif status == CaseStatus.INVITED:
        found["plan_form"] = forms.PlanForm(
            initial={"planned_submission_on": invitation.planned_submission_on}
        )
        found["application_form"] = forms.ApplicationForm()
        found["decline_form"] = forms.DeclineForm()
    if services.stages_allowed(status):
        found["stage_form"] = forms.StageForm(allowed=services.stages_allowed(status))
    if status == CaseStatus.SUBMITTED:
        found["withdraw_form"] = forms.WithdrawForm()
    return found


def _case_context(request: HttpRequest, case: Case, bound: dict[str, Form]) -> dict:
    today = timezone.localdate()
    profile = selectors.latest_profile(case=case)
    invitation = selectors.latest_invitation(case=case)
    application = selectors.latest_application(case=case)
    context: dict = {
        "case": case,
        "applicant": case.applicant,
        "is_consultant": selectors.is_consultant_of(case=case, user=request.user),
        "steps": selectors.steps_for(case.status),
        "profile": profile,
        "invitation": invitation,
        "application": application,
        "deadlines": selectors.deadlines_for(case=case, today=today),
        "timeline": selectors.timeline_for(case=case),
        "documents": selectors.document_counts(case=case),
        "pool_warning": (
            case.status == CaseStatus.IN_POOL
            and profile is not None
            and profile.expires_on - today <= timedelta(days=POOL_WARNING_DAYS)
        ),
    }
    context.update(_default_forms(case, user=request.user, invitation=invitation))
    context.update(bound)
    if case.status == CaseStatus.INVITED and invitation:
        context["planned_on"], context["warnings"] = selectors.invitation_warnings(
            case=case, invitation=invitation
        )
    if case.status in (CaseStatus.PREPARING, CaseStatus.IN_POOL, CaseStatus.INVITED):
        result = evaluate_applicant(applicant=case.applicant, on=today).result
        context["standing"] = selectors.standing_for(
            crs=result["crs"]["total"] if result else None
        )
    return context


def _render_case(
    request: HttpRequest, case: Case, bound: dict[str, Form] | None = None
) -> HttpResponse:
    template = "cases/_case.html" if request.htmx else "cases/case.html"
    return render(request, template, _case_context(request, case, bound or {}))


@login_required
@require_GET
def case_home(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own case; opened (as "preparing") on the first visit."""
    applicant = applicant_for_user(user=request.user)
    case = services.case_open(applicant=applicant)
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_GET
def client_case(request: HttpRequest, applicant_pk: int) -> HttpResponse:
    """A consultant's way into a client's case (from the client list), opened if need be."""
    applicant = selectors.client_for_consultant(user=request.user, applicant_pk=applicant_pk)
    case = services.case_open(applicant=applicant)
    return redirect("cases:detail", pk=case.pk)


@login_required
@require_GET
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for_user(user=request.user, pk=pk)
    return _render_case(request, case)


def _step(
    request: HttpRequest,
    pk: int,
    name: str,
    form_class: type[Form],
    action: Callable[[Case, dict], object],
    done: str,
    **form_kwargs,
) -> HttpResponse:
    """Validate ``form_class``, run ``action``; on success show the case again, on a refusal
    show the form with the reason. Nothing is written when the action is refused."""
    case = selectors.case_for_user(user=request.user, pk=pk)
    form = form_class(request.POST, **form_kwargs)
    if form.is_valid():
        try:
            action(case, form.cleaned_data)
        except CaseError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, done)
            if request.htmx:
                return _render_case(request, case)
            return redirect("cases:detail", pk=case.pk)
    return _render_case(request, case, {name: form})


@login_required
@require_POST
def profile_submit(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for_user(user=request.user, pk=pk)
    return _step(
        request, pk, "profile_form", forms.ProfileForm,
        lambda case, data: services.case_submit_profile(
            case=case, by=request.user, submitted_on=data["submitted_on"],
            profile_number=data["profile_number"], job_seeker_code=data["job_seeker_code"],
            override_reason=data.get("override_reason", ""),
        ),
        _("Your profile is recorded: you are in the pool."),
        can_override=selectors.is_consultant_of(case=case, user=request.user),
    )


@login_required
@require_POST
def profile_expire(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "expire_form", forms.ExpireForm,
        lambda case, data: services.case_expire_profile(
            case=case, by=request.user, note=data["note"]
        ),
        _("The profile is marked expired; submit a new one when you are ready."),
    )


@login_required
@require_POST
def invitation_record(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "invitation_form", forms.InvitationForm,
        lambda case, data: services.case_record_invitation(
            case=case, by=request.user, invited_on=data["invited_on"],
            round_number=data["round_number"], crs_claimed=data["crs_claimed"],
        ),
        _("Invitation recorded. Your document checklist is ready."),
    )


@login_required
@require_POST
def invitation_plan(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "plan_form", forms.PlanForm,
        lambda case, data: services.case_plan_submission(
            case=case, by=request.user, planned_on=data["planned_submission_on"]
        ),
        _("Planned submission date saved."),
    )


@login_required
@require_POST
def invitation_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "decline_form", forms.DeclineForm,
        lambda case, data: services.case_decline_invitation(
            case=case, by=request.user, declined_on=data["declined_on"]
        ),
        _("Invitation declined: your profile is back in the pool."),
    )


@login_required
@require_POST
def application_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "application_form", forms.ApplicationForm,
        lambda case, data: services.case_submit_application(
            case=case, by=request.user, submitted_on=data["submitted_on"],
            application_number=data["application_number"],
        ),
        _("Application recorded as submitted."),
    )


@login_required
@require_POST
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, "withdraw_form", forms.WithdrawForm,
        lambda case, data: services.case_withdraw_application(
            case=case, by=request.user, note=data["note"]
        ),
        _("The application is recorded as withdrawn."),
    )


@login_required
@require_POST
def stage_record(request: HttpRequest, pk: int) -> HttpResponse:
    case = selectors.case_for_user(user=request.user, pk=pk)
    return _step(
        request, pk, "stage_form", forms.StageForm,
        lambda case, data: services.case_record_stage(
            case=case, by=request.user, kind=data["kind"], on=data["on"], note=data["note"]
        ),
        _("Stage recorded."),
        allowed=services.stages_allowed(case.status),
    )


# ----- documents ----------------------------------------------------------------------------


def _auto_id(item) -> str:
    # Every item has its own forms on one page: ids must differ so each label finds its field.
    return f"id_item{item.pk}_%s"


def _item_context(request: HttpRequest, case: Case, item, **bound) -> dict:
    return {
        "case": case,
        "item": item,
        "is_consultant": selectors.is_consultant_of(case=case, user=request.user),
        "upload_form": bound.get("upload_form") or forms.UploadForm(auto_id=_auto_id(item)),
        "review_form": bound.get("review_form")
        or forms.ReviewForm(
            initial={"status": item.status, "comment": item.comment}, auto_id=_auto_id(item)
        ),
    }


def _documents_page(request: HttpRequest, case: Case, bound: dict | None = None) -> HttpResponse:
    bound = bound or {}
    items = selectors.documents_for(case=case)
    rows = [_item_context(request, case, item, **bound.get(item.pk, {})) for item in items]
    return render(
        request,
        "cases/documents.html",
        {
            "case": case,
            "rows": rows,
            "counts": selectors.document_counts(case=case),
            "is_consultant": selectors.is_consultant_of(case=case, user=request.user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def documents(request: HttpRequest, pk: int) -> HttpResponse:
    """The checklist; a POST rebuilds it from the person's current answers."""
    case = selectors.case_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        services.case_rebuild_checklist(case=case)
        messages.success(request, _("The checklist was rebuilt from your current answers."))
        return redirect("cases:documents", pk=case.pk)
    return _documents_page(request, case)


def _item_response(request: HttpRequest, case: Case, item, **bound) -> HttpResponse:
    if request.htmx:
        item = selectors.document_item_for_user(user=request.user, case_pk=case.pk, pk=item.pk)
        return render(request, "cases/_document_item.html",
                      _item_context(request, case, item, **bound))
    if bound:
        return _documents_page(request, case, {item.pk: bound})
    return redirect(reverse("cases:documents", args=[case.pk]) + f"#item-{item.pk}")


@login_required
@require_POST
def document_upload(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = selectors.document_item_for_user(user=request.user, case_pk=pk, pk=item_pk)
    case = item.case
    form = forms.UploadForm(request.POST, request.FILES, auto_id=_auto_id(item))
    if form.is_valid():
        try:
            services.document_upload(item=item, by=request.user, file=form.cleaned_data["file"])
        except UploadRefused as error:
            form.add_error("file", error.message)
        except CaseError as error:
            messages.error(request, error.message)
            return _item_response(request, case, item)
        else:
            messages.success(request, _("File uploaded."))
            return _item_response(request, case, item)
    return _item_response(request, case, item, upload_form=form)


@login_required
@require_POST
def document_review(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = selectors.document_item_for_user(user=request.user, case_pk=pk, pk=item_pk)
    case = item.case
    if not selectors.is_consultant_of(case=case, user=request.user):
        # The applicant sees the item but may not judge their own documents.
        raise PermissionDenied
    form = forms.ReviewForm(request.POST, auto_id=_auto_id(item))
    if form.is_valid():
        try:
            services.document_review(
                item=item, by=request.user, status=form.cleaned_data["status"],
                comment=form.cleaned_data["comment"],
            )
        except CaseError as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("Review saved."))
            return _item_response(request, case, item)
    return _item_response(request, case, item, review_form=form)


@login_required
@require_GET
def upload_download(request: HttpRequest, pk: int, upload_pk: int) -> HttpResponse:
    """The file itself, only to the applicant and their consultant."""
    upload = selectors.upload_for_user(user=request.user, case_pk=pk, pk=upload_pk)
    response = FileResponse(
        upload.file.open("rb"),
        as_attachment=True,
        filename=upload.original_name,
        content_type=upload.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def upload_delete(request: HttpRequest, pk: int, upload_pk: int) -> HttpResponse:
    upload = selectors.upload_for_user(user=request.user, case_pk=pk, pk=upload_pk)
    case = upload.item.case
    try:
        item = services.document_delete_upload(upload=upload, by=request.user)
    except CaseError as error:
        messages.error(request, str(error.message))
        item = upload.item
    else:
        messages.success(request, _("File deleted."))
    return _item_response(request, case, item)


# ----- draw history -------------------------------------------------------------------------


@require_GET
def rounds(request: HttpRequest) -> HttpResponse:
    category = request.GET.get("category") or ""
    if category not in RoundCategory.values:
        category = ""
    page = Paginator(selectors.rounds_page(category=category or None), 50).get_page(
        request.GET.get("page")
    )
    crs = None
    applicant = getattr(request.user, "applicant", None)
    if applicant is not None:
        result = evaluate_applicant(applicant=applicant).result
        crs = result["crs"]["total"] if result else None
    return render(
        request,
        "cases/rounds.html",
        {
            "page": page,
            "category": category,
            "categories": RoundCategory.choices,
            "standing": selectors.standing_for(crs=crs),
        },
    )


__all__ = ["DocumentStatus"]
