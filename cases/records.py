"""The latest record of each step of a case (profile, invitation, application)."""

from cases.models import Application, Case, Invitation, ProfileSubmission


def latest_profile(*, case: Case) -> ProfileSubmission | None:
    return case.profiles.order_by("-submitted_on", "-id").first()


def latest_invitation(*, case: Case) -> Invitation | None:
    return case.invitations.order_by("-invited_on", "-id").first()


def latest_application(*, case: Case) -> Application | None:
    return case.applications.order_by("-submitted_on", "-id").first()
