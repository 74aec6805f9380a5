from django.urls import include, path

from profiles import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz/", views.health, name="health"),
    path("result/", views.result, name="result"),
    path("questionnaire/", include("profiles.questionnaire.urls")),
]
