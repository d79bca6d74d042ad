from django import forms
from django.conf import settings
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .enums import Frequency


def language_choices():
    """The interface languages, each by its own name ("Shqip", "العربية")."""
    return [
        (code, capfirst(get_language_info(code)["name_local"]))
        for code, _name in settings.LANGUAGES
    ]


class PreferencesForm(forms.Form):
    """The person's language, then one choice per network the person belongs to."""

    def __init__(self, *args, networks, current, language="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"),
            choices=language_choices(),
            initial=language or settings.LANGUAGE_CODE,
            help_text=_("Carnet's pages and the e-mails you receive are in this language."),
        )
        self.networks = {f"network_{n.pk}": n for n in networks}
        for name, network in self.networks.items():
            self.fields[name] = forms.ChoiceField(
                label=network.name,
                choices=Frequency.choices,
                initial=current.get(network.pk, Frequency.AT_ONCE),
                widget=forms.RadioSelect,
            )

    def changes(self):
        """(network, frequency) for each network whose choice changed."""
        return [
            (network, self.cleaned_data[name])
            for name, network in self.networks.items()
            if name in self.changed_data
        ]
