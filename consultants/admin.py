"""The consultant and staff workspace in Django admin.

Who sees what (``consultants.scoping``): a consultant sees only the applicants
assigned to them — the list, the client page and its inlines, searches, autocompletes, actions,
exports and the audit trail all start from the same scoped queryset, and another client's URL
is a 404. A superuser sees everyone and assigns clients to consultants. A NOC editor has no
permission on client data, so the admin shows them the catalogue only; applicants are not
staff and never get past the admin's login page.
"""

from django.contrib import admin, messages
from django.contrib.admin.views.main import ChangeList
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from consultants.audit import audit_trail_for_applicant
from consultants.cases import (
    CaseStatusFilter,
    case_page_link,
    case_status_label,
    documents_report,
    next_deadline_text,
    timeline_report,
)
from consultants.exports import clients_csv_response
from consultants.filters import (
    CategoryFilter,
    CrsBandFilter,
    DeadlineFilter,
    ExpiryFilter,
    LanguageExpiryFilter,
    QualifyingHoursFilter,
)
from consultants.models import ConsultantNote
from consultants.report import (
    categories_text,
    category_standing,
    evaluation_report,
    verdict_text,
)
from consultants.scoping import ClientScopedMixin
from consultants.search import client_ids_matching
from profiles.evaluation import applicant_reevaluate, applicant_show_current_evaluation
from profiles.models import Applicant, Education, Job, LanguageTest, Spouse, User
from profiles.reasons import format_date, format_hours
from profiles.reevaluation import applicants_reevaluate
from profiles.roles import ROLES, role_name


class RoleFilter(admin.SimpleListFilter):
    """The groups filter, with the roles named in the active language."""

    title = gettext_lazy("role")
    parameter_name = "role"

    def lookups(self, request, model_admin):
        return [(name, role_name(name)) for name in ROLES]

    def queryset(self, request, queryset):
        value = self.value()
        return queryset.filter(groups__name=value) if value in ROLES else queryset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ("email",)
    list_display = ("email", "first_name", "last_name", "is_staff", "is_active")
    search_fields = ("email", "first_name", "last_name")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (gettext_lazy("Personal info"), {"fields": ("first_name", "last_name")}),
        (
            gettext_lazy("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (gettext_lazy("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),
    )
    list_filter = ("is_staff", "is_superuser", "is_active", RoleFilter)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "groups":
            field.label_from_instance = lambda group: role_name(group.name)
        return field


class ClientRowInline(ClientScopedMixin, admin.TabularInline):
    """Rows that belong to the client whose page this is."""

    extra = 0


class SpouseInline(ClientScopedMixin, admin.StackedInline):
    model = Spouse
    extra = 0
    max_num = 1


class EducationInline(ClientRowInline):
    model = Education
    fields = ("person", "level", "canadian", "institution", "eca_organisation", "eca_number",
              "eca_date")


class LanguageTestInline(ClientRowInline):
    model = LanguageTest
    fields = ("person", "test", "taken_on", "listening", "reading", "writing", "speaking",
              "registration_number")


class JobInline(ClientScopedMixin, admin.StackedInline):
    model = Job
    extra = 0
    fieldsets = (
        (None, {"fields": ("person", ("employer", "title"), ("noc", "country", "province"),
                           ("start", "end", "hours_per_week"))}),
        (gettext_lazy("Does it count?"), {"fields": (("paid", "self_employed",
                                                      "full_time_student"),
                                                     "permit_type",
                                                     "physician_fee_for_service")}),
        (gettext_lazy("Duties"), {"fields": ("duties",)}),
    )


class ConsultantNoteInline(ClientRowInline):
    """Private notes, append-only: existing notes show read-only, a new one can be added."""

    model = ConsultantNote
    fields = ("body", "author", "created_at")
    readonly_fields = ("author", "created_at")
    verbose_name_plural = gettext_lazy("private consultant notes (never shown to the client)")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ClientChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # The list shows the stored columns; the full result JSON (a few kB a client) is for
        # the client page only.
        return super().get_queryset(request, exclude_parameters).defer("evaluation")


