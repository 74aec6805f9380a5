from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from profiles.models import Applicant, Education, Job, LanguageTest, Spouse, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),
    )


class SpouseInline(admin.StackedInline):
    model = Spouse
    extra = 0


class EducationInline(admin.TabularInline):
    model = Education
    extra = 0
    fields = ("person", "level", "canadian", "institution", "eca_organisation", "eca_number",
              "eca_date")


class LanguageTestInline(admin.TabularInline):
    model = LanguageTest
    extra = 0
    fields = ("person", "test", "taken_on", "listening", "reading", "writing", "speaking",
              "registration_number")


class JobInline(admin.StackedInline):
    model = Job
    extra = 0
    fieldsets = (
        (None, {"fields": ("person", ("employer", "title"), ("noc", "country", "province"),
                           ("start", "end", "hours_per_week"))}),
        (_("Does it count?"), {"fields": (("paid", "self_employed", "full_time_student"),
                                          ("authorized", "permit_type"),
                                          "physician_fee_for_service")}),
        (_("Duties"), {"fields": ("duties",)}),
    )


@admin.register(Applicant)
class ApplicantAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "email", "birth_date", "marital_status", "intended_province",
                    "consultant", "updated_at")
    list_filter = ("marital_status", "intended_province", "consultant")
    search_fields = ("user__email", "user__first_name", "user__last_name")
    list_select_related = ("user", "consultant")
    autocomplete_fields = ("user",)
    inlines = (SpouseInline, EducationInline, LanguageTestInline, JobInline)
    readonly_fields = ("created_at", "updated_at")

    @admin.display(description=_("email"), ordering="user__email")
    def email(self, obj: Applicant) -> str:
        return obj.user.email
