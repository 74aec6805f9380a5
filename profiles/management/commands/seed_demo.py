"""Create a demo applicant and a demo consultant, for a developer trying the site locally.

Refuses to run unless DJANGO_DEBUG is on: demo accounts with known passwords must never exist
on a real site. Running it again changes nothing.
"""

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction

from profiles.models import Applicant, User
from profiles.roles import CONSULTANT
from profiles.services import applicant_sign_up

DEMO_APPLICANT = ("applicant@demo.test", "demo-applicant-2026")
DEMO_CONSULTANT = ("consultant@demo.test", "demo-consultant-2026")


class Command(BaseCommand):
    help = "Create demo accounts (only with DJANGO_DEBUG=1)."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            self.stdout.write("seed_demo: DJANGO_DEBUG is off, no demo accounts created.")
            return
        consultant_email, consultant_password = DEMO_CONSULTANT
        consultant = User.objects.filter(email=consultant_email).first()
        if consultant is None:
            consultant = User.objects.create_user(
                email=consultant_email, password=consultant_password, is_staff=True,
                first_name="Demo", last_name="Consultant",
            )
            consultant.groups.add(Group.objects.get(name=CONSULTANT))
        applicant_email, applicant_password = DEMO_APPLICANT
        user = User.objects.filter(email=applicant_email).first()
        if user is None:
            user = applicant_sign_up(email=applicant_email, password=applicant_password)
        Applicant.objects.filter(user=user, consultant__isnull=True).update(consultant=consultant)
        self.stdout.write(
            "Demo accounts (development only):\n"
            f"  applicant   {applicant_email} / {applicant_password}\n"
            f"  consultant  {consultant_email} / {consultant_password}  (admin: /admin/)"
        )
