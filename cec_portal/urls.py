from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from cases import views as case_views
from cec_portal import health
from profiles.evaluation import crs_of_user

admin.site.site_header = _("CEC Portal administration")
admin.site.site_title = _("CEC Portal")

urlpatterns = [
    path("health/live/", health.live, name="health_live"),
    path("health/ready/", health.ready, name="health_ready"),
    path("admin/", admin.site.urls),
    path("accounts/", include("accounts.urls")),
    # The applicant's own data (an archive of it, and deleting the account).
    path("accounts/my-data/", include("cases.account_urls")),
    path("noc/", include("eligibility.urls")),
    # The rounds are eligibility's reference data; the page shows an applicant's score against
    # them, which eligibility cannot compute (it imports no app above it), so it is given here.
    path("case/rounds/", include("eligibility.draws.urls"), {"score_of": crs_of_user}),
    path("case/", include("cases.urls")),
    # The consultant's day across their clients.
    path("my-work/", include("consultants.urls")),
    # The applicant's home: their verdict, questionnaire progress and case, so it sits above both.
    path("dashboard/", case_views.dashboard, name="dashboard"),
    path("", include("profiles.urls")),
]
