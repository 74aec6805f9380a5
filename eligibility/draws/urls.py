"""The rounds page, mounted at ``/case/rounds/`` by the root URLconf (its public address since
it was first published), which also gives it the applicant's score (``score_of``)."""

from django.urls import path

from eligibility.draws import views

app_name = "draws"

urlpatterns = [
    path("", views.rounds, name="rounds"),
    path("chart.svg", views.rounds_chart, name="rounds_chart"),
]
