"""Who sees which client in the admin. Every consultant-reachable admin class goes through here.

A consultant sees the applicants assigned to them and nothing else; a superuser sees everyone.
Anyone else who is staff (a NOC editor, say) sees no client even if given a permission by
mistake: the scope is decided by the assignment, not by the permission.
"""

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from profiles.models import Applicant, User


def clients_of(*, user: User) -> QuerySet[Applicant]:
    """The applicants ``user`` may see in the admin."""
    if user.is_superuser:
        return Applicant.objects.all()
    return Applicant.objects.filter(consultant_id=user.pk)


def scope_to_clients(queryset: QuerySet, *, user: User, applicant_path: str) -> QuerySet:
    """``queryset`` cut down to rows of ``user``'s clients.

    ``applicant_path`` is the lookup from the queryset's model to its applicant: ``""`` for
    the applicant itself, ``"applicant"`` for a job, a test, a note.
    """
    if user.is_superuser:
        return queryset
    lookup = f"{applicant_path}__consultant_id" if applicant_path else "consultant_id"
    return queryset.filter(**{lookup: user.pk})


class ClientScopedMixin:
    """For a ModelAdmin or an inline whose rows belong to one applicant.

    The queryset is scoped, so lists, searches, autocompletes, exports and actions only ever
    see the user's clients; an object outside the scope is a 404 (not the admin's usual
    redirect with "doesn't exist", which would still say the object exists elsewhere); and a
    choice of applicant in a form only offers the user's clients.
    """

    applicant_path = "applicant"

    def get_queryset(self, request):
        return scope_to_clients(
            super().get_queryset(request), user=request.user, applicant_path=self.applicant_path
        )

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404(_("No such client."))
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Applicant:
            kwargs["queryset"] = clients_of(user=request.user).select_related("user")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
