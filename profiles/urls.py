from django.urls import path

from profiles import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/sign-up/", views.sign_up, name="sign_up"),
    path("dashboard/", views.dashboard, name="dashboard"),
]
