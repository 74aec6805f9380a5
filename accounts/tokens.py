from django.contrib.auth.tokens import PasswordResetTokenGenerator


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """A link that activates a new account once: it stops working when the account is active
    (or its password changes), and after ``PASSWORD_RESET_TIMEOUT``."""

    key_salt = "accounts.tokens.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp: int) -> str:
        return f"{user.pk}{user.password}{user.is_active}{timestamp}{user.email}"


activation_token = ActivationTokenGenerator()
