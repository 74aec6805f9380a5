from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("CEC Portal administration")
admin.site.site_title = _("CEC Portal")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    path("noc/", include("eligibility.urls")),
    path("case/", include("profiles.cases.urls")),
    path("", include("profiles.urls")),
]
