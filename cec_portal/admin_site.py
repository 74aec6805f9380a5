from django.contrib.admin import AdminSite
from django.http import HttpRequest


class PortalAdminSite(AdminSite):
    """The admin opens only to active staff who passed their second factor in this session
    (``accounts.middleware`` sends them to set it up or give a code first)."""

    def has_permission(self, request: HttpRequest) -> bool:
        is_verified = getattr(request.user, "is_verified", None)
        return super().has_permission(request) and is_verified is not None and is_verified()
