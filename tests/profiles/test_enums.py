"""The facts' choices live in the leaf ``profiles.enums``; the language tests are the engine's."""

from eligibility.rules.language import ACCEPTED_TESTS
from profiles.enums import TEST_CHOICES
from profiles.models import LanguageTest


def test_a_language_test_row_offers_the_engines_tests_from_the_enums_leaf():
    field = LanguageTest._meta.get_field("test")
    assert field.choices == TEST_CHOICES
    assert [key for key, _label in TEST_CHOICES] == list(ACCEPTED_TESTS)
