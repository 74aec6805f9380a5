from django import forms
from django.contrib.auth.forms import BaseUserCreationForm, PasswordResetForm
from django.utils.translation import gettext_lazy as _

from accounts.mail import send_later
from profiles.models import User


class SignUpForm(BaseUserCreationForm):
    """Email and password; Django's validators judge the password. Whether the address already
    has an account is never said here (accounts.services.sign_up_requested emails its owner)."""

    class Meta:
        model = User
        fields = ("email",)
        labels = {"email": _("Email address")}

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self) -> None:
        # "An account with this address exists" would tell anyone who has an account.
        return None


class DeferredPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending its email off the request path (accounts.mail), so the
    answer takes the same time whether or not the address has an account."""

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email,
        html_email_template_name=None,
    ) -> None:
        # The job is JSON: the user travels as their key (the token is made here, now).
        # In the account's language, whatever language the reset was asked in.
        send_later(
            "password_reset",
            language=context["user"].language,
            user_pk=context["user"].pk,
            context={name: value for name, value in context.items() if name != "user"},
            subject_template_name=subject_template_name,
            email_template_name=email_template_name,
            from_email=from_email,
            to_email=to_email,
            html_email_template_name=html_email_template_name,
        )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_("The 6-digit code your authenticator app shows, or one of your backup codes."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class SetupCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=10,
        help_text=_("Enter the 6-digit code the app shows now."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )
