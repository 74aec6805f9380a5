"""The consultant's day ("my work"): what needs them across their clients, each line linking
to the client's case. Reads only the consultant's own clients; every list is a few queries
whatever the number of clients (the expiries compute details for the clients the stored
columns already picked out)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.deadlines import URGENT_DAYS
from cases.enums import DECIDED, DocumentStatus
from cases.expiries import expiries_for, expiring_within, on_maintained_status
from cases.models import Case, DocumentItem, Notification
from cases.notifications import link_for, sentence
from cases.thread.selectors import unread_by_client
from profiles.models import Applicant, User

# The deadlines listed are those the case pages show as urgent.
DEADLINE_DAYS = URGENT_DAYS
EXPIRY_DAYS = 90
MAINTAINED = _("on maintained status")
UPDATES_SHOWN = 20


@dataclass(frozen=True)
class WorkLine:
    client: str
    what: str
    on: date | None
    url: str
    count: int = 0


@dataclass(frozen=True)
class MyWork:
    deadlines: list[WorkLine]
    to_review: list[WorkLine]
    unread: list[WorkLine]
    expiring: list[WorkLine]
    updates: list[WorkLine]


def _case_url(case_id: int) -> str:
    return reverse("cases:detail", args=[case_id])


def _item_url(item: DocumentItem) -> str:
    return reverse("cases:documents", args=[item.case_id]) + f"#item-{item.pk}"


def my_work(*, consultant: User, today: date | None = None) -> MyWork:
    today = today or timezone.localdate()
    until = today + timedelta(days=DEADLINE_DAYS)
    mine = Q(applicant__consultant=consultant)
    deadlines = [
        WorkLine(str(case.applicant), case.get_next_deadline_kind_display(),
                 case.next_deadline_on, _case_url(case.pk))
        for case in Case.objects.filter(mine, next_deadline_on__range=(today, until))
        .exclude(status__in=DECIDED).select_related("applicant__user")
        .order_by("next_deadline_on")
    ]
    requests_due = DocumentItem.objects.filter(
        case__applicant__consultant=consultant, due_on__range=(today, until),
        status__in=(DocumentStatus.MISSING, DocumentStatus.NEEDS_CHANGES),
    ).select_related("case__applicant__user")
    deadlines += [WorkLine(str(item.case.applicant), item.title, item.due_on, _item_url(item))
                  for item in requests_due]
    to_review = [
        WorkLine(str(item.case.applicant), item.title, None, _item_url(item))
        for item in DocumentItem.objects.filter(
            case__applicant__consultant=consultant, status=DocumentStatus.UPLOADED,
            required=True,
        ).select_related("case__applicant__user").order_by("case_id", "position")
    ]
    counts = unread_by_client(consultant=consultant)
    clients = Applicant.objects.select_related("user").in_bulk(
        [row["case__applicant_id"] for row in counts])
    unread = [
        WorkLine(str(clients[row["case__applicant_id"]]), "", None,
                 reverse("cases:messages", args=[row["case_id"]]), count=row["count"])
        for row in counts
    ]
    expiring = []
    for applicant in (
        Applicant.objects.filter(consultant=consultant)
        .filter(expiring_within(EXPIRY_DAYS, today) | Q(status_in_canada="maintained"))
        .select_related("user", "case")
    ):
        case = getattr(applicant, "case", None)
        url = reverse("cases:client", args=[applicant.pk])
        if on_maintained_status(applicant):
            expiring.append(WorkLine(str(applicant), str(MAINTAINED), None, url))
        expiring += [
            WorkLine(str(applicant), expiry.label, expiry.on, url)
            for expiry in expiries_for(applicant=applicant, case=case)
            if expiry.days_left(today) <= EXPIRY_DAYS
        ]
    updates = [
        WorkLine(str(note.case.applicant), sentence(note), None,
                 link_for(case=note.case, kind=note.kind, item=note.item))
        for note in Notification.objects.filter(user=consultant, seen_at__isnull=True)
        .select_related("case__applicant__user", "item")[:UPDATES_SHOWN]
    ]
    return MyWork(
        deadlines=sorted(deadlines, key=lambda line: line.on),
        to_review=to_review, unread=unread,
        expiring=sorted(expiring, key=lambda line: line.on or date.min),
        updates=updates,
    )
