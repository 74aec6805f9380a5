"""Every page, rendered in French for a person with realistic data, shows no project English.

Each page is rendered twice, with English and with French asked for; any text a person reads
(see ``visible_text``) that is identical in both renderings is English that slipped through,
unless it is on the allow-list below: text the same in both languages by nature (numbers,
dates, codes, email addresses, names of language tests, what the person typed) or by the
catalogue's own choice (a French translation written identical to its English: « Total »).
"""

import re
from datetime import timedelta
from functools import partial

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django_countries import countries

from accounts.services import _activation_link
from cases.enums import DECIDED, CaseStatus, DocumentStatus
from cases.models import DocumentItem
from eligibility.models import ExampleTitle, MainDuty, NocClass, UnitGroup
from eligibility.rules.language import TEST_LABELS
from profiles.models import Job, User
from tests.auth import log_in_verified
from tests.cases.factories import (
    ApplicationFactory,
    CaseFactory,
    DecisionStageFactory,
    DocumentItemFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
)
from tests.draws.factories import RoundFactory
from tests.factories import ApplicantFactory
from tests.test_accessibility import full_profile
from tests.translations.catalogue import ROOT, read_po
from tests.translations.visible_text import visible_text

SAME_IN_BOTH = re.compile(
    r"""^(
        [\W\d_]*                                    # numbers, dates, punctuation
      | [\w.+-]+@[\w.-]+                            # an email address
      | [A-Z]{1,3}\d[\w-]*                          # codes: E000123456, AB1234567890
      | [A-Z2-7]{4}(\ [A-Z2-7]{4})+                 # an authenticator key
      | CEC|NCLC|CLB|PDF|JPG|PNG                     # the same words in French
    )$""",
    re.VERBOSE,
)

