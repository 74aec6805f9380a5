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
