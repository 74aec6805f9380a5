"""The admin has the same language switcher as every other page: it sends the staff member back
to the admin page they were on and remembers the choice on their account."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

USERS = reverse("admin:profiles_user_changelist")


def switch_form(html: str) -> str:
    header = r'<div id="user-tools">.*?(<form[^>]*language-switcher.*?</form>)'
    match = re.search(header, html, re.S)
    assert match, "no language switcher in the admin's header"
    return match.group(1)


def test_the_admin_header_offers_french_on_an_english_page(superuser_client):
    form = switch_form(superuser_client.get(USERS).content.decode())
    assert 'data-language-switch="fr"' in form
    assert f'name="next" value="{USERS}"' in form


def test_switching_in_the_admin_keeps_the_page_and_saves_the_language(superuser_client, superuser):
    response = superuser_client.post(reverse("set_language"), {"language": "fr", "next": USERS})
    assert response.status_code == 302
    assert response["Location"] == USERS
    superuser.refresh_from_db()
    assert superuser.language == "fr"
    page = superuser_client.get(USERS).content.decode()
    assert '<html lang="fr"' in page
    assert 'data-language-switch="en"' in switch_form(page)

