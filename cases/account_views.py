"""The applicant's own data: a page saying what is held, the archive of it, and the deletion
of the account. In ``cases`` because the archive and the deletion take in the case and its
files (``profiles`` may not import ``cases``). Each view acts only on the signed-in person's
own applicant record (``applicant_for_user``: 404 for a user without one)."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cases.personal_data import account_delete, personal_data_archive
from profiles.forms import DeleteAccountForm
from profiles.selectors import applicant_for_user


def _page(request: HttpRequest, form: DeleteAccountForm) -> HttpResponse:
    return render(request, "cases/my_data.html", {"delete_form": form})


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    applicant_for_user(user=request.user)
    return _page(request, DeleteAccountForm(user=request.user))


@login_required
@require_GET
def my_data_export(request: HttpRequest) -> HttpResponse:
    applicant = applicant_for_user(user=request.user)
    filename = f"cec-portal-my-data-{timezone.localdate():%Y-%m-%d}.zip"
    response = FileResponse(
        personal_data_archive(applicant=applicant), as_attachment=True, filename=filename,
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def account_delete_view(request: HttpRequest) -> HttpResponse:
    applicant_for_user(user=request.user)
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _page(request, form)
    account_delete(user=request.user)
    logout(request)
    messages.success(request, _("Your account and everything in it have been deleted."))
    return redirect("home")
