from django.db import models


class RequestCount(models.Model):
    """How many requests one key (an address, an email digest) made in one window of a scope
    (sign-up, password reset…). Kept in the database so every worker shares the count."""

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "key", "window_start"], name="request_count_once_per_window"
            )
        ]
        indexes = [models.Index(fields=["scope", "window_start"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


class SentEmail(models.Model):
    """The key of every email job sent (accounts.mail): written in the same transaction as
    the send, so a job run again — a retry, a redelivered task — finds it and sends nothing."""

    key = models.CharField(max_length=64, unique=True)
    sender = models.CharField(max_length=40)
    sent_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.sender} {self.key}"
