from django.urls import path

from consultants import views

app_name = "consultants"

urlpatterns = [
    path("", views.my_work_page, name="my_work"),
]
