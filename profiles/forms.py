from django import forms
from django.contrib.auth.forms import BaseUserCreationForm
from django.utils.translation import gettext_lazy as _

from profiles.models import User


class SignUpForm(BaseUserCreationForm):
    """Email and password; Django's validators judge the password."""

    class Meta:
        model = User
        fields = ("email",)
        labels = {"email": _("Email address")}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(
                _("An account with this email address already exists. Log in instead.")
            )
        return email
