"""Seed many plausible applicants for the benchmarks in ``bench/`` (development only).

    DJANGO_DEBUG=1 python manage.py seed_bench 50000 --consultants 20

Rows are written with bulk inserts (no history records, no password hashing: bench accounts
cannot sign in) and then evaluated by the rules engine, so the stored verdicts and scores are
real. The same seed gives the same data. Refuses to run unless DJANGO_DEBUG is on: thousands
of made-up people must never land in a real database.
"""

import random
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from tqdm import tqdm

from cases.deadlines import next_deadline_from
from cases.enums import CaseStatus, StageKind
from cases.models import Application, Case, DecisionStage, Invitation, ProfileSubmission
from profiles.enums import EducationLevel, MaritalStatus, Person, Province
from profiles.models import Applicant, Education, Job, LanguageTest, Spouse, User
from profiles.reevaluation import applicants_reevaluate
from profiles.roles import APPLICANT, CONSULTANT

DOMAIN = "bench.test"
UNUSABLE_PASSWORD = "!bench-account-cannot-sign-in"
# Real NOC 2021 codes across TEER 0-5, weighted towards the skilled work CEC counts.
NOCS = ("00012", "10010", "11100", "13110", "21231", "21232", "21211", "22220", "31301",
        "32101", "41200", "42202", "62020", "63200", "64100", "72106", "73300", "75101")
