"""The cut-offs of some round types over 24 months, with a CRS score as a line: an SVG image.

Drawn on the server by pygal, so it needs no JavaScript; pages show it as an ``<img>`` (with a
data table beside it for screen readers). pygal writes its configuration into a ``<script>``
even with ``js=[]``; it is taken out, so the SVG carries no script at all. The only text inside
is ours: round type names, dates and numbers.
"""

import sys
from collections.abc import Iterable
from xml.etree import ElementTree

import pygal
from django.utils.translation import gettext as _
from pygal.style import Style

from eligibility.draws.chances import ChartPoint

# pygal puts a finder for its map plugins on sys.meta_path with only the old find_module API;
# importers that ask every finder for find_spec (pytest's, importlib's tools) then fail. The
# chart uses no map plugin: take the finder off.
sys.meta_path[:] = [
    finder for finder in sys.meta_path if not isinstance(finder, pygal.PluginImportFixer)
]

# Bootstrap's palette for the round types; the score is drawn last, in black.
PALETTE = ("#0d6efd", "#198754", "#d63384", "#fd7e14", "#6f42c1", "#20c997", "#6c757d")
SCORE_COLOUR = "#000000"


def _style(types: int) -> Style:
    colours = tuple(PALETTE[i % len(PALETTE)] for i in range(types)) + (SCORE_COLOUR,)
    return Style(
        background="white", plot_background="white", foreground="#212529",
        foreground_strong="#212529", foreground_subtle="#6c757d", colors=colours,
        font_family="system-ui, sans-serif",
    )


def cutoff_chart_svg(points: Iterable[ChartPoint], *, crs: int, title: str = "") -> bytes:
    """One series per round type (its rounds' lowest scores by date) and the score as a line."""
    points = sorted(points, key=lambda point: point.round.drawn_on)
    chart = pygal.DateLine(
        style=_style(len({point.label for point in points})), js=[], width=800, height=400,
        x_label_rotation=30, show_dots=True,
        dots_size=3, legend_at_bottom=True, truncate_legend=-1, title=title or None,
        x_value_formatter=lambda day: day.isoformat(),
        print_values=False, include_x_axis=False,
    )
    series: dict[str, list] = {}
    for point in points:
        series.setdefault(point.label, []).append((point.round.drawn_on, point.round.crs_cutoff))
    for label, values in series.items():
        chart.add(label, values)
    if points:
        first, last = points[0].round.drawn_on, points[-1].round.drawn_on
        chart.add(
            _("Your CRS: %(crs)s") % {"crs": crs}, [(first, crs), (last, crs)],
            show_dots=False, stroke_style={"width": 3, "dasharray": "6, 4"},
        )
    else:
        chart.no_data_text = _("No rounds of these types in the last 24 months")
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in [child for child in parent if _local(child.tag) == "script"]:
            parent.remove(child)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(tree)


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
