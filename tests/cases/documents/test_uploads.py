"""Uploads: PDF, JPG, PNG only, judged by content; at most 4 MB; served only to the owner
and their consultant."""

import stat
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from cases.documents.services import document_delete_upload, document_upload
from cases.documents.uploads import MAX_BYTES, MAX_PIXELS, check_upload
from cases.enums import DocumentStatus
from cases.errors import UploadRefused
from cases.models import Upload
from tests.cases.factories import DocumentItemFactory, as_applicant
from tests.cases.samples import JPG, PDF, PNG, pdf_of_size, png_declaring, upload

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


@pytest.mark.parametrize(("name", "content", "mime"), [
    ("letter.pdf", PDF, "application/pdf"),
    ("photo.PNG", PNG, "image/png"),
    ("scan.jpeg", JPG, "image/jpeg"),
    ("scan.jpg", JPG, "image/jpeg"),
])
def test_pdf_jpg_and_png_are_accepted(name, content, mime):
    assert check_upload(upload(name, content)).mime == mime


def test_an_executable_named_pdf_is_refused():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("letter.pdf", EXE))
    assert "not a PDF, JPG or PNG" in refused.value.message


def test_a_text_file_named_pdf_is_refused():
    with pytest.raises(UploadRefused):
        check_upload(upload("letter.pdf", b"Dear officer, this is not a PDF at all."))


def test_a_png_named_pdf_is_refused_as_mislabelled():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("letter.pdf", PNG))
    assert "ends in .pdf but it contains a PNG file" in refused.value.message


def test_a_file_of_exactly_4_mb_is_accepted():
    content = pdf_of_size(MAX_BYTES)
    assert check_upload(upload("big.pdf", content)).extension == "pdf"


def test_a_file_over_4_mb_is_refused():
    content = PDF + b"0" * (MAX_BYTES - len(PDF) + 1)
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("big.pdf", content))
    assert "IRCC accepts files of 4 MB at most" in refused.value.message


def test_an_empty_file_is_refused():
    with pytest.raises(UploadRefused):
        check_upload(upload("empty.pdf", b""))


def test_a_stored_file_lives_under_media_root_with_a_random_name(private_media):
    item = DocumentItemFactory()
    stored = document_upload(
        access=as_applicant(item.case), item=item, file=upload("../../etc/passwd.pdf", PDF)
    )
    path = stored.file.path
    assert path.startswith(str(private_media))
    assert "passwd" not in path
    assert stored.original_name == "passwd.pdf"
    item.refresh_from_db()
    assert item.status == DocumentStatus.UPLOADED


# ----- through the pages (``item`` and ``stored`` come from conftest) -------------------------


def post_file(client, item, name, content, **headers):
    url = reverse("cases:upload", args=[item.case_id, item.pk])
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, **headers)


def test_owner_uploads_a_pdf(owner_client, item):
    response = post_file(owner_client, item, "letter.pdf", PDF)
    assert response.status_code == 302
    assert Upload.objects.filter(item=item).count() == 1


def test_an_upload_that_lies_about_its_type_is_refused_on_the_page(owner_client, item):
    response = post_file(owner_client, item, "letter.pdf", EXE)
    assert response.status_code == 200
    assert "not a PDF, JPG or PNG" in response.content.decode()
    assert not Upload.objects.exists()


def test_an_upload_over_4_mb_is_refused_on_the_page(owner_client, item):
    response = post_file(owner_client, item, "big.pdf", PDF + b"0" * MAX_BYTES)
    assert "4 MB at most" in response.content.decode()
    assert not Upload.objects.exists()


def test_an_htmx_upload_returns_only_the_item(owner_client, item):
    response = post_file(owner_client, item, "letter.pdf", PDF, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.lstrip().startswith(f'<li id="item-{item.pk}"')
    assert "letter.pdf" in body


def test_an_outsider_cannot_upload_to_another_persons_item(outsider_client, item):
    assert post_file(outsider_client, item, "letter.pdf", PDF).status_code == 404
    assert not Upload.objects.exists()


def file_url(stored):
    return reverse("cases:file", args=[stored.item.case_id, stored.pk])


def test_owner_downloads_their_file(owner_client, stored):
    response = owner_client.get(file_url(stored))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]


def test_consultant_downloads_their_clients_file(consultant_client, stored):
    response = consultant_client.get(file_url(stored))
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="letter.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_another_users_file_url_is_404(outsider_client, stored):
    assert outsider_client.get(file_url(stored)).status_code == 404


def test_a_file_url_under_another_case_is_404(owner_client, stored, db):
    other = DocumentItemFactory()
    url = reverse("cases:file", args=[other.case_id, stored.pk])
    assert owner_client.get(url).status_code == 404


