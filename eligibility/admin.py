"""Staff editing of the NOC catalogue (the ``NOC editor`` role), with full history.

django-simple-history records every save with who and when; its history page per record shows
what changed and can revert to an earlier version. Reverting a unit group also brings back its
main duties and example titles as they were in that version. Any save through the admin marks
the record as edited by staff, so that the next ``import_noc`` leaves it alone.
"""

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from eligibility.models import ExampleTitle, MainDuty, NocClass, NocLevel, UnitGroup
from eligibility.noc.selectors import unit_group_admin_search, unit_group_child_history
from eligibility.noc.services import (
    noc_class_mark_edited,
    unit_group_mark_edited,
    unit_group_restore_children,
)


class MajorGroupFilter(admin.SimpleListFilter):
    title = _("major group")
    parameter_name = "major"

    def lookups(self, request, model_admin):
        return [
            (c.code, f"{c.code} {c.title}")
            for c in NocClass.objects.filter(level=NocLevel.MAJOR_GROUP).only("code", "title")
        ]

    def queryset(self, request, queryset):
        # A unit group's first two digits are its major group.
        if self.value():
            return queryset.filter(code__startswith=self.value())
        return queryset


class MainDutyInline(admin.TabularInline):
    model = MainDuty
    extra = 0
    fields = ("position", "text", "is_heading")
    ordering = ("position", "id")
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 90})},
        models.PositiveSmallIntegerField: {"widget": forms.NumberInput(attrs={"size": 3})},
    }


class ExampleTitleInline(admin.TabularInline):
    model = ExampleTitle
    extra = 0
    fields = ("title", "illustrative")
    classes = ("collapse",)


@admin.register(UnitGroup)
class UnitGroupAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "teer_number", "major_group", "staff_edited")
    list_display_links = ("code", "title")
    list_filter = ("teer", MajorGroupFilter, "staff_edited")
    # Search goes through the folded search columns (accent- and case-insensitive, example
    # titles included); see get_search_results.
    search_fields = ("code", "title", "example_titles__title")
    search_help_text = _("Code, words of the title or of an example title.")
    list_select_related = ("minor_group",)
    readonly_fields = ("code", "teer", "minor_group", "staff_edited")
    fieldsets = (
        (None, {"fields": (("code", "teer"), "title", "minor_group", "lead_statement")}),
        (
            _("More from the NOC"),
            {
                "classes": ("collapse",),
                "fields": (
                    "employment_requirements", "inclusions", "exclusions",
                    "additional_information",
                ),
            },
        ),
        (_("Import"), {"fields": ("staff_edited",)}),
    )
    inlines = (MainDutyInline, ExampleTitleInline)
    object_history_template = "eligibility/admin/unitgroup_history.html"

    @admin.display(description=_("TEER"), ordering="teer")
    def teer_number(self, obj: UnitGroup) -> int:
        return obj.teer

    @admin.display(description=_("major group"), ordering="code")
    def major_group(self, obj: UnitGroup) -> str:
        return obj.code[:2]

    def get_search_results(self, request, queryset, search_term):
        if not search_term.strip():
            return queryset, False
        return unit_group_admin_search(queryset=queryset, query=search_term), False

    def history_view(self, request, object_id, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "child_history": unit_group_child_history(unit_group_id=object_id),
        }
        return super().history_view(request, object_id, extra_context=extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # Remember which version is being restored so save_model can restore the children.
        request.noc_restore_version = int(version_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        version_id = getattr(request, "noc_restore_version", None)
        if version_id is not None:
            unit_group_restore_children(
                unit_group=obj, version_id=version_id, user=request.user
            )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        unit_group_mark_edited(unit_group=form.instance)


@admin.register(NocClass)
class NocClassAdmin(SimpleHistoryAdmin):
    list_display = ("code", "title", "level", "staff_edited")
    list_filter = ("level",)
    search_fields = ("code", "title")
    readonly_fields = ("code", "level", "parent", "staff_edited")
    fields = ("code", "level", "parent", "title", "definition", "staff_edited")

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        noc_class_mark_edited(noc_class=obj)
