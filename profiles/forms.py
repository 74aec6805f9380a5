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


class DeleteAccountForm(forms.Form):
    """The person's password, to confirm that they mean to delete their account."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Deleting cannot be undone: download your data first if you want a copy."),
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("This is not your password; nothing was deleted."), code="wrong_password"
            )
        return password
