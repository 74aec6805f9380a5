"""The re-evaluation runs (profiles.reevaluation), read-only: when the last one ran, why, and
how far it got."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from profiles.models import ReevaluationRun
from profiles.reevaluation import reevaluation_progress


@admin.register(ReevaluationRun)
class ReevaluationRunAdmin(admin.ModelAdmin):
    list_display = ("started_at", "reason", "total", "progress", "finished_at", "rules_version")
    list_filter = ("reason",)
    ordering = ("-started_at",)
    readonly_fields = (
        "reason", "rules_version", "evaluated_on", "total", "started_at", "finished_at",
        "progress",
    )

    @admin.display(description=_("progress"))
    def progress(self, run: ReevaluationRun) -> str:
        summary = reevaluation_progress(run)
        return ngettext(
            "%(done)s of %(total)s re-evaluated, %(changed)s verdict changed",
            "%(done)s of %(total)s re-evaluated, %(changed)s verdicts changed",
            summary.verdicts_changed,
        ) % {"done": summary.evaluated, "total": run.total, "changed": summary.verdicts_changed}

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
