"""An applicant's facts, stored field for field as ``../shared/spec/facts.md`` describes them.

The database refuses what must never be stored (a score outside its test's range or step, an
end before a start, hours outside 1–168, a NOC code that is not five digits, a date outside the
range the rules engine reads); forms say the same
thing to the person first. ``profiles.selectors.facts_for_applicant`` is the only bridge from
these rows to the rules engine.
"""

from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from eligibility.history import HistoricalRecords
from eligibility.rules.language import SCORE_RANGES
from profiles.constraints import score_constraints
from profiles.dates import engine_date, in_range
from profiles.enums import (
    TEST_CHOICES,
    CecStatus,
    EducationLevel,
    MaritalStatus,
    PermitType,
    Person,
    Province,
    StatusInCanada,
    work_authorized,
)
from profiles.fields import JsonTextField
from profiles.reasons import say_score_problem

ABILITIES = ("listening", "reading", "writing", "speaking")
END_BEFORE_START = _("The end date is before the start date.")
EXPIRY_NOT_AFTER_ISSUE = _("The expiry date must be after the issue date.")
PASSPORT_DATES_TOGETHER = _("Enter both the issue and the expiry date of the passport.")


class PassportIdentity(models.Model):
    """Who a person is, as their passport says: the applicant and their spouse alike.

    Names are typed exactly as printed in the passport (IRCC matches the application to it);
    the dates are checked here, in forms, and by the database (``identity_constraints``).
    """

    family_name = models.CharField(
        _("family name(s) as in the passport"), max_length=100, blank=True
    )
    given_names = models.CharField(
        _("given name(s) as in the passport"), max_length=100, blank=True,
        help_text=_("Leave empty if your passport shows no given name."),
    )
    citizenship = CountryField(_("country of citizenship"), blank=True)
    passport_number = models.CharField(_("passport number"), max_length=20, blank=True)
    passport_issued_on = models.DateField(
        _("passport issue date"), null=True, blank=True, validators=[engine_date]
    )
    passport_expires_on = models.DateField(
        _("passport expiry date"), null=True, blank=True, validators=[engine_date]
    )

    class Meta:
        abstract = True

    @property
    def passport_name(self) -> str:
        return " ".join(part for part in (self.given_names, self.family_name) if part)

    def identity_errors(self) -> dict:
        """What is wrong with the passport's dates, by field (``clean`` raises them)."""
        issued, expires = self.passport_issued_on, self.passport_expires_on
        if (issued is None) != (expires is None):
            missing = "passport_expires_on" if expires is None else "passport_issued_on"
            return {missing: PASSPORT_DATES_TOGETHER}
        if issued and expires and expires <= issued:
            return {"passport_expires_on": EXPIRY_NOT_AFTER_ISSUE}
        return {}

    def clean(self) -> None:
        errors = self.identity_errors()
        if errors:
            raise ValidationError(errors)


def identity_constraints(model: str) -> list[models.CheckConstraint]:
    """The database's side of ``PassportIdentity.identity_errors``: both passport dates or
    neither, each in the range the engine reads, the expiry after the issue."""
    return [
        in_range("passport_issued_on", f"{model}_passport_issued_in_range", null=True),
        in_range("passport_expires_on", f"{model}_passport_expires_in_range", null=True),
        models.CheckConstraint(
            condition=Q(passport_issued_on__isnull=True, passport_expires_on__isnull=True)
            # A check passes on NULL: "not null" is stated, not left to the comparison.
            | Q(passport_issued_on__isnull=False, passport_expires_on__isnull=False,
                passport_expires_on__gt=F("passport_issued_on")),
            name=f"{model}_passport_expiry_after_issue",
        ),
    ]


