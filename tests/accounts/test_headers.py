"""Every page carries the Content-Security-Policy and Permissions-Policy; every page shown to a
signed-in person says "private, no-store"; no template holds an inline script, style or
handler; htmx is configured never to evaluate strings; the CSRF cookie is HttpOnly and HTMX
still sends the token."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from cases.enums import CaseStatus
from tests.auth import log_in_verified
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def csp_of(response) -> dict[str, list[str]]:
    policy = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        policy[name] = values
    return policy


@pytest.mark.parametrize(
    "url", ["/", "/accounts/login/", "/accounts/sign-up/", "/accounts/password_reset/",
            "/admin/login/", "/healthz/", "/no-such-page/"],
)
def test_every_page_carries_the_policies(client, url):
    response = client.get(url)
    policy = csp_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_signed_in_pages_carry_the_policy_too(applicant_client):
    response = applicant_client.get(reverse("dashboard"))
    assert csp_of(response)["script-src"] == ["'self'"]


def test_htmx_is_configured_by_a_meta_tag_never_to_evaluate_strings(client):
    html = client.get("/").content.decode()
    meta = re.search(r"<meta name=\"htmx-config\" content='([^']*)'>", html)
    config = json.loads(meta.group(1))
    assert config["allowEval"] is False
    assert config["includeIndicatorStyles"] is False
    assert config["allowScriptTags"] is False
    # Read by htmx when it loads, so it comes before htmx's script.
    assert html.index('name="htmx-config"') < html.index("htmx-2.min.js")


INLINE = [
    (re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I),
     "an inline script"),
    (re.compile(r"<style\b", re.I), "a style element"),
    (re.compile(r"\sstyle=", re.I), "a style attribute"),
    (re.compile(r"\son[a-z]+=", re.I), "an event-handler attribute"),
    (re.compile(r"javascript:", re.I), "a javascript: URL"),
    (re.compile(r"\shx-on[:-]", re.I), "an hx-on handler"),
    (re.compile(r"hx-[a-z-]+=[\"']\s*(js|javascript):", re.I), "an evaluated hx- value"),
]


def test_no_template_holds_inline_script_style_or_handlers():
    found = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text()
        for pattern, what in INLINE:
            for match in pattern.finditer(text):
                found.append(f"{path.relative_to(TEMPLATES)}: {what}: {match.group(0)!r}")
    assert found == []


def test_the_csrf_cookie_is_http_only(client):
    client.get(reverse("login"))
    assert client.cookies[settings.CSRF_COOKIE_NAME]["httponly"]


def test_htmx_posts_pass_csrf_with_the_token_rendered_in_hx_headers(applicant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant.user)
    page = client.get(reverse("questionnaire:step", args=["about"])).content.decode()
    header = json.loads(re.search(r"hx-headers='([^']*)'", page).group(1))
    data = {"birth_date": "1996-04-02", "marital_status": "single", "intended_province": "ON",
            "action": "save"}
    url = reverse("questionnaire:step", args=["about"])
    refused = client.post(url, data, HTTP_HX_REQUEST="true")
    assert refused.status_code == 403
    accepted = client.post(url, data, HTTP_HX_REQUEST="true",
                           HTTP_X_CSRFTOKEN=header["X-CSRFToken"])
    assert accepted.status_code == 200


# ----- Cache-Control ------------------------------------------------------------------------


def test_an_anonymous_page_may_be_cached_as_before(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")


@pytest.mark.parametrize(
    "url",
    [
        reverse("dashboard"),
        reverse("result"),
        reverse("questionnaire:step", args=["about"]),
        reverse("two_factor"),
        reverse("noc:catalogue"),
        reverse("draws:rounds"),
        "/no-such-page/",
    ],
)
def test_every_signed_in_page_is_private_and_not_stored(applicant_client, url):
    response = applicant_client.get(url)
    assert response["Cache-Control"] == "private, no-store"


def test_case_pages_and_redirects_are_private_and_not_stored(applicant_client, applicant):
    case = CaseFactory(applicant=applicant, status=CaseStatus.PREPARING)
    for url in (reverse("cases:home"), reverse("cases:detail", args=[case.pk]),
                reverse("cases:documents", args=[case.pk])):
        assert applicant_client.get(url)["Cache-Control"] == "private, no-store", url


def test_htmx_fragments_are_private_and_not_stored(applicant_client):
    response = applicant_client.get(
        reverse("questionnaire:step", args=["about"]), HTTP_HX_REQUEST="true"
    )
    assert response["Cache-Control"] == "private, no-store"


def test_staff_admin_pages_are_private_and_not_stored(client, consultant):
    log_in_verified(client, consultant)
    assert client.get("/admin/")["Cache-Control"] == "private, no-store"
    # Before the second factor too: the set-up page shows the secret key.
    client.logout()
    client.force_login(consultant)
    assert client.get(reverse("two_factor_setup"))["Cache-Control"] == "private, no-store"
