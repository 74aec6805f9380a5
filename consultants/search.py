"""Client search for the admin list and its autocompletes.

Each word of the search must appear in the client's email, first or last name (the admin's
own rule), or each in the names from their passport (family, given, preferred); a whole
Express Entry profile or application number also finds its client. The
matching ids are found first with one UNION query over the small tables (users, profiles,
applications) that can use their indexes; the list then filters on those ids. One OR across
the joined tables instead makes the database read every client row, which on 50,000 clients
was the slowest search.
"""

from django.db.models import Q

from cases.models import Application, ProfileSubmission
from profiles.models import Applicant, User


def client_ids_matching(*, search_term: str) -> list[int]:
    words = search_term.split()
    if not words:
        return []
    users = User.objects.all()
    for word in words:
        users = users.filter(Q(email__icontains=word) | Q(first_name__icontains=word)
                             | Q(last_name__icontains=word))
    passport = Applicant.objects.all()
    for word in words:
        passport = passport.filter(Q(family_name__icontains=word)
                                   | Q(given_names__icontains=word)
                                   | Q(preferred_name__icontains=word))
    number = search_term.strip()
    by_name = Applicant.objects.filter(user__in=users).values_list("pk", flat=True)
    by_passport = passport.values_list("pk", flat=True)
    by_profile = ProfileSubmission.objects.filter(profile_number__iexact=number).values_list(
        "case__applicant_id", flat=True
    )
    by_application = Application.objects.filter(
        application_number__iexact=number
    ).values_list("case__applicant_id", flat=True)
    return list(by_name.order_by().union(
        by_passport.order_by(), by_profile.order_by(), by_application.order_by()
    ))
