"""Reading the NOC files (pure: no database)."""

import io

import pytest

from eligibility.noc.importer import (
    NocSourceError,
    SourceFile,
    build_catalogue,
    clean_duties,
    load_sources,
    looks_like_heading,
)
from tests.noc.conftest import ELEMENTS_NAME, SAMPLE, STRUCTURE_NAME


def _sample(name: str) -> SourceFile:
    return SourceFile(name=name, data=(SAMPLE / name).read_bytes())


def _catalogue():
    return build_catalogue(_sample("structure.csv"), _sample("elements.csv"))


def test_it_reads_every_class_and_unit_group():
    catalogue = _catalogue()
    assert [c.code for c in catalogue.classes] == [
        "2", "6", "21", "63", "212", "632", "2123", "6320",
    ]  # fmt: skip
    assert [u.code for u in catalogue.unit_groups] == ["21231", "21232", "63200"]


def test_teer_is_the_second_digit():
    assert [u.teer for u in _catalogue().unit_groups] == [1, 1, 3]


def test_the_duties_preamble_is_not_a_duty():
    duties = _catalogue().unit_groups[0].duties
    assert duties[0].text == "Gather what users need and write it down as specifications"


def test_sub_occupation_headings_are_marked():
    cooks = _catalogue().unit_groups[2]
    assert [d.text for d in cooks.duties if d.is_heading] == [
        "Restaurant cooks",
        "Institutional cooks",
    ]


def test_optional_element_types_are_kept_when_present_and_empty_when_absent():
    engineers, developers, _ = _catalogue().unit_groups
    assert engineers.exclusions == "Web designers (in another unit group)"
    assert developers.exclusions == ""
    assert developers.employment_requirements == ""


def test_example_titles_keep_their_accents():
    cooks = _catalogue().unit_groups[2]
    assert "Sous-chef pâtissier" in [e.title for e in cooks.examples]


def test_repeated_duties_are_kept_once():
    duties = clean_duties(["Cook meals", "Cook meals", "Clean up."])
    assert [d.text for d in duties] == ["Cook meals", "Clean up."]


@pytest.mark.parametrize(
    "text",
    ["General duty registered nurses", "Deck crew - water transport", "Locksmiths"],
)
def test_occupation_names_look_like_headings(text):
    assert looks_like_heading(text)


@pytest.mark.parametrize(
    "text",
    [
        "Requisition materials and supplies",
        "Hire and train workers",
        "Administer medications as prescribed by physicians.",
        "Supervise other workers",
    ],
)
def test_duties_do_not_look_like_headings(text):
    assert not looks_like_heading(text)


def test_a_folder_gives_both_files(sample_dir):
    structure, elements = load_sources([str(sample_dir)])
    assert structure.name.endswith(STRUCTURE_NAME)
    assert elements.name.endswith(ELEMENTS_NAME)


def test_two_paths_are_accepted_in_either_order(sample_dir):
    structure, elements = load_sources(
        [str(sample_dir / ELEMENTS_NAME), str(sample_dir / STRUCTURE_NAME)]
    )
    assert structure.name.endswith(STRUCTURE_NAME)
    assert elements.name.endswith(ELEMENTS_NAME)


def test_a_folder_without_the_files_is_refused(tmp_path):
    with pytest.raises(NocSourceError, match="expected exactly one file"):
        load_sources([str(tmp_path)])


def test_wrong_columns_are_refused_naming_the_missing_column():
    bad = SourceFile("structure.csv", b"Level,Code,Title\n1,2,Sciences\n")
    with pytest.raises(NocSourceError, match="missing 'Hierarchical structure'"):
        build_catalogue(bad, _sample("elements.csv"))


def test_a_file_that_is_not_utf8_is_refused():
    latin1 = (SAMPLE / "elements.csv").read_text(encoding="utf-8-sig").encode("latin-1")
    with pytest.raises(NocSourceError, match="not UTF-8"):
        build_catalogue(_sample("structure.csv"), SourceFile("elements.csv", latin1))


def test_a_code_that_lost_its_leading_zero_is_refused():
    text = (SAMPLE / "structure.csv").read_text(encoding="utf-8-sig")
    bad = text.replace("5,Unit Group,21231", "5,Unit Group,2123")
    with pytest.raises(NocSourceError, match=r"line \d+: code '2123' is not a 5-digit code"):
        build_catalogue(SourceFile("structure.csv", bad.encode()), _sample("elements.csv"))


def test_elements_of_an_unknown_unit_group_are_refused():
    text = (SAMPLE / "elements.csv").read_text(encoding="utf-8-sig")
    bad = text + "5,99999,Nobody,Main duties,Do nothing\n"
    with pytest.raises(NocSourceError, match="unit group 99999 is not in the classification"):
        build_catalogue(_sample("structure.csv"), SourceFile("elements.csv", bad.encode()))


def test_two_urls_are_downloaded(monkeypatch):
    files = {
        "https://example.test/structure.csv": (SAMPLE / "structure.csv").read_bytes(),
        "https://example.test/elements.csv": (SAMPLE / "elements.csv").read_bytes(),
    }

    class Response(io.BytesIO):
        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(
        "urllib.request.urlopen", lambda url, timeout: Response(files[url])
    )
    structure, elements = load_sources(list(files))
    assert structure.name == "https://example.test/structure.csv"
    assert len(build_catalogue(structure, elements).unit_groups) == 3


def test_a_url_that_cannot_be_downloaded_is_refused(monkeypatch):
    def fail(url, timeout):
        raise OSError("no route to host")

    monkeypatch.setattr("urllib.request.urlopen", fail)
    with pytest.raises(NocSourceError, match="cannot be downloaded"):
        load_sources(["https://example.test/a.csv", "https://example.test/b.csv"])
