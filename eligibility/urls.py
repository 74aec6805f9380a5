from django.urls import path

from eligibility import views

app_name = "noc"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("search/", views.search, name="search"),
    path("<str:code>/", views.unit_group, name="unit_group"),
]
