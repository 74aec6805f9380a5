"""Documents in S3-compatible object storage (django-storages), against moto's S3 server:
stored as private objects, never linked, and downloaded only through the portal's checks."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.access import access_to
from cases.documents.services import document_upload
from cases.models import Upload
from tests import s3
from tests.cases.factories import DocumentItemFactory
from tests.cases.samples import PDF

pytestmark = pytest.mark.django_db

BUCKET = "cec-documents-test"


@pytest.fixture
def endpoint(settings, monkeypatch):
    for name, value in s3.CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    with s3.s3_server(BUCKET) as url:
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "storages.backends.s3.S3Storage",
                "OPTIONS": {
                    "bucket_name": BUCKET, "endpoint_url": url, "region_name": s3.REGION,
                    "default_acl": "private", "querystring_auth": True,
                    "file_overwrite": False,
                },
            },
        }
        yield url


@pytest.fixture
def item(case):
    return DocumentItemFactory(case=case)


def upload_through_the_page(client, item) -> Upload:
    url = reverse("cases:upload", args=[item.case_id, item.pk])
    response = client.post(url, {"file": SimpleUploadedFile("letter.pdf", PDF)})
    assert response.status_code == 302
    return Upload.objects.get(item=item)


def objects(endpoint) -> list[str]:
    listing = s3.client(endpoint).list_objects_v2(Bucket=BUCKET)
    return [entry["Key"] for entry in listing.get("Contents", [])]


def test_an_upload_is_stored_in_the_bucket(endpoint, owner_client, item):
    stored = upload_through_the_page(owner_client, item)
    assert objects(endpoint) == [stored.file.name]
    body = s3.client(endpoint).get_object(Bucket=BUCKET, Key=stored.file.name)["Body"].read()
    assert body == PDF


def test_the_stored_object_is_private(endpoint, owner_client, item):
    stored = upload_through_the_page(owner_client, item)
    acl = s3.client(endpoint).get_object_acl(Bucket=BUCKET, Key=stored.file.name)
    assert [grant["Permission"] for grant in acl["Grants"]] == ["FULL_CONTROL"]
    assert "URI" not in acl["Grants"][0]["Grantee"]  # no AllUsers / AuthenticatedUsers group


def test_the_owner_downloads_it_through_the_portal(endpoint, owner_client, item):
    stored = upload_through_the_page(owner_client, item)
    response = owner_client.get(reverse("cases:file", args=[item.case_id, stored.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF


def test_the_documents_page_never_links_to_the_bucket(endpoint, owner_client, item):
    upload_through_the_page(owner_client, item)
    page = owner_client.get(reverse("cases:documents", args=[item.case_id])).content.decode()
    assert endpoint not in page
    assert BUCKET not in page


@pytest.fixture
def stored(endpoint, item, consultant):
    return document_upload(
        access=access_to(case=item.case, user=consultant), item=item,
        file=SimpleUploadedFile("letter.pdf", PDF),
    )


def test_an_outsider_cannot_download_it(outsider_client, stored):
    url = reverse("cases:file", args=[stored.item.case_id, stored.pk])
    assert outsider_client.get(url).status_code == 404


def test_anonymous_is_sent_to_log_in(client, stored):
    response = client.get(reverse("cases:file", args=[stored.item.case_id, stored.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_deleted_upload_leaves_the_bucket(
    endpoint, owner_client, item, django_capture_on_commit_callbacks
):
    stored = upload_through_the_page(owner_client, item)
    with django_capture_on_commit_callbacks(execute=True):
        owner_client.post(reverse("cases:file_delete", args=[item.case_id, stored.pk]))
    assert objects(endpoint) == []