class StatedConstraintsMixin:
    """Models whose check constraints are all stated again in ``clean()`` and field validators.

    Forms and the admin then show the person a message next to the field, and model
    validation does not ask the database once per constraint and row; the database still
    refuses anything that reaches it by another way.
    """

    def validate_constraints(self, exclude=None) -> None:
        return None


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an email address (applicants, consultants, staff)."""

    username = None
    email = models.EmailField(_("email address"), unique=True)
    # The language the person reads the portal and their emails in: set at sign-up from the
    # page they signed up on, changed with the switcher on every page, activated on login.
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    def __str__(self) -> str:
        return self.email


NOC_CODE = RegexValidator(r"^[0-9]{5}$", _("A NOC 2021 code is exactly five digits."))


class Applicant(StatedConstraintsMixin, PassportIdentity):
    """One per user: the person whose Canadian Experience Class case the portal follows."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applicant",
        verbose_name=_("account"),
    )
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="clients",
        limit_choices_to={"groups__name": "Consultant"},
        verbose_name=_("assigned consultant"),
    )
    birth_date = models.DateField(
        _("date of birth"), null=True, blank=True, validators=[engine_date]
    )
    marital_status = models.CharField(
        _("marital status"), max_length=16, choices=MaritalStatus.choices, blank=True
    )
    intended_province = models.CharField(
        _("province or territory where you plan to live"),
        max_length=2,
        choices=Province.choices,
        blank=True,
    )
    sibling_in_canada = models.BooleanField(_("brother or sister in Canada"), default=False)
    provincial_nomination = models.BooleanField(_("provincial nomination"), default=False)
    certificate_of_qualification = models.BooleanField(
        _("Canadian certificate of qualification in a trade"), default=False
    )
    job_offer_noc = models.CharField(
        _("NOC code of a valid job offer"), max_length=5, blank=True, validators=[NOC_CODE]
    )
    preferred_name = models.CharField(
        _("preferred name"), max_length=100, blank=True,
        help_text=_("What you would like us to call you, if not your given name."),
    )
    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    status_in_canada = models.CharField(
        _("current status in Canada"), max_length=20, choices=StatusInCanada.choices,
        blank=True,
    )
    status_document_number = models.CharField(
        _("permit or document number"), max_length=30, blank=True
    )
    status_expires_on = models.DateField(
        _("status expiry date"), null=True, blank=True, validators=[engine_date],
        help_text=_("The expiry date printed on your permit. On maintained status: the expiry "
                    "date of the permit you applied to extend."),
    )
    # Where the questionnaire stands, so a person resumes where they left off.
    current_step = models.CharField(max_length=32, blank=True, verbose_name=_("current step"))
    completed_steps = models.JSONField(
        default=list, blank=True, editable=False, verbose_name=_("completed steps")
    )

    # The latest evaluation, recomputed by profiles.services whenever the facts change, so that
    # lists can sort and filter on it in the database. ``evaluation`` is the engine's full
    # result JSON; the columns beside it are copies for querying.
    evaluation = JsonTextField(
        null=True, blank=True, editable=False, verbose_name=_("evaluation")
    )
    evaluated_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name=_("evaluated at")
    )
    cec_status = models.CharField(
        _("CEC verdict"), max_length=16, choices=CecStatus.choices, default=CecStatus.INCOMPLETE,
        editable=False,
    )
    cec_eligible_on = models.DateField(_("eligible on"), null=True, blank=True, editable=False)
    qualifying_hours = models.PositiveIntegerField(
        null=True, blank=True, editable=False, verbose_name=_("qualifying hours")
    )
    crs_total = models.PositiveSmallIntegerField(_("CRS"), null=True, blank=True, editable=False)
    language_expires_on = models.DateField(
        _("earliest language test expiry"), null=True, blank=True, editable=False
    )
    ruleset = models.CharField(max_length=10, blank=True, editable=False, verbose_name=_("ruleset"))
    # The categories the person is eligible for, as the engine's codes between commas
    # (",french,healthcare,"), so the client list filters with one LIKE on the stored column.
    eligible_categories = models.CharField(
        _("eligible categories"), max_length=200, blank=True, default="", editable=False
    )

    # What the stored evaluation was made from, when a save made it: a digest of the facts, the
    # rows they number, the release and the evaluation's time (profiles.evaluation). A save
    # whose facts give the same digest keeps the evaluation; anything else that stores one
    # changes its time, so the digest no longer matches.
    evaluated_from = models.CharField(
        max_length=32, blank=True, default="", db_default="", editable=False
    )

    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    history = HistoricalRecords(
        excluded_fields=["evaluation", "evaluated_at", "updated_at", "eligible_categories",
                         "evaluated_from"]
    )

    class Meta:
        verbose_name = _("applicant")
        verbose_name_plural = _("applicants")
        indexes = [
            models.Index(fields=["cec_status"]),
            models.Index(fields=["crs_total"]),
            models.Index(fields=["consultant", "cec_status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(job_offer_noc="") | Q(job_offer_noc__regex=r"^[0-9]{5}$"),
                name="applicant_job_offer_noc_five_digits",
            ),
            models.CheckConstraint(
                condition=Q(marital_status="") | Q(marital_status__in=MaritalStatus.values),
                name="applicant_marital_status_known",
            ),
            models.CheckConstraint(
                condition=Q(intended_province="") | Q(intended_province__in=Province.values),
                name="applicant_province_known",
            ),
            in_range("birth_date", "applicant_birth_date_in_range", null=True),
            models.CheckConstraint(
                condition=Q(status_in_canada="")
                | Q(status_in_canada__in=StatusInCanada.values),
                name="applicant_status_in_canada_known",
            ),
            in_range("status_expires_on", "applicant_status_expires_in_range", null=True),
            *identity_constraints("applicant"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        """The name lists and pages show: the passport's, else the account's, else the email."""
        return self.passport_name or self.user.get_full_name() or self.user.email

    @property
    def has_spouse(self) -> bool:
        return self.marital_status in (MaritalStatus.MARRIED, MaritalStatus.COMMON_LAW)


class Spouse(PassportIdentity):
    applicant = models.OneToOneField(
        Applicant, on_delete=models.CASCADE, related_name="spouse", verbose_name=_("applicant")
    )
    accompanying = models.BooleanField(
        _("will come with you to Canada"), default=True
    )
    canadian_citizen_or_pr = models.BooleanField(
        _("is a Canadian citizen or permanent resident"), default=False
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("spouse or partner")
        verbose_name_plural = _("spouses or partners")
        constraints = identity_constraints("spouse")

    def __str__(self) -> str:
        return _("Spouse of %(applicant)s") % {"applicant": self.applicant}


class Education(StatedConstraintsMixin, models.Model):
    applicant = models.ForeignKey(
        Applicant, on_delete=models.CASCADE, related_name="education", verbose_name=_("applicant")
    )
    person = models.CharField(
        max_length=10, choices=Person.choices, default=Person.PRINCIPAL, verbose_name=_("person")
    )
    level = models.CharField(_("level"), max_length=16, choices=EducationLevel.choices)
    canadian = models.BooleanField(_("earned in Canada"), default=False)
    institution = models.CharField(_("school"), max_length=200, blank=True)
    eca_organisation = models.CharField(
        _("ECA organisation"), max_length=100, blank=True,
        help_text=_("For a credential earned outside Canada: who assessed it (e.g. WES)."),
    )
    eca_number = models.CharField(_("ECA reference number"), max_length=50, blank=True)
    eca_date = models.DateField(_("ECA date"), null=True, blank=True, validators=[engine_date])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("education")
        ordering = ["id"]
        verbose_name_plural = _("education")
        constraints = [
            models.CheckConstraint(
                condition=Q(person__in=Person.values), name="education_person_known"
            ),
            models.CheckConstraint(
                condition=Q(level__in=EducationLevel.values), name="education_level_known"
            ),
            in_range("eca_date", "education_eca_date_in_range", null=True),
        ]

    def __str__(self) -> str:
        return self.get_level_display()


class LanguageTest(StatedConstraintsMixin, models.Model):
    applicant = models.ForeignKey(
        Applicant, on_delete=models.CASCADE, related_name="language_tests",
        verbose_name=_("applicant"),
    )
    person = models.CharField(
        max_length=10, choices=Person.choices, default=Person.PRINCIPAL, verbose_name=_("person")
    )
    test = models.CharField(_("test"), max_length=16, choices=TEST_CHOICES)
    taken_on = models.DateField(_("test date"), validators=[engine_date])
    registration_number = models.CharField(_("registration or report number"), max_length=50,
                                           blank=True)
    listening = models.DecimalField(_("listening"), max_digits=4, decimal_places=1)
    reading = models.DecimalField(_("reading"), max_digits=4, decimal_places=1)
    writing = models.DecimalField(_("writing"), max_digits=4, decimal_places=1)
    speaking = models.DecimalField(_("speaking"), max_digits=4, decimal_places=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("language test")
        verbose_name_plural = _("language tests")
        ordering = ["id"]
        constraints = [
            *score_constraints(SCORE_RANGES, ABILITIES),
            models.CheckConstraint(
                condition=Q(person__in=Person.values), name="languagetest_person_known"
            ),
            in_range("taken_on", "languagetest_taken_on_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_test_display()} {self.taken_on:%Y-%m-%d}"

    def clean(self) -> None:
        if self.test not in SCORE_RANGES:
            return  # the choices validation has named the field already
        errors = {}
        for ability in ABILITIES:
            value = getattr(self, ability)
            if value is not None:
                problem = say_score_problem(self.test, ability, value)
                if problem:
                    errors[ability] = problem
        if errors:
            raise ValidationError(errors)


class Job(StatedConstraintsMixin, models.Model):
    applicant = models.ForeignKey(
        Applicant, on_delete=models.CASCADE, related_name="jobs", verbose_name=_("applicant")
    )
    person = models.CharField(
        max_length=10, choices=Person.choices, default=Person.PRINCIPAL, verbose_name=_("person")
    )
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    title = models.CharField(_("job title"), max_length=200, blank=True)
    noc = models.CharField(_("NOC 2021 code"), max_length=5, validators=[NOC_CODE])
    country = CountryField(_("country"), default="CA")
    province = models.CharField(
        _("province or territory"), max_length=2, choices=Province.choices, blank=True
    )
    start = models.DateField(_("start date"), validators=[engine_date])
    end = models.DateField(_("end date"), null=True, blank=True, validators=[engine_date],
                           help_text=_("Leave empty if you still work there."))
    hours_per_week = models.DecimalField(
        _("hours per week"), max_digits=5, decimal_places=2,
        validators=[MinValueValidator(Decimal(1)), MaxValueValidator(Decimal(168))],
    )
    paid = models.BooleanField(_("paid (wages or commission)"), default=True)
    self_employed = models.BooleanField(_("self-employed"), default=False)
    full_time_student = models.BooleanField(_("full-time student at the time"), default=False)
    # The one question about authorization: the answer decides whether the work counts (see
    # NOT_AUTHORIZED). Left empty only for work abroad, and on rows from before it was asked.
    permit_type = models.CharField(
        _("work authorization"), max_length=20, choices=PermitType.choices, blank=True
    )
    physician_fee_for_service = models.BooleanField(
        _("publicly funded fee-for-service physician"), default=False
    )
    duties = models.TextField(_("main duties, in your own words"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(noc__regex=r"^[0-9]{5}$"), name="job_noc_five_digits"
            ),
            models.CheckConstraint(
                condition=Q(hours_per_week__gte=1) & Q(hours_per_week__lte=168),
                name="job_hours_per_week_1_to_168",
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=F("start")),
                name="job_end_not_before_start",
            ),
            models.CheckConstraint(condition=Q(person__in=Person.values), name="job_person_known"),
            models.CheckConstraint(
                condition=Q(province="") | Q(province__in=Province.values),
                name="job_province_known",
            ),
            models.CheckConstraint(
                condition=Q(permit_type="") | Q(permit_type__in=PermitType.values),
                name="job_permit_type_known",
            ),
            in_range("start", "job_start_in_range"),
            in_range("end", "job_end_in_range", null=True),
        ]

    def __str__(self) -> str:
        return f"{self.title or self.noc} ({self.start:%Y-%m-%d})"

    @property
    def authorized(self) -> bool:
        """Whether the work was authorized, as the rules engine takes it (cec.md §1)."""
        return work_authorized(self.permit_type)

    def clean(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": END_BEFORE_START})


class AccountDeletion(models.Model):
    """That an applicant deleted their account, and on which day: all the audit trail keeps.

    A model rather than an admin log entry: a log entry names the object it is about (its
    content type, id and text, which would carry the person's name), while this row holds no
    one's data and can be counted and listed as it is.
    """

    deleted_on = models.DateField(_("account deleted on"))

    class Meta:
        ordering = ["-deleted_on", "-id"]
        verbose_name = _("account deletion")

    def __str__(self) -> str:
        return _("Account deleted on %(date)s") % {"date": f"{self.deleted_on:%Y-%m-%d}"}


class ReevaluationRun(models.Model):
    """One re-evaluation of every applicant (profiles.reevaluation), split into chunks that the
    workers take in parallel. Its progress is the sum of its finished chunks."""

    class Reason(models.TextChoices):
        NIGHTLY = "nightly", _("Nightly")
        RULES_CHANGED = "rules_changed", _("Rules changed")
        STAFF = "staff", _("Asked by staff")

    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    # A fingerprint of the rules engine's code the run applied (profiles.reevaluation).
    rules_version = models.CharField(_("rules version"), max_length=64)
    evaluated_on = models.DateField(_("evaluated on"))
    total = models.PositiveIntegerField(_("applicants"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("re-evaluation run")
        verbose_name_plural = _("re-evaluation runs")
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.started_at:%Y-%m-%d %H:%M}"


class ReevaluationChunk(models.Model):
    """A range of applicant keys one task re-evaluates; ``done_at`` is set in the same
    transaction as the applicants' rows, so a retried or redelivered task finds it done."""

    run = models.ForeignKey(ReevaluationRun, on_delete=models.CASCADE, related_name="chunks")
    first_pk = models.BigIntegerField()
    last_pk = models.BigIntegerField()
    size = models.PositiveIntegerField()
    done_at = models.DateTimeField(null=True, blank=True)
    evaluated = models.PositiveIntegerField(default=0)
    verdicts_changed = models.PositiveIntegerField(default=0)
    scores_changed = models.PositiveIntegerField(default=0)
    incomplete = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(first_pk__lte=F("last_pk")), name="reevaluation_chunk_range"
            )
        ]
        indexes = [models.Index(fields=["run", "done_at"])]

    def __str__(self) -> str:
        return f"{self.first_pk}–{self.last_pk}"
