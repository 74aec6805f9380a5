"""Response headers every page carries."""

from django.conf import settings

from cec_portal import logs


class PermissionsPolicyMiddleware:
    """Turn off browser features no page uses (camera, microphone, location…)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class NoStoreWhenSignedInMiddleware:
    """A page shown to a signed-in person is theirs: no browser or proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "private, no-store"
        return response


class RequestIdMiddleware:
    """Give the request an id (cec_portal.logs) for its log lines and the tasks it queues, and
    send it back; name the app server in X-Served-By where CEC_SERVER_NAME is set (tests)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = logs.new_request_id(request.headers.get("X-Request-ID"))
        token = logs.request_id.set(rid)
        try:
            response = self.get_response(request)
        finally:
            logs.request_id.reset(token)
        response["X-Request-ID"] = rid
        if settings.CEC_SERVER_NAME:
            response["X-Served-By"] = settings.CEC_SERVER_NAME
        return response
