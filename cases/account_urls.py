from django.urls import path

from cases import account_views

urlpatterns = [
    path("", account_views.my_data, name="my_data"),
    path("export/", account_views.my_data_export, name="my_data_export"),
    path("delete/", account_views.account_delete_view, name="account_delete"),
]
