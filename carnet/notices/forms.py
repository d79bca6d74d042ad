from django import forms

from .enums import Frequency


class PreferencesForm(forms.Form):
    """One choice per network the person belongs to."""

    def __init__(self, *args, networks, current, **kwargs):
        super().__init__(*args, **kwargs)
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
