"""The three roles, as auth groups, and the permissions each one needs and no more.

The groups themselves are created by a data migration (``0002_roles``). Their permissions are
re-applied after every ``migrate`` so that a model added later (the NOC catalogue, the case
steps) reaches its role without a hand edit, and a permission removed here is taken away.
"""

from django.db.models.signals import post_migrate
from django.utils.translation import pgettext_lazy

APPLICANT = "Applicant"
CONSULTANT = "Consultant"
NOC_EDITOR = "NOC editor"
ROLES = (APPLICANT, CONSULTANT, NOC_EDITOR)
# The groups keep their English names (stored, looked up by name); people read these.
ROLE_NAMES = {
    APPLICANT: pgettext_lazy("role", "Applicant"),
    CONSULTANT: pgettext_lazy("role", "Consultant"),
    NOC_EDITOR: pgettext_lazy("role", "NOC editor"),
}


def role_name(group_name: str) -> str:
    """A role's group as people read it, in the active language; another group as named."""
    return str(ROLE_NAMES.get(group_name, group_name))

# Applicants use the portal's own pages, which check ownership; they get no model permission
# and never reach the admin. Consultants review and correct their clients' facts in the admin
# (the admin scopes them to their own clients). NOC editors keep the catalogue only.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    APPLICANT: {},
    CONSULTANT: {
        "profiles": (
            "view_applicant", "change_applicant",
            "view_spouse", "change_spouse", "add_spouse",
            "view_education", "change_education", "add_education", "delete_education",
            "view_languagetest", "change_languagetest", "add_languagetest",
            "delete_languagetest",
            "view_job", "change_job", "add_job", "delete_job",
        ),
        # Private notes are append-only: consultants read and add, nobody edits one.
        "consultants": ("view_consultantnote", "add_consultantnote"),
        # No permission on the case's models: the case has no admin; its pages on the portal
        # let in the client's own consultant (cases.access), whatever their permissions.
    },
    NOC_EDITOR: {
        "eligibility": (
            "view_nocclass", "change_nocclass",
            "view_unitgroup", "change_unitgroup",
            "view_mainduty", "change_mainduty", "add_mainduty", "delete_mainduty",
            "view_exampletitle", "change_exampletitle", "add_exampletitle",
            "delete_exampletitle",
        ),
    },
}


def sync_role_permissions(**kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    for role, by_app in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        wanted = []
        for app_label, codenames in by_app.items():
            wanted.extend(
                Permission.objects.filter(
                    content_type__app_label=app_label, codename__in=codenames
                )
            )
        group.permissions.set(wanted)


def connect() -> None:
    post_migrate.connect(sync_role_permissions, dispatch_uid="profiles.sync_role_permissions")
