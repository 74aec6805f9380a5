"""The portal's sign-in backend: Django's, with the person's applicant record read together with
their account on every request (one statement where there were two on each applicant page)."""

from django.contrib.auth.backends import ModelBackend

from eligibility.compiled import CompiledQuery
from profiles.models import User

# A staff member or consultant has no applicant: the join finds none, and reading
# ``user.applicant`` raises ``Applicant.DoesNotExist`` without a query.
_USER_WITH_APPLICANT = CompiledQuery(
    lambda pk: User.objects.select_related("applicant").filter(pk=pk), int
)


class PortalBackend(ModelBackend):
    def get_user(self, user_id):
        if type(user_id) is not int:
            return super().get_user(user_id)
        found = _USER_WITH_APPLICANT(user_id)
        return found[0] if found and self.user_can_authenticate(found[0]) else None
