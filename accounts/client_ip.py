"""The address a request came from, the same for login throttling and rate limits.

Behind the front proxy (``DJANGO_BEHIND_PROXY=1``) every request arrives from the proxy, so the
person's address is the last one the proxy appended to ``X-Forwarded-For``; anything before it
was sent by the client and cannot be trusted. Otherwise it is ``REMOTE_ADDR``.
"""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    if settings.SECURE_PROXY_SSL_HEADER:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-1]
    return request.META.get("REMOTE_ADDR", "") or "unknown"
