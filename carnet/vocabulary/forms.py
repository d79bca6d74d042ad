from django import forms
from django.utils.translation import gettext_lazy as _


class TermForm(forms.Form):
    label = forms.CharField(label=_("Label"), max_length=120)
