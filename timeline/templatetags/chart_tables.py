"""The cells of a chart's table row in one filter call: a gap chart's table has hundreds of rows,
and a template loop over every cell was most of the chart's time. The same markup and escaping
as ``<th scope="row">{{ cell }}</th><td>{{ cell }}</td>…`` would give."""

from __future__ import annotations

from django import template
from django.conf import settings
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def shown(cell) -> str:
    # A whole number reads the same localized while no thousands separator is set, at a tenth of
    # the cost of ``localize``'s format look-ups (most cells are counts).
    if type(cell) is int and not settings.USE_THOUSAND_SEPARATOR:
        return str(cell)
    return conditional_escape(localize(cell))


@register.filter
def table_cells(row: list) -> SafeString:
    """The row's first cell as its header, the rest as data cells, each value escaped."""
    cells = [shown(cell) for cell in row]
    if not cells:
        return mark_safe("")
    head = f'<th scope="row">{cells[0]}</th>'
    return mark_safe(head + "".join(f"<td>{cell}</td>" for cell in cells[1:]))  # noqa: S308 (each cell escaped)
