from django.test import RequestFactory

from accounts.client_ip import client_ip


def request(**meta):
    return RequestFactory().get("/", **meta)


def test_the_connection_address_when_not_behind_a_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.2.3.4")) == (
        "203.0.113.7"
    )


def test_the_last_forwarded_address_behind_the_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    forged_then_real = request(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")
    assert client_ip(forged_then_real) == "198.51.100.9"


def test_no_valid_address_is_none(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client_ip(request(REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="not-an-address")) is None
    settings.SECURE_PROXY_SSL_HEADER = None
    assert client_ip(request(REMOTE_ADDR="unknown")) is None
