"""Private consultant notes: what a consultant writes about a client, never shown to the client.

Notes are append-only in the admin (a consultant adds a note, nobody edits one) and keep their
history like every other row of client data, so the file tells who wrote what and when.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eligibility.history import HistoricalRecords


class ConsultantNote(models.Model):
    applicant = models.ForeignKey(
        "profiles.Applicant", on_delete=models.CASCADE, related_name="consultant_notes",
        verbose_name=_("client"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    history = HistoricalRecords(table_name="profiles_historicalconsultantnote")

    class Meta:
        db_table = "profiles_consultantnote"
        ordering = ["-created_at", "-id"]
        verbose_name = _("consultant note")
        verbose_name_plural = _("consultant notes")

    def __str__(self) -> str:
        return self.body[:60]
