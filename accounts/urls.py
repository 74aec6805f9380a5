from django.contrib.auth import views as auth_views
from django.urls import path

from accounts import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password_change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("language/", views.language_choose, name="set_language"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("quick-check/", views.quick_check, name="quick_check"),
    path("sign-up/sent/", views.sign_up_done, name="sign_up_done"),
    path("activate/<uidb64>/<token>/", views.activate, name="activate"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/backup-codes/", views.backup_codes, name="two_factor_backup_codes"),
    path("two-factor/off/", views.two_factor_off, name="two_factor_off"),
]
