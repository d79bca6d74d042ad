from django import forms
from django.utils.translation import gettext_lazy as _

from carnet.capitalisation.forms import DATE, network_organisations
from carnet.lib.languages import language_choices
from carnet.vocabulary.domain import choices as vocabulary_choices
from carnet.vocabulary.enums import TermKind

from .enums import Kind

MAX_QUERY = 300  # characters kept of what is typed (a pasted page is cut, never refused)


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the network"), required=False, strip=True, widget=forms.SearchInput
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices]
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), required=False, queryset=None, empty_label=_("All organisations")
    )
    theme = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        help_text=_("Sheets with this theme, and the comments on them."),
    )
    language = forms.ChoiceField(label=_("Language"), required=False)
    since = forms.DateField(label=_("From"), required=False, widget=DATE)
    until = forms.DateField(label=_("Until"), required=False, widget=DATE)

    def __init__(self, data, *, network):
        data = data.copy()
        # Cut what was typed before the form reads it: 10 KB of query stay a query.
        data["q"] = "".join(ch for ch in data.get("q", "")[:MAX_QUERY] if ch != "\x00")
        super().__init__(data)
        if not data["q"]:  # the page is for typing: the box is ready (a phone opens its keyboard)
            self.fields["q"].widget.attrs["autofocus"] = True
        self.fields["organisation"].queryset = network_organisations(network).order_by("name")
        self.fields["theme"].choices = [
            ("", _("All themes")),
            *vocabulary_choices(network, TermKind.THEME),
        ]
        codes = network.language_codes or ["en"]
        self.fields["language"].choices = [("", _("All languages")), *language_choices(codes)]

    def filters(self):
        """The filters that are valid (an invalid one is shown with its error, and ignored)."""
        data = getattr(self, "cleaned_data", {})
        organisation = data.get("organisation")
        return {
            "kind": data.get("kind") or "",
            "organisation": organisation.pk if organisation else None,
            "theme": data.get("theme") or "",
            "language": data.get("language") or "",
            "since": data.get("since"),
            "until": data.get("until"),
        }
