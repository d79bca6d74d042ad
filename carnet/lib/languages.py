"""Languages by name, never by code: "sq" is shown as "Albanian" (in French, "Albanais").

language_name() for Python (exports, messages), the `language_name` template filter
(a builtin: every template has it), language_choices() for forms. Codes stay what is
stored and sent (lang= and hreflang= attributes, URLs).
"""

from django import template
from django.conf.locale import LANG_INFO
from django.utils import translation
from django.utils.text import capfirst

register = template.Library()


@register.filter
def language_name(code):
    """The language's name in the interface language; a code Django does not know is shown
    as given (it was typed by someone: better than nothing)."""
    code = str(code or "").strip()
    if not code:
        return ""
    try:
        info = translation.get_language_info(code)
    except KeyError:
        return code
    return capfirst(str(info["name_translated"]))


def language_choices(codes=None):
    """(code, name) pairs for a select: the given codes in their order, else every
    language Django knows, by name."""
    if codes is not None:
        return [(code, language_name(code)) for code in codes]
    known = [code for code, info in LANG_INFO.items() if "name" in info]
    return sorted(((code, language_name(code)) for code in known), key=lambda pair: pair[1])
