from django.contrib.admin.apps import AdminConfig


class PortalAdminConfig(AdminConfig):
    """The Django admin, on a site that also asks staff for their second factor."""

    default_site = "cec_portal.admin_site.PortalAdminSite"
