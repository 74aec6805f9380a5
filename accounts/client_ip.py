"""The address a request came from, the same for login throttling and rate limits.

Behind the front proxy (``DJANGO_BEHIND_PROXY=1``) every request arrives from the proxy, so the
person's address is the last one the proxy appended to ``X-Forwarded-For``; anything before it
was sent by the client and cannot be trusted. Otherwise it is ``REMOTE_ADDR``. None when the
request carries no valid address (the login log stores an address as an IP, not as text).
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def _valid(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    if settings.SECURE_PROXY_SSL_HEADER:
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if hops[-1].strip() and (address := _valid(hops[-1])):
            return address
    return _valid(request.META.get("REMOTE_ADDR", "") or "")