def catalogue_same_in_both() -> set[str]:
    """Translations written identical to their English (a choice, not an omission)."""
    entries = read_po(ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    same = {
        text
        for entry in entries
        if not entry.is_header
        for text in entry.msgstr
        if text in (entry.msgid, entry.msgid_plural)
    }
    return same | {text[:1].upper() + text[1:] for text in same}  # as capfirst shows them


def data_texts() -> set[str]:
    """What people and the reference data put in the database, shown as written."""
    texts = set(TEST_LABELS.values())
    for job in Job.objects.all():
        texts |= {job.employer, job.title, job.duties}
    for user in User.objects.all():
        texts |= {user.email, user.get_full_name(), str(user)}
    texts |= set(DocumentItem.objects.values_list("comment", flat=True))
    # The NOC's lead statements and main duties exist only in English; the NOC editor edits them.
    texts |= set(UnitGroup.objects.values_list("lead_statement", flat=True))
    texts |= set(MainDuty.objects.values_list("text", flat=True))
    # Countries whose French name is their English one (django-countries' catalogue): "Mali".
    with translation.override("en"):
        english = dict(countries)
    with translation.override("fr"):
        texts |= {name for code, name in countries if english[code] == name}
    return {text for text in texts if text}


def _strings(value) -> set[str]:
    if isinstance(value, str):
        return {value}
    if isinstance(value, dict):
        value = value.values()
    if isinstance(value, list | tuple) or hasattr(value, "__iter__"):
        return set().union(*(_strings(item) for item in value))
    return set()


# English that Django and django-simple-history write themselves, outside any catalogue: the
# admin's search icon and yes/no icons (their alt text), and an empty change reason.
NOT_OURS_TEXT = {"Search", "True", "False", "None"}


def is_allowed(text: str, allowed: set[str]) -> bool:
    """Allowed as it is, or once a list dash, a breadcrumb's arrow, a row number ("Test 2") or
    a date after data ("Software developer (2019-01-07)") is set aside."""
    bare = re.sub(r"^[–—›-]\s*|\s+\d+$|\s+\(?\d{4}-\d\d-\d\d\)?$", "", text)
    return any(candidate in allowed or SAME_IN_BOTH.match(candidate)
               for candidate in (text, bare))


def render(client, path: str, language: str, *, data=None, htmx=False, before=None,
           statuses=(200, 422)) -> str:
    """The page at ``path`` in ``language``: a GET, or with ``data`` a POST (a form sent back
    with its errors: nothing is saved), as HTMX asks for its fragment when ``htmx``. A POST that
    redirects is followed; ``before`` runs first on each rendering (to set up what the POST
    uses up)."""
    if before is not None:
        before()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    # A signed-in person reads the language remembered on their account (it wins the cookie).
    User.objects.filter(pk=client.session.get("_auth_user_id")).update(language=language)
    headers = {"HTTP_ACCEPT_LANGUAGE": language, **({"HTTP_HX_REQUEST": "true"} if htmx else {})}
    send = client.get if data is None else partial(client.post, data=data, follow=True)
    response = send(path, **headers)
    assert response.status_code in statuses, f"{path} in {language}: {response.status_code}"
    return response.content.decode()


def english_in(french_html: str, english_html: str, allowed: set[str]) -> list[str]:
    """Texts of the French page found as they are on the English page, and not allowed."""
    english = set(visible_text(english_html))
    return [
        text
        for text in dict.fromkeys(visible_text(french_html))
        if text in english and not is_allowed(text, allowed)
    ]


def english_left(client, paths, *, also_allowed: frozenset = frozenset(), **how) -> list[str]:
    allowed = catalogue_same_in_both() | data_texts() | NOT_OURS_TEXT | also_allowed
    problems = []
    for path in paths:
        french = render(client, path, "fr", **how)
        if "<html" in french:
            assert re.search(r'<html[^>]* lang="fr"', french), f"{path}: <html lang> is not fr"
        english = render(client, path, "en", **how)
        problems += [f"{path}: {text!r}" for text in english_in(french, english, allowed)]
    return problems


def assert_all_french(client, paths, **how) -> None:
    problems = english_left(client, paths, **how)
    assert not problems, "English on French pages:\n" + "\n".join(problems)


@pytest.fixture
def catalogue(db):
    from tests.noc.factories import UnitGroupFactory

    UnitGroupFactory(code="21211", title="Data scientists", title_fr="Scientifiques des données",
                     duties=["Research and develop statistical models"],
                     examples=["Data scientist", "Machine learning scientist"])
    UnitGroupFactory(code="21232", title="Software developers and programmers",
                     title_fr="Développeurs et programmeurs de logiciels",
                     duties=["Write, modify and test computer code"])
    RoundFactory(number="432", crs_cutoff=516)
    RoundFactory(number="431", crs_cutoff=482, name="French language proficiency",
                 category="french")


def test_the_comparison_names_english_left_on_a_french_page():
    english = ('<html lang="en"><title>Your case</title><p>Your case <b>E0001</b></p>'
               '<p lang="en">Duties</p><input type="submit" value="Save"><p>Total</p>'
               '<p>Test 2</p><script>go()</script></html>')
    french = ('<html lang="fr"><title>Votre dossier</title><p>Your case <b>E0001</b></p>'
              '<p lang="en">Duties</p><input type="submit" value="Save"><p>Total</p>'
              '<p>Test 2</p><script>go()</script></html>')
    assert english_in(french, english, {"Total", "Test"}) == ["Your case", "Save"]


def test_signed_out_pages(client, catalogue):
    user = User.objects.create_user(email="new.person@example.test", password="x" * 12,
                                    is_active=False)
    activation = _activation_link(user, base_url="")
    assert_all_french(client, [
        "/", "/accounts/login/", "/accounts/sign-up/", "/accounts/sign-up/sent/",
        "/accounts/password_reset/", "/accounts/password_reset/done/",
        "/accounts/reset/MQ/set-password/", "/accounts/reset/done/", activation,
        "/accounts/activate/MQ/bad-token/",
        "/noc/", "/noc/?q=data", "/noc/21211/", "/case/rounds/",
    ])


def test_the_applicants_pages(client, catalogue):
    applicant = full_profile()
    client.force_login(applicant.user)
    steps = [reverse("questionnaire:step", args=[slug]) for slug in (
        "about", "spouse", "education", "language", "work_canada", "work_abroad", "other",
        "review")]
    assert_all_french(client, [
        "/dashboard/", "/result/", *steps, "/case/", "/accounts/my-data/",
        "/accounts/two-factor/", "/accounts/two-factor/set-up/", "/accounts/password_change/",
        "/accounts/password_change/done/",
    ])


def test_a_new_applicants_pages(client, catalogue):
    """Nothing answered yet: the empty states, the verdict's list of what is missing, and the
    case not started."""
    applicant = ApplicantFactory(birth_date=None, marital_status="", intended_province="")
    client.force_login(applicant.user)
    assert_all_french(client, [
        "/dashboard/", "/result/", "/case/",
        *(reverse("questionnaire:step", args=[slug]) for slug in ("about", "work_canada")),
    ])


def test_the_fragments_htmx_asks_for(client, catalogue):
    applicant = full_profile()
    client.force_login(applicant.user)
    assert_all_french(client, [
        "/noc/search/?q=data", "/noc/search/?q=zzzz",
        reverse("questionnaire:add_row", args=["language", "tests"]) + "?tests-TOTAL_FORMS=2",
        reverse("questionnaire:step", args=["work_canada"]),
    ], htmx=True)


@pytest.mark.parametrize(("step", "answers"), [
    ("about", {"birth_date": "2999-01-01", "marital_status": "single"}),
    ("language", {"tests-TOTAL_FORMS": "1", "tests-INITIAL_FORMS": "0", "tests-0-test":
                  "ielts_general", "tests-0-taken_on": "2020-01-01", "tests-0-listening": "6.3"}),
])
def test_a_step_with_errors(client, catalogue, step, answers):
    applicant = full_profile()
    client.force_login(applicant.user)
    assert_all_french(client, [reverse("questionnaire:step", args=[step])], data=answers)


def case_in(status: str, consultant=None):
    """A full profile whose case reached ``status``, with documents at every review state."""
    applicant = full_profile(consultant)
    case = CaseFactory(applicant=applicant, status=CaseStatus.PREPARING)
    if status == CaseStatus.PREPARING:
        return case
    profile = ProfileSubmissionFactory(case=case)
    if status != CaseStatus.IN_POOL:
        invitation = InvitationFactory(case=case, profile=profile, crs_claimed=999)
        for kind, state in (("passport", DocumentStatus.MISSING),
                            ("photo", DocumentStatus.UPLOADED),
                            ("work_proof", DocumentStatus.ACCEPTED),
                            ("police_certificate", DocumentStatus.NEEDS_CHANGES)):
            sent_back = state == DocumentStatus.NEEDS_CHANGES
            DocumentItemFactory(case=case, kind=kind, key=kind, subject="CA", status=state,
                                comment="Scan it again." if sent_back else "")
    if status in (CaseStatus.SUBMITTED, *DECIDED):
        ApplicationFactory(case=case, invitation=invitation)
        DecisionStageFactory(case=case, on=timezone.localdate() - timedelta(days=1))
    case.status = status
    case.save()
    return case


@pytest.mark.parametrize("status", [
    CaseStatus.PREPARING, CaseStatus.IN_POOL, CaseStatus.INVITED, CaseStatus.SUBMITTED, *DECIDED,
])
def test_the_case_page_in_each_state(client, catalogue, status):
    case = case_in(status)
    client.force_login(case.applicant.user)
    paths = [reverse("cases:detail", args=[case.pk])]
    if status != CaseStatus.PREPARING:
        paths.append(reverse("cases:documents", args=[case.pk]))
    assert_all_french(client, paths)


def test_the_consultants_pages(client, catalogue, consultant):
    case = case_in(CaseStatus.INVITED, consultant)
    applicant = case.applicant
    not_started = full_profile(consultant)
    log_in_verified(client, consultant)
    assert_all_french(client, [
        "/admin/",
        "/admin/profiles/applicant/",
        f"/admin/profiles/applicant/{applicant.pk}/change/",
        f"/admin/profiles/applicant/{applicant.pk}/history/",
        reverse("cases:client", args=[not_started.pk]),
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:documents", args=[case.pk]),
        "/accounts/two-factor/",
    ])


def test_the_noc_editors_pages(client, catalogue, noc_editor):
    unit_group = UnitGroup.objects.get(code="21211")
    log_in_verified(client, noc_editor)
    assert_all_french(client, [
        "/admin/",
        "/admin/eligibility/unitgroup/",
        f"/admin/eligibility/unitgroup/{unit_group.pk}/change/",
        f"/admin/eligibility/unitgroup/{unit_group.pk}/history/",
        "/admin/eligibility/nocclass/",
    ], also_allowed=noc_as_stored())


def noc_as_stored() -> frozenset[str]:
    """The NOC editor edits the catalogue's English records as they are stored (the French
    titles are a field of their own): codes, titles and example titles, alone or together."""
    titles = [*UnitGroup.objects.values_list("code", "title"),
              *NocClass.objects.values_list("code", "title")]
    texts = {title for _code, title in titles} | {f"{code} {title}" for code, title in titles}
    return frozenset(texts | set(ExampleTitle.objects.values_list("title", flat=True)))


def test_the_second_factor_page(client, consultant):
    from tests.auth import authenticator

    authenticator(consultant)
    client.force_login(consultant)
    assert_all_french(client, ["/accounts/two-factor/verify/"])



QUICK_ANSWERS = {
    "about-birth_date": "1994-03-10", "about-marital_status": "single",
    "about-intended_province": "ON", "education-level": "bachelors", "education-canadian": "on",
    "test-test": "ielts_general", "test-taken_on": "2025-06-14", "test-listening": "8.5",
    "test-reading": "8", "test-writing": "7.5", "test-speaking": "7.5",
    "job-title": "Data scientist", "job-noc": "21211", "job-start": "2023-01-09",
    "job-hours_per_week": "37.5", "job-paid": "on", "job-permit_type": "pgwp",
    "abroad-paid": "on", "check": "",
}


def test_the_quick_check_empty_and_with_a_result(client, catalogue):
    assert_all_french(client, ["/accounts/quick-check/"])
    page = render(client, "/accounts/quick-check/", "fr", data=QUICK_ANSWERS)
    assert "SCG" in page  # a result, not the form sent back
    assert_all_french(client, ["/accounts/quick-check/"], data=QUICK_ANSWERS)


def test_the_backup_codes_and_turning_two_step_sign_in_off(client, db):
    from tests.auth import authenticator

    applicant = ApplicantFactory()
    log_in_verified(client, applicant.user)
    assert_all_french(client, [reverse("two_factor_backup_codes")], data={})
    assert_all_french(client, [reverse("two_factor_off")], data={},
                      before=lambda: authenticator(applicant.user))


def test_the_logged_out_page(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.template.loader import render_to_string

    def page(language):
        request = rf.get("/accounts/logout/")
        request.user = AnonymousUser()
        request.csp_nonce = ""
        with translation.override(language):
            return render_to_string("registration/logged_out.html", request=request)

    allowed = catalogue_same_in_both() | NOT_OURS_TEXT
    assert english_in(page("fr"), page("en"), allowed) == []


def test_the_locked_out_and_too_many_requests_pages(client, db, settings):
    user = ApplicantFactory().user
    wrong = {"username": user.email, "password": "not the password"}
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", wrong)
    assert_all_french(client, ["/accounts/login/"], data=wrong, statuses=(429,))
    settings.CEC_RATE_LIMITS = {**settings.CEC_RATE_LIMITS, "sign_up": (0, timedelta(hours=1))}
    assert_all_french(client, ["/accounts/sign-up/"], data={"email": "x@example.test"},
                      statuses=(429,))


def test_the_superusers_admin(client, db, catalogue, consultant):
    from profiles.models import ReevaluationRun
    from tests.factories import UserFactory

    superuser = UserFactory(is_staff=True, is_superuser=True)
    superuser.save()  # keeps the password the factory set, which the session is tied to
    applicant = full_profile(consultant)
    run = ReevaluationRun.objects.create(reason=ReevaluationRun.Reason.STAFF, rules_version="r1",
                                         evaluated_on=timezone.localdate(), total=3)
    log_in_verified(client, superuser)
    # Not ours, and not in any French catalogue: the permissions' names as Django stored them at
    # migrate (in English), the apps that ship no French (django-axes, django-otp's devices),
    # the password hash's summary, and the run's rules fingerprint.
    from django.contrib.auth.models import Permission

    stored = {str(permission) for permission in Permission.objects.all()}
    third_party = {"Axes", "Otp_Static", "Otp_Totp", "Static devices", "TOTP devices"}
    hash_summary = {*superuser.password.split("$")[:1], "pbkdf2_sha256"}
    masked = {text for text in visible_text(render(
        client, f"/admin/profiles/user/{applicant.user.pk}/change/", "fr"))
        if re.fullmatch(r"\S{6}\*+", text)}
    assert_all_french(client, [
        "/admin/profiles/user/",
        f"/admin/profiles/user/{applicant.user.pk}/change/",
        "/admin/profiles/reevaluationrun/",
        f"/admin/profiles/reevaluationrun/{run.pk}/change/",
        "/admin/profiles/applicant/",
        f"/admin/profiles/applicant/?consultant__id__exact={consultant.pk}",
    ], also_allowed=frozenset(stored | third_party | hash_summary | masked | {run.rules_version}))


@pytest.mark.parametrize(("status", "step"), [
    (CaseStatus.PREPARING, "cases:profile"),
    (CaseStatus.IN_POOL, "cases:invitation"),
    (CaseStatus.INVITED, "cases:application"),
    (CaseStatus.SUBMITTED, "cases:stage"),
])
def test_a_case_step_sent_back_with_errors(client, catalogue, status, step):
    case = case_in(status)
    client.force_login(case.applicant.user)
    sent_back = render(client, reverse(step, args=[case.pk]), "fr", data={"on": "not a date"})
    assert "is-invalid" in sent_back  # the form came back with its errors
    assert_all_french(client, [reverse(step, args=[case.pk])], data={"on": "not a date"})


def test_dates_on_a_french_page_are_said_as_the_reasons_say_them(client, catalogue):
    from profiles.reasons import format_date

    case = case_in(CaseStatus.INVITED)
    client.force_login(case.applicant.user)
    invited_on = case.invitations.get().invited_on
    page = visible_text(render(client, reverse("cases:detail", args=[case.pk]), "fr"))
    with translation.override("fr"):
        assert format_date(invited_on) in page
    assert invited_on.isoformat() not in page
