"""A second factor for staff (and applicants who want one): the admin and every client's page
stay closed until it is passed; set-up, codes and backup codes work on one's own account
only."""

import time
from urllib.parse import quote

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import sessions
from cases.enums import CaseStatus
from cec_portal.admin_site import PortalAdminSite
from profiles.roles import CONSULTANT, NOC_EDITOR
from tests.auth import authenticator, current_code, log_in_verified
from tests.cases.factories import CaseFactory
from tests.factories import PASSWORD, ApplicantFactory, UserFactory

pytestmark = pytest.mark.django_db

ADMIN = "/admin/"
SETUP = reverse("two_factor_setup")
VERIFY = reverse("two_factor_verify")
OVERVIEW = reverse("two_factor")


@pytest.fixture
def superuser(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    user.save()
    return user


@pytest.fixture
def staff(request, consultant, noc_editor, superuser):
    return {"consultant": consultant, "noc_editor": noc_editor, "superuser": superuser}[
        request.param
    ]


def log_in(client, user, password=PASSWORD):
    response = client.post(reverse("login"), {"username": user.email, "password": password})
    assert response.status_code == 302, "the password was accepted"
    return response


def verify(client, code, next_url=ADMIN):
    return client.post(f"{VERIFY}?next={quote(next_url)}", {"code": code, "next": next_url})


def admin_index_shown(client) -> bool:
    """The admin's index page itself is shown (not a redirect to the code or set-up page)."""
    response = client.get(ADMIN)
    return response.status_code == 200 and "Site administration" in response.content.decode()


def dashboard_shown(client) -> bool:
    """The applicant's dashboard itself is shown, with no second-factor page in the way."""
    response = client.get(reverse("dashboard"))
    return response.status_code == 200 and "Your dashboard" in response.content.decode()


def backup_codes(user):
    return list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


# ----- staff are stopped until they pass ----------------------------------------------------


@pytest.mark.parametrize("staff", ["consultant", "noc_editor", "superuser"], indirect=True)
def test_staff_without_an_authenticator_are_sent_to_set_one_up(client, staff):
    log_in(client, staff)
    response = client.get(ADMIN)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next={quote(ADMIN, safe='')}"


@pytest.mark.parametrize("staff", ["consultant", "noc_editor", "superuser"], indirect=True)
def test_staff_with_an_authenticator_are_asked_for_a_code(client, staff):
    authenticator(staff)
    log_in(client, staff)
    response = client.get(ADMIN)
    assert response["Location"] == f"{VERIFY}?next={quote(ADMIN, safe='')}"


def test_a_right_code_opens_the_admin(client, consultant):
    device = authenticator(consultant)
    log_in(client, consultant)
    response = verify(client, current_code(device))
    assert response["Location"] == ADMIN
    assert admin_index_shown(client)


def test_a_wrong_code_keeps_the_admin_closed(client, consultant):
    authenticator(consultant)
    log_in(client, consultant)
    response = verify(client, "000000")
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert client.get(ADMIN).status_code == 302


def test_repeated_wrong_codes_make_the_device_wait(client, consultant):
    device = authenticator(consultant)
    log_in(client, consultant)
    verify(client, "000000")
    response = verify(client, current_code(device))  # even a right one, too soon after
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(ADMIN).status_code == 302


def test_a_backup_code_works_once(client, consultant):
    authenticator(consultant)
    from accounts.services import backup_codes_renew

    code = backup_codes_renew(user=consultant)[0]
    log_in(client, consultant)
    assert verify(client, code.upper())["Location"] == ADMIN
    assert admin_index_shown(client)
    assert code not in backup_codes(consultant)
    client.post(reverse("logout"))
    log_in(client, consultant)
    response = verify(client, code)
    assert "That code is not right" in response.content.decode()
    assert client.get(ADMIN).status_code == 302


def test_a_consultant_without_a_passed_factor_sees_no_client_case(client, consultant):
    client_applicant = ApplicantFactory(consultant=consultant)
    case = CaseFactory(applicant=client_applicant, status=CaseStatus.PREPARING)
    log_in(client, consultant)
    for url in (
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:client", args=[client_applicant.pk]),
        reverse("cases:documents", args=[case.pk]),
        reverse("noc:catalogue"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(SETUP), url
    # With a passed factor, the client's case opens.
    log_in_verified(client, consultant)
    opened = client.get(reverse("cases:detail", args=[case.pk]))
    assert opened.status_code == 200
    assert opened.context["case"] == case and opened.context["is_consultant"]


def test_a_consultant_with_an_unpassed_factor_posting_to_a_case_changes_nothing(
    client, consultant
):
    case = CaseFactory(applicant=ApplicantFactory(consultant=consultant),
                       status=CaseStatus.PREPARING)
    authenticator(consultant)
    log_in(client, consultant)
    response = client.post(reverse("cases:documents", args=[case.pk]))
    assert response["Location"].startswith(VERIFY)
    assert not case.documents.exists()


def test_an_htmx_request_is_sent_to_the_code_page_as_a_whole_page(client, consultant):
    authenticator(consultant)
    log_in(client, consultant)
    response = client.get(reverse("noc:catalogue"), HTTP_HX_REQUEST="true")
    assert response["HX-Redirect"].startswith(VERIFY)


def test_the_admin_site_itself_refuses_an_unverified_staff_session(consultant):
    request = RequestFactory().get(ADMIN)
    request.user = consultant
    consultant.is_verified = lambda: False
    assert not PortalAdminSite().has_permission(request)
    consultant.is_verified = lambda: True
    assert PortalAdminSite().has_permission(request)


def test_a_removed_authenticator_closes_the_admin_at_once(client, consultant):
    log_in_verified(client, consultant)
    assert admin_index_shown(client)
    TOTPDevice.objects.filter(user=consultant).delete()
    assert client.get(ADMIN)["Location"].startswith(SETUP)


# ----- set-up -------------------------------------------------------------------------------


def test_set_up_shows_a_qr_code_and_the_key_then_a_right_code_turns_it_on(client, consultant):
    log_in(client, consultant)
    page = client.get(f"{SETUP}?next=/admin/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'class="segno"' in html
    device = TOTPDevice.objects.get(user=consultant, confirmed=False)
    assert page.context["secret"].replace(" ", "") in html.replace(" ", "")
    # The same pending device until it is confirmed.
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=consultant).count() == 1

    response = client.post(f"{SETUP}?next=/admin/", {"code": current_code(device)})
    assert response["Location"] == f"{OVERVIEW}?next=%2Fadmin%2F"
    device.refresh_from_db()
    assert device.confirmed
    overview = client.get(response["Location"])
    codes = backup_codes(consultant)
    assert len(codes) == 10
    assert all(code in overview.content.decode() for code in codes)
    # Shown once only.
    assert not any(code in client.get(OVERVIEW).content.decode() for code in codes)
    assert admin_index_shown(client)


def test_set_up_with_a_wrong_code_turns_nothing_on(client, consultant):
    log_in(client, consultant)
    client.get(SETUP)
    response = client.post(SETUP, {"code": "123456"})
    assert response.status_code == 200
    assert "That code is not right" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=consultant, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=consultant).exists()


def test_a_password_alone_cannot_replace_an_authenticator(client, consultant):
    device = authenticator(consultant)
    log_in(client, consultant)
    response = client.get(SETUP)
    assert response["Location"].startswith(VERIFY)
    assert list(TOTPDevice.objects.filter(user=consultant)) == [device]


def test_the_staff_session_is_verified_in_a_new_session_key(client, consultant):
    device = authenticator(consultant)
    log_in(client, consultant)
    before = client.session.session_key
    verify(client, current_code(device))
    assert client.session.session_key != before
    assert client.session[SESSION_KEY] == str(consultant.pk)


# ----- anonymous, outsider, owner -----------------------------------------------------------


@pytest.mark.parametrize("url", [SETUP, VERIFY, OVERVIEW])
def test_anonymous_visitors_are_sent_to_log_in(client, url):
    response = client.get(url)
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize(
    "url", [reverse("two_factor_backup_codes"), reverse("two_factor_off"), SETUP, VERIFY]
)
def test_anonymous_posts_change_nothing(client, url, consultant):
    authenticator(consultant)
    response = client.post(url, {"code": "123456"})
    assert response["Location"].startswith(reverse("login"))
    assert TOTPDevice.objects.filter(user=consultant).count() == 1


def test_an_outsider_never_sees_my_key_nor_confirms_my_device(client, applicant):
    from accounts.services import authenticator_start

    mine = authenticator_start(user=applicant.user)
    outsider = ApplicantFactory().user
    client.force_login(outsider)
    html = client.get(SETUP).content.decode()
    from base64 import b32encode

    assert b32encode(mine.bin_key).decode() not in html.replace(" ", "")
    client.post(SETUP, {"code": current_code(mine)})
    mine.refresh_from_db()
    assert not mine.confirmed
    assert not TOTPDevice.objects.filter(user=outsider, confirmed=True).exists()


def test_an_outsider_cannot_pass_with_my_code(client, applicant):
    mine = authenticator(applicant.user)
    outsider = ApplicantFactory().user
    authenticator(outsider)
    client.force_login(outsider)
    response = client.post(VERIFY, {"code": current_code(mine)})
    assert response.status_code == 200
    assert client.get(reverse("dashboard"))["Location"].startswith(VERIFY)


def test_an_outsider_renewing_codes_or_turning_off_touches_only_their_own(client, applicant):
    from accounts.services import backup_codes_renew

    authenticator(applicant.user)
    my_codes = backup_codes_renew(user=applicant.user)
    outsider = ApplicantFactory().user
    log_in_verified(client, outsider)
    client.post(reverse("two_factor_backup_codes"))
    client.post(reverse("two_factor_off"))
    assert sorted(backup_codes(applicant.user)) == sorted(my_codes)
    assert TOTPDevice.objects.filter(user=applicant.user, confirmed=True).exists()
    assert not TOTPDevice.objects.filter(user=outsider).exists()


def test_the_owner_renews_backup_codes_and_the_old_ones_stop_working(client, applicant):
    from accounts.services import backup_codes_renew

    old = backup_codes_renew(user=applicant.user)
    log_in_verified(client, applicant.user)
    response = client.post(reverse("two_factor_backup_codes"))
    assert response["Location"] == OVERVIEW
    new = backup_codes(applicant.user)
    assert len(new) == 10 and not set(new) & set(old)
    html = client.get(OVERVIEW).content.decode()
    assert all(code in html for code in new)


# ----- applicants may opt in ----------------------------------------------------------------


def test_an_applicant_without_an_authenticator_is_never_asked(client, applicant):
    log_in(client, applicant.user)
    assert dashboard_shown(client)


def test_an_applicant_turns_it_on_and_is_asked_at_the_next_login(client, applicant):
    user = applicant.user
    log_in(client, user)
    assert "Turn two-step sign-in on" in client.get(OVERVIEW).content.decode()
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post(SETUP, {"code": current_code(device)})
    assert dashboard_shown(client)
    client.post(reverse("logout"))
    log_in(client, user)
    response = client.get(reverse("dashboard"))
    assert response["Location"] == f"{VERIFY}?next=%2Fdashboard%2F"


def test_an_applicant_turns_it_off(client, applicant):
    authenticator(applicant.user)
    log_in_verified(client, applicant.user)
    response = client.post(reverse("two_factor_off"))
    assert response["Location"] == OVERVIEW
    assert not TOTPDevice.objects.filter(user=applicant.user).exists()
    assert not StaticDevice.objects.filter(user=applicant.user).exists()
    client.post(reverse("logout"))
    log_in(client, applicant.user)
    assert dashboard_shown(client)


def test_staff_cannot_turn_it_off(client, consultant):
    log_in_verified(client, consultant)
    assert client.post(reverse("two_factor_off")).status_code == 403
    assert TOTPDevice.objects.filter(user=consultant).exists()


def test_the_code_page_goes_only_to_a_safe_next_page(client, applicant):
    device = authenticator(applicant.user)
    log_in(client, applicant.user)
    response = verify(client, current_code(device), next_url="https://evil.example/")
    assert response["Location"] == reverse("dashboard")


# ----- staff sessions -----------------------------------------------------------------------


def test_a_staff_session_ends_when_the_browser_closes(client, consultant):
    log_in(client, consultant)
    assert client.session.get_expire_at_browser_close()
    cookie = client.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]


def test_an_applicant_keeps_the_usual_session(client, applicant):
    log_in(client, applicant.user)
    assert not client.session.get_expire_at_browser_close()


def test_a_staff_session_ends_after_eight_hours(client, consultant):
    log_in_verified(client, consultant)
    assert admin_index_shown(client)
    session = client.session
    session[sessions.STARTED_KEY] = int(time.time()) - 8 * 3600 + 60
    session.save()
    assert admin_index_shown(client)  # 7 h 59 min
    session = client.session
    session[sessions.STARTED_KEY] = int(time.time()) - 8 * 3600 - 1
    session.save()
    response = client.get(ADMIN)
    assert response["Location"].startswith(reverse("login"))
    assert SESSION_KEY not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Your session ended after 8 hours" in page


def test_someone_made_staff_during_a_session_must_pass_a_second_factor(client, applicant):
    user = applicant.user
    log_in(client, user)
    user.is_staff = True
    user.save()
    assert client.get(reverse("dashboard"))["Location"].startswith(SETUP)


def test_a_consultant_group_member_who_is_not_staff_still_needs_the_factor(client):
    user = UserFactory(role=CONSULTANT)
    user.is_staff = False
    user.save()
    log_in(client, user)
    assert client.get(reverse("noc:catalogue"))["Location"].startswith(SETUP)


def test_a_noc_editor_is_staff_for_the_session_rules(client):
    editor = UserFactory(role=NOC_EDITOR)
    log_in(client, editor)
    assert client.session.get_expire_at_browser_close()


def test_a_verified_person_moves_to_a_new_phone(client, applicant):
    old = authenticator(applicant.user)
    log_in_verified(client, applicant.user)
    assert 'class="segno"' in client.get(SETUP).content.decode()  # a new QR code to scan
    new = TOTPDevice.objects.get(user=applicant.user, confirmed=False)
    client.post(SETUP, {"code": current_code(new)})
    assert list(TOTPDevice.objects.filter(user=applicant.user)) == [new]
    new.refresh_from_db()
    assert new.confirmed and not TOTPDevice.objects.filter(pk=old.pk).exists()
