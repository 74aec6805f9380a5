from django.urls import path

from profiles.questionnaire import views

app_name = "questionnaire"
urlpatterns = [
    path("", views.start, name="start"),
    path("<slug:slug>/", views.step_view, name="step"),
    path("<slug:slug>/add/<slug:section>/", views.add_row, name="add_row"),
]
