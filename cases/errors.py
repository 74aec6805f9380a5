"""The case's refusals: one error type and every message a refused action shows the person.

A leaf; services raise ``CaseError`` with one of these, views show ``error.message`` next to the
field it names (or at the top of the form when it names none).
"""

from django.utils.translation import gettext_lazy as _lazy

# Messages the person reads; the tests assert them.
ILLEGAL_TRANSITION = _lazy("A case that is “%(from)s” cannot become “%(to)s”. Nothing was changed.")


NOT_ELIGIBLE = _lazy(
    "On %(date)s the rules engine finds the profile not eligible for the Canadian Experience "
    "Class (%(verdict)s), so it cannot be recorded. The consultant can override this with a "
    "written reason."
)


INCOMPLETE = _lazy(
    "The answers are not complete enough for an evaluation on %(date)s; the questionnaire "
    "must be finished first."
)


OVERRIDE_ONLY_CONSULTANT = _lazy("Only the person's consultant can override the verdict.")


FUTURE_DATE = _lazy("This date is in the future; record a step once it has happened.")


BEFORE_PROFILE = _lazy("The invitation cannot come before the profile was submitted (%(date)s).")


AFTER_DEADLINE = _lazy(
    "The deadline to submit was %(deadline)s (60 days after the invitation of %(ita)s). "
    "IRCC no longer accepts an application for this invitation."
)


AFTER_POOL_EXPIRY = _lazy(
    "The profile expired on %(date)s (12 months in the pool); an invitation after that date "
    "cannot belong to it."
)


DECLINE_BEFORE_ITA = _lazy("The invitation cannot be declined before it came (%(date)s).")


ACCEPTED_LOCKED = _lazy(
    "This document was accepted by your consultant; ask them before replacing it."
)


BEFORE_ITA = _lazy("The application cannot be submitted before the invitation (%(date)s).")


LANGUAGE_EXPIRED = _lazy(
    "On %(date)s you have no valid language test result: a result is valid for 2 years and "
    "must still be valid on the day the application is submitted."
)


STAGE_NOT_NOW = _lazy("“%(stage)s” cannot be recorded while the case is “%(status)s”.")


REVIEW_ONLY_CONSULTANT = _lazy(
    "Only the person's consultant can accept a document or ask for changes."
)


REVIEW_NEEDS_COMMENT = _lazy("Say what needs to change.")


ACCEPTED_CANNOT_DELETE = _lazy("An accepted document cannot be deleted; ask your consultant.")


PLAN_BEFORE_ITA = _lazy("The planned submission cannot come before the invitation (%(date)s).")


PLAN_AFTER_DEADLINE = _lazy(
    "The deadline to submit is %(deadline)s (60 days after the invitation); plan a day on or "
    "before it."
)


STAGE_BEFORE_APPLICATION = _lazy(
    "A stage cannot come before the application was submitted (%(date)s)."
)


STAGE_BEFORE_APPROVAL = _lazy("This stage cannot come before the approval (%(date)s).")


CASE_DATE_RANGE = _lazy(
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


REQUEST_ONLY_CONSULTANT = _lazy("Only the person's consultant can request a document.")


ALREADY_LISTED = _lazy("A police certificate for %(country)s is already on the checklist.")


DUE_IN_PAST = _lazy("The due date has passed; give a date from today on.")


MESSAGE_EMPTY = _lazy("Write a message.")


ROUND_UNKNOWN = _lazy(
    "Round %(number)s is not among the imported Express Entry rounds. Check the number in the "
    "invitation letter (or import the latest rounds)."
)


ROUND_OTHER_DAY = _lazy("Round %(number)s was drawn on %(drawn)s, not on %(date)s.")


ROUND_NOT_FOR_PERSON = _lazy(
    "Round %(number)s (%(round)s) does not invite this person's program or category. The "
    "consultant can record it with a written reason."
)


DOCUMENTS_NOT_READY = _lazy(
    "These required documents are missing or not accepted: %(documents)s. Tick the box to "
    "record the submission anyway."
)


STAGES_MISSING = _lazy(
    "“%(stage)s” comes after %(missing)s, not recorded yet (or recorded later). The consultant "
    "can record it with a written reason."
)


OVERRIDE_NEEDS_CONSULTANT = _lazy("Only the person's consultant can record this with a reason.")