class NullsLast(F):
    """A column's sort field whose empty values come last whichever way the list is sorted
    (the admin asks an expression for ``asc()`` or ``desc()``)."""

    def asc(self, **kwargs):
        return super().asc(nulls_last=True, **kwargs)

    def desc(self, **kwargs):
        return super().desc(nulls_last=True, **kwargs)


@admin.register(Applicant)
class ApplicantAdmin(ClientScopedMixin, admin.ModelAdmin):
    applicant_path = ""  # the applicant itself
    list_display = ("name", "email", "case_status", "verdict", "crs_total", "categories",
                    "hours", "language_expiry", "next_deadline")
    list_filter = (CaseStatusFilter, "cec_status", CrsBandFilter, CategoryFilter,
                   QualifyingHoursFilter, LanguageExpiryFilter, DeadlineFilter, ExpiryFilter)
    # Also searched: the case's profile and application numbers (get_search_results).
    search_fields = ("family_name", "given_names", "preferred_name", "user__email",
                     "user__first_name", "user__last_name")
    # The most pressing first: the next deadline stored on the case, soonest first; clients with
    # none (no case, or nothing due) after them, newest first.
    ordering = (F("case__next_deadline_on").asc(nulls_last=True), "-pk")
    list_per_page = 50
    # One count per page view, not two: a filtered list would also count every client for
    # "(N total)", the slowest query of the page on 50,000 clients.
    show_full_result_count = False
    autocomplete_fields = ("user", "consultant")
    inlines = (SpouseInline, EducationInline, LanguageTestInline, JobInline,
               ConsultantNoteInline)
    actions = ("reevaluate_selected", "export_csv")
    fieldsets = (
        (None, {"fields": ("user", "consultant")}),
        (gettext_lazy("Identity"), {"fields": (
            ("family_name", "given_names"), "preferred_name", "phone", "citizenship",
            ("passport_number", "passport_issued_on", "passport_expires_on"),
            ("status_in_canada", "status_document_number", "status_expires_on"),
        )}),
        (gettext_lazy("Facts"), {"fields": (
            "birth_date", "marital_status", "intended_province", "sibling_in_canada",
            "provincial_nomination", "certificate_of_qualification", "job_offer_noc",
        )}),
        (gettext_lazy("Evaluation"), {"fields": (
            ("verdict", "crs_total", "hours", "language_expiry"),
            "categories", "evaluated_at", "evaluation_report", "category_standing",
        )}),
        (gettext_lazy("Case"), {"fields": ("case_status", "case_page", "case_timeline",
                                           "document_checklist")}),
    )
    computed_fields = ("verdict", "crs_total", "hours", "language_expiry",
                       "categories", "category_standing", "evaluated_at", "evaluation_report",
                       "case_status", "case_page", "case_timeline", "document_checklist")

    # --- who sees what ---------------------------------------------------------------------

    def get_changelist(self, request, **kwargs):
        return ClientChangeList

    def get_list_display(self, request):
        if request.user.is_superuser:
            return (*self.list_display, "consultant")
        return self.list_display

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return (*self.list_filter, "consultant")
        return self.list_filter

    def get_list_select_related(self, request):
        if request.user.is_superuser:
            return ("user", "consultant", "case")
        return ("user", "case")

    def get_readonly_fields(self, request, obj=None):
        # Only a superuser (re)assigns a client, or points the record at another account.
        if request.user.is_superuser:
            return self.computed_fields
        return ("user", "consultant", *self.computed_fields)

    def get_search_results(self, request, queryset, search_term):
        # See consultants.search: names and emails (the search_fields above) and
        # the case's profile and application numbers, found first by id.
        if not search_term.split():
            return queryset, False
        return queryset.filter(pk__in=client_ids_matching(search_term=search_term)), False

    # --- columns ---------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("name"), ordering="family_name")
    def name(self, obj: Applicant) -> str:
        return str(obj)

    @admin.display(description=gettext_lazy("email"), ordering="user__email")
    def email(self, obj: Applicant) -> str:
        return obj.user.email

    @admin.display(description=gettext_lazy("CEC verdict"), ordering="cec_status")
    def verdict(self, obj: Applicant) -> str:
        return verdict_text(obj)

    # Hours and dates said as the reasons say them: 1,560 / 1 560; 2026-11-27 / 27 novembre 2026.
    @admin.display(description=Applicant._meta.get_field("qualifying_hours").verbose_name,
                   ordering="qualifying_hours")
    def hours(self, obj: Applicant) -> str | None:
        return None if obj.qualifying_hours is None else format_hours(obj.qualifying_hours)

    @admin.display(description=Applicant._meta.get_field("language_expires_on").verbose_name,
                   ordering="language_expires_on")
    def language_expiry(self, obj: Applicant) -> str | None:
        return None if obj.language_expires_on is None else format_date(obj.language_expires_on)

    @admin.display(description=gettext_lazy("categories"), ordering="eligible_categories")
    def categories(self, obj: Applicant) -> str:
        return categories_text(obj) or "—"  # stored at each evaluation, read with the row

    @admin.display(description=gettext_lazy("standing per category and round type"))
    def category_standing(self, obj: Applicant):
        return category_standing(obj)

    @admin.display(description=gettext_lazy("evaluation with reasons"))
    def evaluation_report(self, obj: Applicant):
        return evaluation_report(obj)

    @admin.display(description=gettext_lazy("case status"), ordering="case__status")
    def case_status(self, obj: Applicant) -> str:
        return case_status_label(obj)

    # Soonest first, or latest first; clients with no deadline come last either way.
    @admin.display(description=gettext_lazy("next deadline"),
                   ordering=NullsLast("case__next_deadline_on"))
    def next_deadline(self, obj: Applicant) -> str:
        return next_deadline_text(obj)  # stored on the case, read with the row

    @admin.display(description=gettext_lazy("case steps"))
    def case_page(self, obj: Applicant):
        return case_page_link(obj, user=getattr(obj, "viewer", None))

    @admin.display(description=gettext_lazy("case timeline"))
    def case_timeline(self, obj: Applicant):
        return timeline_report(obj)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)  # 404 outside the scope
        # Read-only fields are given the object alone; the case steps and the checklist link to
        # the portal's case pages only for the client's own consultant, so the object carries
        # who is looking (on this request's instance, never on the admin, which every request
        # shares).
        obj.viewer = request.user
        # A birthday, an expired test or a job passing its date changes the verdict with no
        # change to the facts: the client page always shows today's evaluation (read, not
        # stored: opening a page never writes).
        applicant_show_current_evaluation(applicant=obj)
        return obj

    @admin.display(description=gettext_lazy("document checklist"))
    def document_checklist(self, obj: Applicant):
        return documents_report(obj, user=getattr(obj, "viewer", None))

    # --- saving: the stored evaluation follows the facts ----------------------------------

    def save_formset(self, request, form, formset, change):
        if formset.model is ConsultantNote:
            for note in formset.save(commit=False):
                note.author = request.user
                note.save()
            return
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        applicant_reevaluate(applicant=form.instance)

    # --- actions ---------------------------------------------------------------------------

    @admin.action(description=gettext_lazy("Re-evaluate selected clients"),
                  permissions=["change"])
    def reevaluate_selected(self, request, queryset):
        summary = applicants_reevaluate(applicants=queryset)
        self.message_user(
            request,
            ngettext(
                "Re-evaluated %(count)d client. Verdicts changed: %(verdicts)d; CRS scores "
                "changed: %(scores)d.",
                "Re-evaluated %(count)d clients. Verdicts changed: %(verdicts)d; CRS scores "
                "changed: %(scores)d.",
                summary.evaluated,
            ) % {"count": summary.evaluated, "verdicts": summary.verdicts_changed,
                 "scores": summary.scores_changed},
            messages.SUCCESS,
        )

    @admin.action(description=gettext_lazy("Export selected clients to CSV"),
                  permissions=["view"])
    def export_csv(self, request, queryset):
        return clients_csv_response(queryset)

    # --- the audit trail replaces the admin's own history page ----------------------------

    def history_view(self, request, object_id, extra_context=None):
        applicant = self.get_object(request, object_id)  # 404 outside the user's clients
        if not self.has_view_or_change_permission(request, applicant):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Audit trail: %(client)s") % {"client": applicant},
            "subtitle": None,
            "opts": self.opts,
            "object": applicant,
            "entries": audit_trail_for_applicant(applicant=applicant),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/profiles/applicant/audit_trail.html", context)
