"""The stored evaluation shown in full on the client page: verdict, every requirement with the
engine's reason, each job's counted hours, each language test and every CRS line.

The reasons are the engine's own words; this module lays them out and decides nothing.
"""

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from eligibility.draws.chances import chances_for, round_type_label
from eligibility.draws.rounds import ROUND_CATEGORY_OF_ENGINE
from profiles.enums import Person
from profiles.evaluation import category_codes, openings_for, stored_evaluation
from profiles.models import Applicant, Job
from profiles.phrases import job_label
from profiles.reading import Result, Verdict


def _table(caption: str, head: list[str], rows: list[tuple]) -> SafeString:
    if not rows:
        return format_html("")
    return format_html(
        '<table class="evaluation-table"><caption>{}</caption><thead><tr>{}</tr></thead>'
        "<tbody>{}</tbody></table>",
        caption,
        format_html_join("", "<th scope=\"col\">{}</th>", ((h,) for h in head)),
        format_html_join(
            "", "<tr>{}</tr>",
            ((format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),) for row in rows),
        ),
    )


def verdict_text(applicant: Applicant) -> str:
    """The stored verdict's name: "Eligible on 2027-03-14" rather than "eligible later" when
    the date is known."""
    return Verdict(applicant.cec_status, applicant.cec_eligible_on).label


def categories_text(applicant: Applicant) -> str:
    """The stored eligible categories' names, in the engine's order: "Healthcare and social
    services, French-language proficiency"."""
    return ", ".join(
        round_type_label(ROUND_CATEGORY_OF_ENGINE[code])
        for code in category_codes(applicant.eligible_categories)
        if code in ROUND_CATEGORY_OF_ENGINE
    )


def category_standing(applicant: Applicant) -> SafeString:
    """The client's standing per round type and category (the portal's "my chances")."""
    evaluation = stored_evaluation(applicant)
    if evaluation is None or evaluation.result is None:
        return format_html("<p>{}</p>", _("No CRS score yet: the questionnaire is not complete."))
    chances = chances_for(result=evaluation.result, on=evaluation.result.as_of)
    return render_to_string("eligibility/_chances.html", {
        "chances": chances, "is_consultant": True, "openings": openings_for(applicant=applicant),
    })


def _job_name(job: Job | None) -> str:
    if job is None:
        return "—"
    return job_label(job)


def _result_tables(applicant: Applicant, result: Result) -> SafeString:
    yes, no = _("met"), _("not met")
    jobs = {job.pk: job for job in applicant.jobs.all() if job.person == Person.PRINCIPAL}
    return format_html(
        "{}{}{}{}{}",
        _table(
            _("CEC requirements"), [_("requirement"), _("result"), _("reason")],
            [(r.label, yes if r.met else no, r.reason) for r in result.requirements],
        ),
        _table(
            _("Work experience"), [_("job"), _("counted hours"), _("not counted because")],
            [(_job_name(jobs.get(j.job_id)), number_format(j.counted_hours, force_grouping=True),
              j.excluded or "—")
             for j in result.jobs],
        ),
        _table(
            _("Language tests"),
            [_("test"), _("taken on"), _("valid until"), _("valid"), _("CLB (L/R/W/S)")],
            [
                (t.label, t.taken_on.isoformat(), t.valid_until.isoformat(),
                 _("yes") if t.valid else _("no"), str(t.clb))
                for t in result.tests
            ],
        ),
        _table(
            _("CRS %(total)s by section") % {"total": result.crs.total},
            [_("section"), _("points")],
            [(section.label, section.points) for section in result.crs.sections],
        ),
        _table(
            _("CRS %(total)s line by line") % {"total": result.crs.total},
            [_("factor"), _("points"), _("reason")],
            [(line.label, line.points, line.detail) for line in result.crs.lines],
        ),
    )


def evaluation_report(applicant: Applicant) -> SafeString:
    evaluation = stored_evaluation(applicant)
    if evaluation is None:
        return format_html("<p>{}</p>", _("Not evaluated yet."))
    if evaluation.result is None:
        return format_html(
            "<p>{}</p><ul>{}</ul>",
            _("The questionnaire is not complete; the engine needs:"),
            format_html_join("", "<li>{}</li>", ((p.text,) for p in evaluation.problems)),
        )
    result = evaluation.result
    return format_html(
        "<p><strong>{}</strong> · {} · {}</p>{}",
        evaluation.verdict.label,
        _("evaluated as of %(date)s") % {"date": result.as_of.isoformat()},
        _("rules in force from %(date)s") % {"date": result.ruleset},
        _result_tables(applicant, result),
    )