IELTS_STEPS = [Decimal(n) / 2 for n in range(9, 19)]  # 4.5 … 9.0
FIRST = ("Aisha", "Bruno", "Chen", "Daniela", "Emeka", "Fatima", "Gurpreet", "Hiroshi",
         "Ines", "Jun", "Kwame", "Leila", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Ravi")
LAST = ("Adeyemi", "Bautista", "Chowdhury", "Dubois", "Estrada", "Fernandes", "Gill",
        "Haddad", "Ito", "Kaur", "Li", "Mensah", "Nguyen", "Okafor", "Patel", "Rossi")


class Command(BaseCommand):
    help = "Seed N made-up applicants for the benchmarks (only with DJANGO_DEBUG=1)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("count", type=int, help="how many applicants to add")
        parser.add_argument("--consultants", type=int, default=20,
                            help="spread the applicants over this many consultants")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch-size", type=int, default=2000)
        parser.add_argument("--no-evaluate", action="store_true",
                            help="leave the stored evaluations empty")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("seed_bench: DJANGO_DEBUG is off; bench data is for development.")
        rng = random.Random(options["seed"])
        consultants = self._consultants(options["consultants"])
        start = User.objects.filter(email__endswith=f"@{DOMAIN}", is_staff=False).count()
        total, size = options["count"], options["batch_size"]
        applicant_group = Group.objects.get(name=APPLICANT)
        today = date.today()
        with tqdm(total=total, unit=" applicants", file=self.stderr._out, disable=None) as bar:
            for offset in range(0, total, size):
                numbers = range(start + offset, start + min(offset + size, total))
                self._batch(rng, numbers, consultants, applicant_group, today)
                bar.update(len(numbers))
        self._cases(rng, today)
        if not options["no_evaluate"]:
            applicants = Applicant.objects.filter(user__email__endswith=f"@{DOMAIN}")
            with tqdm(total=applicants.count(), unit=" evaluations", file=self.stderr._out,
                      disable=None) as bar:
                applicants_reevaluate(applicants=applicants, progress=bar.update)
        self.stdout.write(f"Added {total:,} applicants over {len(consultants)} consultants.")

    def _consultants(self, count: int) -> list[User]:
        group = Group.objects.get(name=CONSULTANT)
        consultants = []
        for n in range(count):
            user, created = User.objects.get_or_create(
                email=f"consultant{n}@{DOMAIN}",
                defaults={"is_staff": True, "password": UNUSABLE_PASSWORD,
                          "first_name": "Bench", "last_name": f"Consultant {n}"},
            )
            if created:
                user.groups.add(group)
            consultants.append(user)
        return consultants

    @transaction.atomic
    def _cases(self, rng, today) -> None:
        """Cases for bench applicants without one: most still preparing, some in the pool,
        invited or with an application in (so the list has live deadlines to show)."""
        ids = list(Applicant.objects.filter(user__email__endswith=f"@{DOMAIN}", case__isnull=True)
                   .values_list("pk", flat=True))
        weights = {CaseStatus.PREPARING: 50, CaseStatus.IN_POOL: 30, CaseStatus.INVITED: 10,
                   CaseStatus.SUBMITTED: 8, CaseStatus.APPROVED: 2}
        statuses = rng.choices(list(weights), weights=list(weights.values()), k=len(ids))
        cases = Case.objects.bulk_create(
            [Case(applicant_id=pk, status=status) for pk, status in zip(ids, statuses,
                                                                       strict=True)],
            batch_size=5000,
        )
        later = [case for case in cases if case.status != CaseStatus.PREPARING]
        profiles = ProfileSubmission.objects.bulk_create([
            ProfileSubmission(
                case=case, submitted_on=today - timedelta(days=rng.randint(60, 364)),
                profile_number=f"E{case.pk:09d}", job_seeker_code=f"BENCH{case.pk:07d}",
                verdict="eligible",
            )
            for case in later
        ], batch_size=5000)
        invited = [(case, profile) for case, profile in zip(later, profiles, strict=True)
                   if case.status != CaseStatus.IN_POOL]
        invitations = Invitation.objects.bulk_create([
            Invitation(
                case=case, profile=profile, round_number=str(rng.randint(300, 380)),
                invited_on=max(profile.submitted_on,
                               today - timedelta(days=rng.randint(1, 59))),
                crs_claimed=rng.randint(450, 560), verdict="eligible",
            )
            for case, profile in invited
        ], batch_size=5000)
        applied = [(case, invitation) for (case, _p), invitation
                   in zip(invited, invitations, strict=True) if case.status != CaseStatus.INVITED]
        Application.objects.bulk_create([
            Application(case=case, invitation=invitation, submitted_on=invitation.invited_on,
                        application_number=f"E{invitation.pk:09d}")
            for case, invitation in applied
        ], batch_size=5000)
        stages = DecisionStage.objects.bulk_create([
            DecisionStage(case=case, kind=StageKind.BIOMETRICS_LETTER,
                          on=invitation.invited_on + timedelta(days=rng.randint(1, 20)))
            for case, invitation in applied if case.status == CaseStatus.SUBMITTED
        ], batch_size=5000)
        # Bulk inserts bypass the services, so store each case's next deadline as they would.
        profile_of = {profile.case_id: profile for profile in profiles}
        invitation_of = {invitation.case_id: invitation for invitation in invitations}
        stages_of = {stage.case_id: [stage] for stage in stages}
        for case in later:
            found = next_deadline_from(
                status=case.status, profile=profile_of.get(case.pk),
                invitation=invitation_of.get(case.pk), stages=stages_of.get(case.pk, []),
            )
            case.next_deadline_kind, case.next_deadline_on = found or ("", None)
        Case.objects.bulk_update(later, ["next_deadline_on", "next_deadline_kind"],
                                 batch_size=5000)

    @transaction.atomic
    def _batch(self, rng, numbers, consultants, applicant_group, today) -> None:
        users = User.objects.bulk_create([
            User(email=f"applicant{n}@{DOMAIN}", password=UNUSABLE_PASSWORD,
                 first_name=rng.choice(FIRST), last_name=rng.choice(LAST))
            for n in numbers
        ])
        User.groups.through.objects.bulk_create([
            User.groups.through(user_id=user.pk, group_id=applicant_group.pk) for user in users
        ])
        applicants = Applicant.objects.bulk_create([
            Applicant(
                user=user,
                consultant=rng.choice(consultants) if consultants else None,
                birth_date=date(rng.randint(1975, 2002), rng.randint(1, 12), rng.randint(1, 28)),
                marital_status=MaritalStatus.MARRIED if rng.random() < 0.25
                else MaritalStatus.SINGLE,
                intended_province=rng.choice(Province.values),
                sibling_in_canada=rng.random() < 0.1,
            )
            for user in users
        ])
        spouses, education, tests, jobs = [], [], [], []
        for applicant in applicants:
            people = [Person.PRINCIPAL]
            if applicant.marital_status == MaritalStatus.MARRIED:
                spouses.append(Spouse(applicant=applicant, accompanying=rng.random() < 0.8))
                people.append(Person.SPOUSE)
            for person in people:
                education.append(Education(
                    applicant=applicant, person=person, level=rng.choice(EducationLevel.values),
                    canadian=rng.random() < 0.3,
                ))
                if person == Person.PRINCIPAL or rng.random() < 0.5:
                    tests.append(LanguageTest(
                        applicant=applicant, person=person, test="ielts_general",
                        taken_on=today - timedelta(days=rng.randint(10, 800)),
                        listening=rng.choice(IELTS_STEPS), reading=rng.choice(IELTS_STEPS),
                        writing=rng.choice(IELTS_STEPS), speaking=rng.choice(IELTS_STEPS),
                    ))
                begin = today - timedelta(days=rng.randint(200, 1600))
                for _ in range(rng.randint(1, 3)):
                    length = rng.randint(90, 700)
                    end = begin + timedelta(days=length)
                    jobs.append(Job(
                        applicant=applicant, person=person, noc=rng.choice(NOCS),
                        country="CA" if rng.random() < 0.8 else "IN", start=begin,
                        end=None if end >= today else end,
                        hours_per_week=Decimal(rng.choice((20, 25, 30, 37.5, 40, 44))),
                    ))
                    if end >= today:
                        break
                    begin = end + timedelta(days=rng.randint(1, 60))
        Spouse.objects.bulk_create(spouses)
        Education.objects.bulk_create(education)
        LanguageTest.objects.bulk_create(tests)
        Job.objects.bulk_create(jobs)
