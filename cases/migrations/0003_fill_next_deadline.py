"""Store the next deadline of every existing case.

The rule is copied here on purpose, not imported from ``cases.deadlines``: a migration must do
the same thing whenever it runs, and the app's code may change after it is written (the
historical models it is given also lack the live models' ``expires_on`` and ``deadline``).
It is the rule as of this migration: in the pool, the latest profile's expiry 12 months on;
invited, the latest invitation + 60 days; submitted, 30 days after the latest biometrics
instruction letter not followed by biometrics given; otherwise nothing.
"""

from datetime import timedelta

from django.db import migrations

POOL_YEARS = 1
ITA_DAYS = 60
BIOMETRICS_DAYS = 30
BATCH = 1000


def _add_years(day, years):
    # eligibility.rules.dates.add_years: Feb 29 becomes Feb 28 in a year without it.
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _latest(rows, field):
    # Each case's latest row by date then id, as cases.records orders them.
    latest = {}
    for case_id, on in rows.order_by("case_id", field, "id").values_list("case_id", field):
        latest[case_id] = on
    return latest


def _biometrics_due(stages):
    letter = {}
    for case_id, kind, on in stages.order_by("case_id", "on", "id").values_list(
        "case_id", "kind", "on"
    ):
        if kind == "biometrics_letter":
            letter[case_id] = on
        elif kind == "biometrics_given" and case_id in letter and on >= letter[case_id]:
            del letter[case_id]
    return {case_id: on + timedelta(days=BIOMETRICS_DAYS) for case_id, on in letter.items()}


def fill_next_deadline(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    ProfileSubmission = apps.get_model("cases", "ProfileSubmission")
    Invitation = apps.get_model("cases", "Invitation")
    DecisionStage = apps.get_model("cases", "DecisionStage")

    found = {}  # case id → (kind, date)
    submitted = _latest(ProfileSubmission.objects.filter(case__status="in_pool"), "submitted_on")
    for case_id, on in submitted.items():
        found[case_id] = ("pool_expiry", _add_years(on, POOL_YEARS))
    invited = _latest(Invitation.objects.filter(case__status="invited"), "invited_on")
    for case_id, on in invited.items():
        found[case_id] = ("application_due", on + timedelta(days=ITA_DAYS))
    letters = DecisionStage.objects.filter(
        case__status="submitted", kind__in=("biometrics_letter", "biometrics_given")
    )
    for case_id, on in _biometrics_due(letters).items():
        found[case_id] = ("biometrics_due", on)

    ids = sorted(found)
    for start in range(0, len(ids), BATCH):
        cases = list(Case.objects.filter(pk__in=ids[start:start + BATCH]))
        for case in cases:
            case.next_deadline_kind, case.next_deadline_on = found[case.pk]
        Case.objects.bulk_update(cases, ["next_deadline_kind", "next_deadline_on"])


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0002_next_deadline"),
    ]

    operations = [
        # Going back, 0002's reversal drops the columns; nothing to undo here.
        migrations.RunPython(fill_next_deadline, migrations.RunPython.noop),
    ]
