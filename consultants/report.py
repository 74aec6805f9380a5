"""The stored evaluation shown in full on the client page: verdict, every requirement with the
engine's reason, each job's counted hours, each language test and every CRS line.

The reasons are the engine's own words; this module lays them out and decides nothing.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from eligibility.rules.language import TEST_LABELS
from profiles.enums import CecStatus
from profiles.models import Applicant
from profiles.phrases import (
    CRS_SECTIONS,
    VERDICT_ELIGIBLE_ON,
    factor_label,
    requirement_label,
)


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
    """"Eligible on 2027-03-14" rather than "eligible later" when the date is known."""
    if applicant.cec_status == CecStatus.ELIGIBLE_LATER and applicant.cec_eligible_on:
        return str(VERDICT_ELIGIBLE_ON % {"date": applicant.cec_eligible_on.isoformat()})
    return str(applicant.get_cec_status_display())


def evaluation_report(applicant: Applicant) -> SafeString:
    result = applicant.evaluation
    if not result:
        return format_html("<p>{}</p>", _("Not evaluated yet."))
    if "cec" not in result:
        return format_html(
            "<p>{}</p><ul>{}</ul>",
            _("The questionnaire is not complete; the engine needs:"),
            format_html_join("", "<li>{}</li>", ((p,) for p in result.get("problems", []))),
        )
    yes, no = _("met"), _("not met")
    cec, crs = result["cec"], result["crs"]
    return format_html(
        "<p><strong>{}</strong> · {} · {}</p>{}{}{}{}{}",
        verdict_text(applicant),
        _("evaluated as of %(date)s") % {"date": result["as_of"]},
        _("rules in force from %(date)s") % {"date": result["ruleset"]},
        _table(
            _("CEC requirements"), [_("requirement"), _("result"), _("reason")],
            [(requirement_label(r["code"]), yes if r["met"] else no, r["reason"])
             for r in cec["requirements"]],
        ),
        _table(
            _("Work experience"), [_("job"), _("counted hours"), _("not counted because")],
            [(j["index"] + 1, j["counted_hours"], j["excluded"] or "—") for j in cec["jobs"]],
        ),
        _table(
            _("Language tests"),
            [_("test"), _("taken on"), _("valid until"), _("valid"), _("CLB (L/R/W/S)")],
            [
                (t.get("label") or TEST_LABELS.get(t["test"], t["test"]), t["taken_on"],
                 t["valid_until"], _("yes") if t["valid"] else _("no"),
                 "/".join(str(t["clb"][a]) for a in ("listening", "reading", "writing",
                                                     "speaking")))
                for t in result["language"]
            ],
        ),
        _table(
            _("CRS %(total)s by section") % crs,
            [_("section"), _("points")],
            [(label, crs[code]) for code, label in CRS_SECTIONS.items()],
        ),
        _table(
            _("CRS %(total)s line by line") % crs,
            [_("factor"), _("points"), _("reason")],
            [(factor_label(line["factor"]), line["points"], line["detail"])
             for line in crs["lines"]],
        ),
    )
