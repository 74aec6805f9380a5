"""Account pages: sign-up and activation, password reset (rate-limited, unlocking the account),
and the second factor. Thin: forms validate, services write, selectors read; every page works
on the signed-in person's own account only."""

from base64 import b32encode
from urllib.parse import urlencode

import django_otp
import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language

from accounts import selectors, services, sessions
from accounts.client_ip import client_ip
from accounts.forms import CodeForm, DeferredPasswordResetForm, SetupCodeForm, SignUpForm
from accounts.ratelimit import hit
from eligibility.draws.chances import chances_html
from profiles import services as profile_services
from profiles.quick_check import SESSION_KEY as QUICK_CHECK_KEY
from profiles.quick_check import QuickCheck, page_key, quick_check_evaluation

NEW_CODES_KEY = "accounts.new_backup_codes"


def too_many_requests(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/too_many_requests.html", status=429)


# ----- sign-up and activation ---------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard")
    form = SignUpForm(request.POST or None)
    if request.method == "POST":
        if not hit(scope="sign_up", key=client_ip(request) or "unknown"):
            return too_many_requests(request)
        if form.is_valid():
            services.sign_up_requested(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                base_url=request.build_absolute_uri("/"),
            )
            return redirect("sign_up_done")
    return render(request, "registration/sign_up.html", {"form": form})


@require_GET
def sign_up_done(request: HttpRequest) -> HttpResponse:
    return render(request, "registration/sign_up_done.html")


@require_http_methods(["GET", "POST"])
def activate(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """The link from the sign-up email. A GET only asks (mail scanners follow links); the
    button activates. The person then logs in with the password they chose."""
    user = selectors.user_to_activate(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "registration/activate.html", {"valid": False})
    if request.method == "POST":
        services.account_activate(user=user)
        messages.success(request, _("Your account is active. Log in with your email and password."))
        return redirect("login")
    return render(request, "registration/activate.html", {"valid": True, "email": user.email})


# ----- language -----------------------------------------------------------------------------


@require_POST
def language_choose(request: HttpRequest) -> HttpResponse:
    """The switcher on every page: Django's ``set_language`` (the cookie, and back to ``next``
    on this site), and for a signed-in person the choice remembered on their account."""
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        profile_services.user_set_language(user=request.user, language=language)
    return set_language(request)


# ----- the quick check, before any account -------------------------------------------------


@require_http_methods(["GET", "POST"])
def quick_check(request: HttpRequest) -> HttpResponse:
    """The essential questions on one page, judged by the engine at once, for anyone. The
    answers stay in the session (no row is written); "Save and continue" leads to sign-up, and
    the first login carries them into the questionnaire (``accounts.signals``)."""
    if request.user.is_authenticated:
        return redirect("dashboard")
    answers = request.session.get(QUICK_CHECK_KEY)
    check = QuickCheck(answers=answers)
    if request.method == "POST":
        if not hit(scope="quick_check", key=client_ip(request) or "unknown"):
            return too_many_requests(request)
        check = QuickCheck(request.POST)
        if check.is_valid():
            answers = check.answers()
            request.session[QUICK_CHECK_KEY] = answers
            if "save" in request.POST:
                return redirect("sign_up")
            # Post/redirect/get: the result is shown from the session's answers.
            return redirect(reverse("quick_check") + "#quick-result")
        answers = None
    today = timezone.localdate()

    def judged():
        return quick_check_evaluation(answers, on=today) if answers else None

    # Read only when the page is not kept in the cache (``profiles.kept``): its key is made of
    # the answers, the day, the rounds and the language; a form with errors is never kept.
    evaluation = SimpleLazyObject(judged)

    def chances():
        result = evaluation.result if evaluation else None
        return chances_html(result=result, on=result.as_of) if result else None

    return render(request, "accounts/quick_check.html", {
        "check": check,
        "evaluation": evaluation,
        "chances_html": SimpleLazyObject(chances),
        "kept_key": (page_key(answers, on=today, visitor=request.session.session_key)
                     if request.method == "GET" else None),
    })


# ----- password reset -----------------------------------------------------------------------


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, limited per address (a page saying so) and per email (no more emails
    to that address this hour, with the usual answer), and mailing off the request path."""

    form_class = DeferredPasswordResetForm

    def post(self, request, *args, **kwargs):
        if not hit(scope="password_reset", key=client_ip(request) or "unknown"):
            return too_many_requests(request)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not hit(scope="password_reset_email", key=form.cleaned_data["email"]):
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Choosing a new password through the emailed link also lifts a login lockout."""

    def form_valid(self, form):
        response = super().form_valid(form)
        services.account_unlock(user=form.user)
        return response


# ----- second factor ------------------------------------------------------------------------


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return reverse("admin:index") if request.user.is_staff else reverse("dashboard")


def _verified(request: HttpRequest, device) -> None:
    django_otp.login(request, device)
    request.session.cycle_key()
    sessions.second_factor_turned(request, on=True)


@login_required
@require_GET
def two_factor(request: HttpRequest) -> HttpResponse:
    """The person's two-step sign-in: on or off, backup codes left, what they can do."""
    user = request.user
    return render(
        request,
        "accounts/two_factor.html",
        {
            "enabled": selectors.has_authenticator(user),
            "codes_left": selectors.backup_codes_left(user),
            "required": selectors.is_staff_role(user),
            "new_codes": request.session.pop(NEW_CODES_KEY, None),
            "next": _next_url(request) if request.GET.get("next") else "",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Scan a QR code (or type the key), then confirm with a code the app shows. Someone who
    already has an authenticator must pass it first: a password alone never replaces it."""
    user = request.user
    if selectors.has_authenticator(user) and not user.is_verified():
        return redirect(f"{reverse('two_factor_verify')}?next={reverse('two_factor')}")
    device = services.authenticator_start(user=user)
    form = SetupCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = services.authenticator_confirm(user=user, code=form.cleaned_data["code"])
        if confirmed is not None:
            device, codes = confirmed
            _verified(request, device)
            request.session[NEW_CODES_KEY] = codes
            messages.success(request, _("Two-step sign-in is on."))
            after = reverse("two_factor")
            if request.GET.get("next"):
                after += "?" + urlencode({"next": _next_url(request)})
            return redirect(after)
        form.add_error(
            "code",
            _("That code is not right. Check that your phone's time is correct and try the "
              "newest code."),
        )
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(
                scale=4, light="#fff", title=_("QR code for your authenticator app")
            ),
            "secret": " ".join(secret[i:i + 4] for i in range(0, len(secret), 4)),
            "required": selectors.is_staff_role(user),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """Ask for a code from the authenticator, or a backup code."""
    user = request.user
    if not selectors.has_authenticator(user):
        return redirect("two_factor_setup")
    if user.is_verified():
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.second_factor_check(user=user, code=form.cleaned_data["code"])
        if check.device is not None:
            _verified(request, check.device)
            return redirect(_next_url(request))
        if check.throttled:
            form.add_error("code", _("Too many wrong codes. Wait a minute, then try again."))
        else:
            form.add_error(
                "code",
                _("That code is not right. Try the newest code from your app, or a backup code."),
            )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


@login_required
@require_POST
def backup_codes(request: HttpRequest) -> HttpResponse:
    """New backup codes (the old ones stop working); shown once."""
    if not selectors.has_authenticator(request.user):
        return redirect("two_factor_setup")
    request.session[NEW_CODES_KEY] = services.backup_codes_renew(user=request.user)
    messages.success(request, _("New backup codes are ready. The old ones no longer work."))
    return redirect("two_factor")


@login_required
@require_POST
def two_factor_off(request: HttpRequest) -> HttpResponse:
    """Applicants may turn two-step sign-in off; staff must keep it."""
    if selectors.is_staff_role(request.user):
        raise PermissionDenied
    services.second_factor_turn_off(user=request.user)
    sessions.second_factor_turned(request, on=False)
    messages.success(request, _("Two-step sign-in is off."))
    return redirect("two_factor")