def test_anonymous_file_url_redirects_to_log_in(client, stored):
    response = client.get(file_url(stored))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_there_is_no_public_media_url(client, stored):
    assert client.get("/media/" + stored.file.name).status_code == 404
    assert client.get("/private_media/" + stored.file.name).status_code == 404


def test_owner_deletes_an_upload_and_the_item_is_missing_again(owner_client, stored):
    url = reverse("cases:file_delete", args=[stored.item.case_id, stored.pk])
    owner_client.post(url)
    stored.item.refresh_from_db()
    assert stored.item.status == DocumentStatus.MISSING
    assert not Upload.objects.exists()


def test_an_outsider_cannot_delete_an_upload(outsider_client, stored):
    url = reverse("cases:file_delete", args=[stored.item.case_id, stored.pk])
    assert outsider_client.post(url).status_code == 404
    assert Upload.objects.exists()


def test_an_accepted_document_takes_no_new_upload(owner_client, consultant_client, stored):
    accept(stored, consultant_client)
    url = reverse("cases:upload", args=[stored.item.case_id, stored.item.pk])
    response = owner_client.post(url, {"file": SimpleUploadedFile("b.pdf", PDF)}, follow=True)
    assert "accepted by your consultant" in response.content.decode()
    assert Upload.objects.filter(item=stored.item).count() == 1
    stored.item.refresh_from_db()
    assert stored.item.status == DocumentStatus.ACCEPTED


def accept(stored, consultant_client):
    url = reverse("cases:review", args=[stored.item.case_id, stored.item.pk])
    consultant_client.post(url, {"status": "accepted"})


def test_an_accepted_document_cannot_be_deleted(owner_client, consultant_client, stored):
    accept(stored, consultant_client)
    url = reverse("cases:file_delete", args=[stored.item.case_id, stored.pk])
    response = owner_client.post(url, follow=True)
    assert "An accepted document cannot be deleted" in response.content.decode()
    assert Upload.objects.filter(pk=stored.pk).exists()


def test_the_upload_service_refuses_an_item_of_another_case(case):
    other = DocumentItemFactory()
    with pytest.raises(ValueError, match="is not on case"):
        document_upload(access=as_applicant(case), item=other, file=upload("a.pdf", PDF))
    assert not Upload.objects.exists()


def test_the_delete_service_refuses_a_file_of_another_case(case, stored):
    elsewhere = DocumentItemFactory()
    with pytest.raises(ValueError, match="is not on case"):
        document_delete_upload(access=as_applicant(elsewhere.case), upload=stored)
    assert Upload.objects.filter(pk=stored.pk).exists()


def test_a_refusal_is_a_case_error_about_the_file_field():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("empty.pdf", b""))
    assert refused.value.field == "file"
    assert refused.value.message == "This file is empty."


def test_a_file_that_only_starts_like_a_pdf_is_refused_as_damaged():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("letter.pdf", b"%PDF-1.4\n" + b"junk" * 100))
    assert "cannot be opened" in refused.value.message


def test_a_truncated_png_is_refused_as_damaged():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("photo.png", PNG[: len(PNG) // 2]))
    assert "cannot be opened" in refused.value.message


# ----- decoded, not just checked ------------------------------------------------------------


def test_a_png_declaring_20000_by_5000_pixels_with_one_row_is_refused():
    content = png_declaring(20_000, 5_000)
    assert len(content) < MAX_BYTES
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("scan.png", content))
    assert "more than 40 million pixels" in refused.value.message


def test_an_image_just_over_the_pixel_limit_is_refused_before_it_is_decoded():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("scan.png", png_declaring(MAX_PIXELS // 1000 + 1, 1000)))
    assert "more than 40 million pixels" in refused.value.message


def test_a_png_whose_rows_stop_short_is_refused_as_damaged():
    with pytest.raises(UploadRefused) as refused:
        check_upload(upload("scan.png", png_declaring(200, 100, rows=1)))
    assert "cannot be opened" in refused.value.message


def test_a_png_with_every_row_is_accepted():
    assert check_upload(upload("scan.png", png_declaring(200, 100, rows=100))).mime == "image/png"


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "P", "1"])
@pytest.mark.parametrize("interlace", [False, True])
def test_real_pngs_of_every_colour_type_are_accepted(mode, interlace):
    buffer = BytesIO()
    Image.new(mode, (37, 23)).save(buffer, format="PNG", interlace=interlace)
    assert check_upload(upload("scan.png", buffer.getvalue())).mime == "image/png"


def test_a_stored_file_is_readable_by_the_service_user_only(private_media):
    item = DocumentItemFactory()
    stored = document_upload(access=as_applicant(item.case), item=item, file=upload("a.pdf", PDF))
    path = Path(stored.file.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
