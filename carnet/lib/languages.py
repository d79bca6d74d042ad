"""Languages by name, never by code: "sq" is shown as "Albanian" (in French, "Albanais").

language_name() for Python (exports, messages), the `language_name` template filter
(a builtin: every template has it), language_choices() for forms. Codes stay what is
stored and sent (lang= and hreflang= attributes, URLs).
"""

from django import forms, template
from django.conf.locale import LANG_INFO
from django.utils import translation
from django.utils.text import capfirst

register = template.Library()

# Languages written right to left (their base code: "ar" covers "ar-ma").
RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "ckb", "yi", "dv"}


@register.filter
def direction(code):
    """ "rtl" or "ltr", the dir= of text in that language (also a template filter)."""
    return "rtl" if (code or "").lower().split("-")[0] in RTL_LANGUAGES else "ltr"


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


def own_name(code):
    """The language as its speakers write it, then its name in the interface language when
    that differs: "Shqip (Albanian)". A code Django does not know is shown as given."""
    code = str(code or "").strip()
    try:
        info = translation.get_language_info(code)
    except KeyError:
        return code
    local, translated = capfirst(info["name_local"]), language_name(code)
    return local if local.casefold() == translated.casefold() else f"{local} ({translated})"


def local_name(code):
    """The language as its speakers write it ("Shqip" for "sq"), e.g. for the label of a
    subtitles track; a code Django does not know is shown as given."""
    code = str(code or "").strip()
    try:
        return capfirst(translation.get_language_info(code)["name_local"])
    except KeyError:
        return code


def own_name_choices(keep=()):
    """(code, own name) pairs of every language Django knows, by own name, after the codes
    in keep (those already chosen, in their order, so they show without scrolling); a kept
    code that Django does not know (typed into old data) is shown as it is, so none is lost."""
    known = {code for code, info in LANG_INFO.items() if "name" in info}
    kept = [code for code in dict.fromkeys(keep) if code]
    first = [(code, own_name(code) if code in known else code) for code in kept]
    rest = sorted(
        ((code, own_name(code)) for code in known if code not in kept),
        key=lambda pair: pair[1].casefold(),
    )
    return first + rest


def split_codes(value):
    """ "en, fr" or ["en", "fr"] -> ["en", "fr"]."""
    if isinstance(value, (list, tuple)):
        return [str(code).strip() for code in value if str(code).strip()]
    return [code.strip() for code in str(value or "").split(",") if code.strip()]


class LanguageCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes whose class (for the stylesheet) is on the list, not on every box. The list
    scrolls, so it is a region named after its field (region_label), reachable by keyboard."""

    template_name = "networks/_language_choices.html"  # the networks' forms use it

    def create_option(self, *args, **kwargs):
        option = super().create_option(*args, **kwargs)
        option["attrs"].pop("class", None)
        option["attrs"].pop("region_label", None)
        return option


class LanguagesField(forms.MultipleChoiceField):
    """Content languages as ticked boxes labelled by the languages' own names; the value is
    the comma-separated codes the models store. Codes already chosen keep their order (the
    first one is the network's main language) and new ones come after them; a code from old
    data that Django does not know stays ticked under its code."""

    widget = LanguageCheckboxes(attrs={"class": "language-choices"})

    def __init__(self, *, keep=(), **kwargs):
        super().__init__(choices=own_name_choices(keep), **kwargs)
        self.keep = list(keep)
        self.widget.attrs["region_label"] = self.label or ""

    def prepare_value(self, value):
        return split_codes(value)

    def clean(self, value):
        chosen = super().clean(value)
        ordered = [code for code in self.keep if code in chosen]
        ordered += [code for code, _name in self.choices if code in chosen and code not in ordered]
        return ", ".join(ordered)
