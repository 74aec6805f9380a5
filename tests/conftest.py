import pytest
from django.conf import settings
from django.core.cache import cache, caches
from django.utils import translation

from profiles.kept import forget_headers
from profiles.roles import CONSULTANT, NOC_EDITOR
from profiles.templatetags import portal
from tests.factories import ApplicantFactory, UserFactory

# The real-browser fixtures (browser, page) for every test module that asks for them.
pytest_plugins = ["tests.browser"]


@pytest.fixture
def applicant(db):
    return ApplicantFactory()


@pytest.fixture
def other_applicant(db):
    return ApplicantFactory()


@pytest.fixture
def consultant(db):
    return UserFactory(role=CONSULTANT)


@pytest.fixture
def noc_editor(db):
    return UserFactory(role=NOC_EDITOR)


@pytest.fixture
def applicant_client(client, applicant):
    client.force_login(applicant.user)
    return client


@pytest.fixture(autouse=True)
def _each_test_starts_in_english():
    """A request in French leaves French active in the thread (the locale middleware activates
    it): every test starts, and ends, in the site's default language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _each_test_starts_with_an_empty_cache():
    """Cached fragments (a result panel, a chances table, the page header kept in memory)
    never cross from one test to the next."""
    for store in (cache, caches["kept"]):
        store.clear()
    forget_headers()
    yield
    for store in (cache, caches["kept"]):
        store.clear()
    forget_headers()


@pytest.fixture(autouse=True)
def _every_kept_part_is_what_a_fresh_render_gives(request, monkeypatch):
    """Wherever a test is served a page part kept in the cache or in memory (``profiles.kept``:
    a step, the quick check, the page header), the same part is rendered afresh beside it and
    must be the same, byte for byte: every flow of the suite checks that a kept part's key
    holds everything it shows. (Not for the tests of the kept parts themselves, which look at
    what was rendered and what was not.)"""
    if request.node.get_closest_marker("kept_as_served"):
        yield
        return
    original = portal.render_kept

    def compared(context, template_name, key, **options):
        served = original(context, template_name, key, **options)
        if key is not None:
            fresh = original(context, template_name, None, **options)
            assert str(served) == str(fresh), f"kept {template_name} is not a fresh render"
        return served

    monkeypatch.setattr(portal, "render_kept", compared)
    original_header = portal.render_header

    def compared_header(context):
        served = original_header(context)
        fresh = context.template.engine.get_template("_header.html").render(context)
        assert str(served) == str(fresh), "the header kept in memory is not a fresh render"
        return served

    monkeypatch.setattr(portal, "render_header", compared_header)
    yield
