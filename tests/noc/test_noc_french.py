"""The NOC in French: French unit-group and example titles imported beside the English ones and
shown when French is active; the lead statement and duties (English only) marked lang="en";
round names as IRCC words them in French where known."""

import json

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from eligibility.draws.rounds import FRENCH_ROUND_NAMES, round_name_in
from eligibility.models import UnitGroup
from eligibility.noc.importer import NocSourceError, SourceFile, parse_french_titles
from tests.factories import ApplicantFactory
from tests.noc.conftest import SHARED_NOC, import_noc

FRENCH_NAME = "noc_2021_example_titles_bilingual.json"
# Synthetic French titles for the sample's unit groups (the real ones are in ../shared).
SAMPLE_FRENCH = [
    {"category_code": "21231", "category_EN": "Software engineers and designers",
     "occupations_EN": ["Software engineer"],
     "category_FR": "Ingénieurs/ingénieures en logiciel (essai)",
     "occupations_FR": ["Ingénieur/ingénieure logiciel (essai)", "Architecte logiciel (essai)"]},
    {"category_code": "63200", "category_EN": "Cooks", "occupations_EN": ["Cook"],
     "category_FR": "Cuisiniers/cuisinières (essai)", "occupations_FR": ["Commis (essai)"]},
]


@pytest.fixture
def french_sample(db, sample_dir):
    (sample_dir / FRENCH_NAME).write_text(json.dumps(SAMPLE_FRENCH), encoding="utf-8")
    import_noc(sample_dir)
    return sample_dir


def in_french(client, url):
    return client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()


def test_the_import_stores_the_french_titles_beside_the_english(french_sample):
    engineers = UnitGroup.objects.get(code="21231")
    assert engineers.title == "Software engineers and designers"
    assert engineers.title_fr == "Ingénieurs/ingénieures en logiciel (essai)"
    assert engineers.example_titles_fr.splitlines() == [
        "Ingénieur/ingénieure logiciel (essai)", "Architecte logiciel (essai)",
    ]


def test_a_unit_group_the_french_file_lacks_stays_english_only(french_sample):
    assert UnitGroup.objects.get(code="21232").title_fr == ""


def test_without_a_french_file_the_import_leaves_french_titles_empty(db, sample_dir):
    import_noc(sample_dir)
    assert set(UnitGroup.objects.values_list("title_fr", flat=True)) == {""}


def test_adding_the_french_file_later_updates_the_catalogue(db, sample_dir):
    import_noc(sample_dir)
    (sample_dir / FRENCH_NAME).write_text(json.dumps(SAMPLE_FRENCH), encoding="utf-8")
    import_noc(sample_dir)
    assert UnitGroup.objects.get(code="63200").title_fr == "Cuisiniers/cuisinières (essai)"


@pytest.mark.parametrize("content", [b"not json", b'{"a": 1}', b'[{"category_code": "12"}]'])
def test_a_broken_french_file_is_refused_with_its_name(content):
    with pytest.raises(NocSourceError, match="bilingual.json"):
        parse_french_titles(SourceFile("bilingual.json", content))


def test_the_unit_group_page_in_french_shows_the_french_titles(client, french_sample):
    page = in_french(client, reverse("noc:unit_group", args=["21231"]))
    assert "<title>21231 Ingénieurs/ingénieures en logiciel (essai)" in page
    assert "<li>Architecte logiciel (essai)</li>" in page
    assert "Software engineers and designers" not in page


def test_the_lead_statement_and_duties_are_marked_english(client, french_sample):
    page = in_french(client, reverse("noc:unit_group", args=["21231"]))
    assert '<p class="lead-statement" lang="en">' in page
    assert '<div lang="en" class="main-duties-text">' in page


def test_the_unit_group_page_in_english_is_unchanged(client, french_sample):
    page = client.get(reverse("noc:unit_group", args=["21231"])).content.decode()
    assert "Software engineers and designers" in page
    assert "(essai)" not in page


def test_the_catalogue_search_in_french_shows_french_titles(client, french_sample):
    page = in_french(client, reverse("noc:catalogue") + "?q=cook")
    assert "Cuisiniers/cuisinières (essai)" in page


def test_the_questionnaire_search_in_french_shows_french_titles(client, french_sample):
    client.force_login(ApplicantFactory(user__language="fr").user)
    page = client.get(reverse("noc:search"), {"q": "software"}).content.decode()
    assert "Ingénieurs/ingénieures en logiciel (essai)" in page
    assert "Software developers and programmers" in page  # no French title in the sample


@pytest.mark.django_db
def test_the_shared_data_gives_statistics_canadas_french_titles(full_catalogue):
    assert (SHARED_NOC / FRENCH_NAME).exists()
    assert UnitGroup.objects.get(code="63200").title_fr == "Cuisiniers/cuisinières"
    assert UnitGroup.objects.exclude(title_fr="").count() == 516


def test_round_names_are_irccs_french_where_known():
    assert round_name_in("Canadian Experience Class", "fr") == (
        "Catégorie de l'expérience canadienne"
    )
    assert round_name_in("Canadian Experience Class", "en") == "Canadian Experience Class"
    assert round_name_in("A round named later", "fr") == "A round named later"


def test_the_round_name_filter_follows_the_active_language():
    template = Template("{% load portal %}{{ name|round_name }}")
    with translation.override("fr"):
        said = template.render(Context({"name": "Provincial Nominee Program"}))
    assert said == FRENCH_ROUND_NAMES["Provincial Nominee Program"]


def test_search_finds_a_unit_group_by_its_french_title(french_sample):
    from eligibility.noc.search import unit_groups_search

    best = unit_groups_search("cuisinieres")[0]
    assert (best.code, best.via_example) == ("63200", False)


def test_search_finds_a_unit_group_by_a_french_example_title_and_says_its_language(
    french_sample,
):
    from eligibility.noc.search import unit_groups_search

    (hit,) = unit_groups_search("architecte logiciel")
    assert hit.code == "21231"
    assert (hit.matched, hit.matched_lang) == ("Architecte logiciel (essai)", "fr")


def test_a_title_with_no_french_is_marked_english_on_a_french_results_page(client, french_sample):
    client.force_login(ApplicantFactory(user__language="fr").user)
    html = client.get(reverse("noc:search"), {"q": "software"}).content.decode()
    assert '<span lang="fr">Ingénieurs/ingénieures en logiciel (essai)</span>' in html
    assert '<span lang="en">Software developers and programmers</span>' in html
