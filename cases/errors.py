"""The case's refusals: one error type and every message a refused action shows the person.

A leaf; services raise ``CaseError`` with one of these, views show ``error.message`` next to the
field it names (or at the top of the form when it names none). A file refused before it is
stored (``cases.documents.uploads``) raises ``UploadRefused``, a ``CaseError`` about the file
field, with one of the upload messages below.
"""

from django.utils.translation import gettext_lazy

# Messages the person reads; the tests assert them.
ILLEGAL_TRANSITION = gettext_lazy(
    "A case that is “%(from)s” cannot become “%(to)s”. Nothing was changed."
)


NOT_ELIGIBLE = gettext_lazy(
    "On %(date)s the rules engine finds the profile not eligible for the Canadian Experience "
    "Class (%(verdict)s), so it cannot be recorded. The consultant can override this with a "
    "written reason."
)


INCOMPLETE = gettext_lazy(
    "The answers are not complete enough for an evaluation on %(date)s; the questionnaire "
    "must be finished first."
)


OVERRIDE_ONLY_CONSULTANT = gettext_lazy("Only the person's consultant can override the verdict.")


FUTURE_DATE = gettext_lazy("This date is in the future; record a step once it has happened.")


BEFORE_PROFILE = gettext_lazy(
    "The invitation cannot come before the profile was submitted (%(date)s)."
)


AFTER_DEADLINE = gettext_lazy(
    "The deadline to submit was %(deadline)s (60 days after the invitation of %(ita)s). "
    "IRCC no longer accepts an application for this invitation."
)


AFTER_POOL_EXPIRY = gettext_lazy(
    "The profile expired on %(date)s (12 months in the pool); an invitation after that date "
    "cannot belong to it."
)


DECLINE_BEFORE_ITA = gettext_lazy("The invitation cannot be declined before it came (%(date)s).")


ACCEPTED_LOCKED = gettext_lazy(
    "This document was accepted by your consultant; ask them before replacing it."
)


BEFORE_ITA = gettext_lazy("The application cannot be submitted before the invitation (%(date)s).")


LANGUAGE_EXPIRED = gettext_lazy(
    "On %(date)s you have no valid language test result: a result is valid for 2 years and "
    "must still be valid on the day the application is submitted."
)


STAGE_NOT_NOW = gettext_lazy("“%(stage)s” cannot be recorded while the case is “%(status)s”.")


REVIEW_ONLY_CONSULTANT = gettext_lazy(
    "Only the person's consultant can accept a document or ask for changes."
)


REVIEW_NEEDS_COMMENT = gettext_lazy("Say what needs to change.")


ACCEPTED_CANNOT_DELETE = gettext_lazy(
    "An accepted document cannot be deleted; ask your consultant."
)


PLAN_BEFORE_ITA = gettext_lazy(
    "The planned submission cannot come before the invitation (%(date)s)."
)


PLAN_AFTER_DEADLINE = gettext_lazy(
    "The deadline to submit is %(deadline)s (60 days after the invitation); plan a day on or "
    "before it."
)


STAGE_BEFORE_APPLICATION = gettext_lazy(
    "A stage cannot come before the application was submitted (%(date)s)."
)


STAGE_BEFORE_APPROVAL = gettext_lazy("This stage cannot come before the approval (%(date)s).")


CASE_DATE_RANGE = gettext_lazy(
    "Enter a date between %(low)s and %(high)s: the portal's rules start on %(low)s, when "
    "Express Entry moved to NOC 2021."
)


class CaseError(Exception):
    """An action the case's rules refuse; ``message`` is shown to the person, next to
    ``field`` (the form field the refusal is about) or at the top of the form when it is None.
    """

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


# Why an uploaded file is not kept (cases.documents.uploads checks the file's content).
TOO_LARGE = gettext_lazy("This file is %(size)s MB; IRCC accepts files of 4 MB at most.")


EMPTY = gettext_lazy("This file is empty.")


WRONG_TYPE = gettext_lazy(
    "This file is not a PDF, JPG or PNG. We check what the file contains, not its name."
)


DAMAGED = gettext_lazy(
    "This %(kind)s file cannot be opened: it may be damaged or only partly saved. Export or "
    "scan it again."
)


TOO_MANY_PIXELS = gettext_lazy(
    "This image declares more than 40 million pixels, far more than a scanned page needs. "
    "Scan the page at 300 dpi or export a smaller copy."
)


NAME_MISMATCH = gettext_lazy(
    "This file's name ends in .%(named)s but it contains a %(actual)s file; rename it or "
    "choose the right file."
)


class UploadRefused(CaseError):
    """A file that cannot be kept; the message is shown next to the upload form's file field."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "file")


REQUEST_ONLY_CONSULTANT = gettext_lazy("Only the person's consultant can request a document.")


ALREADY_LISTED = gettext_lazy("A police certificate for %(country)s is already on the checklist.")


DUE_IN_PAST = gettext_lazy("The due date has passed; give a date from today on.")


MESSAGE_EMPTY = gettext_lazy("Write a message.")


ROUND_UNKNOWN = gettext_lazy(
    "Round %(number)s is not among the imported Express Entry rounds. Check the number in the "
    "invitation letter (or import the latest rounds)."
)


ROUND_OTHER_DAY = gettext_lazy("Round %(number)s was drawn on %(drawn)s, not on %(date)s.")


ROUND_NOT_FOR_PERSON = gettext_lazy(
    "Round %(number)s (%(round)s) does not invite this person's program or category. The "
    "consultant can record it with a written reason."
)


DOCUMENTS_NOT_READY = gettext_lazy(
    "These required documents are missing or not accepted: %(documents)s. Tick the box to "
    "record the submission anyway."
)


STAGES_MISSING = gettext_lazy(
    "“%(stage)s” comes after %(missing)s, not recorded yet (or recorded later). The consultant "
    "can record it with a written reason."
)


OVERRIDE_NEEDS_CONSULTANT = gettext_lazy(
    "Only the person's consultant can record this with a reason."
)
