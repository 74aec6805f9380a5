"""Forms for the case's steps. They check the shape of what is typed; the services decide."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries import countries

from cases.enums import DocumentStatus, StageKind
from cases.errors import CASE_DATE_RANGE
from cases.models import FIRST_DAY, LAST_DAY


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def in_case_range(value: date) -> None:
    if not FIRST_DAY <= value <= LAST_DAY:
        raise forms.ValidationError(
            CASE_DATE_RANGE, code="date_range",
            params={"low": FIRST_DAY.isoformat(), "high": LAST_DAY.isoformat()},
        )


class CaseDateField(forms.DateField):
    """A step's date: a real day, within the range above (said next to the field)."""

    widget = DateInput
    default_validators = [in_case_range]


def _override_field(label) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Consultants only. Leave empty unless you mean to override."),
    )


class OverrideForm(forms.Form):
    """A step's form with the consultant's written reason to override a check (others never
    see the field)."""

    def __init__(self, *args, can_override: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_override:
            del self.fields["override_reason"]


class ProfileForm(OverrideForm):
    submitted_on = CaseDateField(label=_("Date the profile was submitted"))
    profile_number = forms.CharField(
        label=_("Profile number"), max_length=30,
        help_text=_("Shown in your IRCC account, e.g. E001234567."),
    )
    job_seeker_code = forms.CharField(label=_("Job seeker validation code"), max_length=30)
    override_reason = _override_field(
        _("Reason to record it although the rules engine finds the person not eligible")
    )


class InvitationForm(OverrideForm):
    invited_on = CaseDateField(label=_("Date of the invitation (ITA)"))
    round_number = forms.RegexField(
        label=_("Round number"), regex=r"^\d{1,4}[a-z]?$", max_length=8,
        error_messages={"invalid": _("A round number such as 434 (or 91a).")},
    )
    crs_claimed = forms.IntegerField(
        label=_("CRS score in the invitation"), min_value=0, max_value=1200
    )
    override_reason = _override_field(
        _("Reason to record it although the round does not invite this program or category")
    )


class PlanForm(forms.Form):
    planned_submission_on = CaseDateField(
        label=_("Date you plan to submit the application"), required=False
    )


class DeclineForm(forms.Form):
    declined_on = CaseDateField(label=_("Date you declined"))


class ExpireForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class ApplicationForm(forms.Form):
    submitted_on = CaseDateField(label=_("Date the application was submitted"))
    application_number = forms.CharField(
        label=_("Application number"), max_length=30,
        help_text=_("From the confirmation of submission, e.g. E000123456."),
    )
    confirm_incomplete = forms.BooleanField(
        label=_("Record the submission although these documents are missing or not accepted"),
        required=False,
    )

    def __init__(self, *args, pending: tuple[str, ...] = (), **kwargs):
        """``pending``: the titles of the required documents not accepted yet, listed next to
        the confirmation (which only appears when there are some)."""
        super().__init__(*args, **kwargs)
        if pending:
            self.fields["confirm_incomplete"].help_text = "; ".join(pending)
        else:
            del self.fields["confirm_incomplete"]


class StageForm(OverrideForm):
    kind = forms.ChoiceField(label=_("Stage"), choices=StageKind.choices)
    on = CaseDateField(label=_("Date"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    override_reason = _override_field(
        _("Reason to record it before the stages that precede it")
    )

    def __init__(self, *args, allowed: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            (value, label) for value, label in StageKind.choices if value in allowed
        ]


class WithdrawForm(forms.Form):
    note = forms.CharField(label=_("Reason"), required=False, max_length=500)


ACCEPTED_FILES = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, JPG or PNG, at most 4 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )


class ReviewForm(forms.Form):
    status = forms.ChoiceField(
        label=pgettext_lazy("document review", "Review"),
        choices=[
            (DocumentStatus.ACCEPTED, DocumentStatus.ACCEPTED.label),
            (DocumentStatus.NEEDS_CHANGES, DocumentStatus.NEEDS_CHANGES.label),
        ],
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    issued_on = CaseDateField(
        label=_("Issued on"), required=False, widget=DateInput(),
        help_text=_("The certificate's issue date: it is watched for 12 months from it."),
    )

    def __init__(self, *args, dated: bool = False, **kwargs):
        """``dated``: the document's issue date matters (a police certificate's)."""
        super().__init__(*args, **kwargs)
        if not dated:
            del self.fields["issued_on"]


class RequestForm(forms.Form):
    """The consultant asks for any document: what it is, what it must show, and by when."""

    title = forms.CharField(label=_("Document"), max_length=200)
    instructions = forms.CharField(
        label=_("What it must show"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    due_on = CaseDateField(label=_("Due date"), required=False, widget=DateInput())


class CountryForm(forms.Form):
    """A country where the person (or their spouse) lived 6 months or more since age 18."""

    country = forms.ChoiceField(label=_("Country"), choices=())
    spouse = forms.BooleanField(label=_("For my spouse or partner"), required=False)

    def __init__(self, *args, has_spouse: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "---------"), *countries]
        if not has_spouse:
            del self.fields["spouse"]


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    file = forms.FileField(
        label=_("Attach a file (optional)"), required=False,
        help_text=_("PDF, JPG or PNG, at most 4 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPTED_FILES}),
    )
