"""The form field of every date people type that may be partial (a key moment's start and
end, the day a member joined or left): one reader, carnet.lib.dates.parse, day first.

What was typed is never cut short (no maxlength): "septembre 2016" is read whole, and
anything too long to be a date is refused with a message, never truncated.
"""

import datetime

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .dates import BadDate, PartialDate, parse

LONGEST = 40  # "Wednesday 12 September 2016" and more; never a maxlength on the input


def date_problem(error):
    """A BadDate (carnet.lib.dates) said in the reader's language."""
    parts = {"year": _("year"), "month": _("month"), "day": _("day")}
    templates = {
        "not_a_number": _("%(part)s is not a number: %(value)s"),
        "not_whole": _("%(part)s is not a whole number: %(value)s"),
        "year_range": _("year %(year)s is out of range (1 to 9999)"),
        "before_common_era": _("year %(year)s is before the common era: moments start in year 1"),
        "day_without_month": _("a day needs a month"),
        "no_such_month": _("month %(month)s does not exist"),
        "no_such_day": _("%(date)s does not exist"),
        "no_year": _("the year is missing"),
        "unreadable": _(
            "“%(text)s” is not a date (write e.g. 2015, October 2015, 10/2015 or 12/10/2015)"
        ),
        "ambiguous": _("“%(text)s” could be %(one)s or %(other)s: write the date year-month-day"),
        "end_before_start": _("the end (%(end)s) is before the start (%(start)s)"),
    }
    params = dict(error.params)
    if "part" in params:
        params["part"] = parts.get(params["part"], params["part"])
    return templates.get(error.code, str(error)) % params


class PartialDateField(forms.Field):
    """Cleans to a PartialDate (or None when blank and not required).

    Reads 2016, 2016-10, 10/2016, "October 2016", "octobre 2016", 12/10/2016 (the day
    first), 2016-10-12, "12 October 2016"; shows a stored value as 2016, 2016-10 or
    2016-10-12.
    """

    widget = forms.TextInput
    default_help_text = gettext_lazy(
        "A year (2016), a month (October 2016 or 10/2016) or a day (12/10/2016)."
    )

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", self.default_help_text)
        super().__init__(**kwargs)

    def widget_attrs(self, widget):
        return {**super().widget_attrs(widget), "autocomplete": "off", "spellcheck": "false"}

    def prepare_value(self, value):
        if isinstance(value, PartialDate):
            return value.iso()
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    def to_python(self, value):
        text = (value or "").strip() if isinstance(value, str) else value
        if text in self.empty_values:
            return None
        if isinstance(text, PartialDate):
            return text
        if isinstance(text, datetime.date):
            return PartialDate.from_date(text)
        if len(text) > LONGEST:
            raise forms.ValidationError(
                _("This is too long to be a date: write e.g. October 2016."), code="too_long"
            )
        try:
            return parse(text, day_first=True)
        except BadDate as exc:
            raise forms.ValidationError(date_problem(exc), code="bad_date") from None
