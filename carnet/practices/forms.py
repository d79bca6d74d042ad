from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from carnet.lib import languages
from carnet.lib.markdown import clean_pasted
from carnet.safeguarding.enums import ConsentScope
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind

from .enums import Level, SuggestionKind
from .fields import DEFAULT_BY_KEY, DEFAULT_FIELDS, OTHER


def language_choices(network):
    return languages.language_choices(network.language_codes)


class MetaFields(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language"))
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices)
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = language_choices(network)
        # The network's own themes (carnet.vocabulary), and the archived ones the sheet has.
        keep = (self.initial or {}).get("themes") or ()
        self.fields["themes"].choices = vocabulary.choices(network, TermKind.THEME, keep=keep)

    def clean_title(self):
        return clean_pasted(self.cleaned_data["title"]).strip()


class NewSheetForm(MetaFields):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first().pk
        self.fields["language"].initial = "en"


def guide_text(spec):
    if not spec.guide:
        return ""
    return ngettext_lazy("About %(n)s word.", "About %(n)s words.", spec.guide) % {"n": spec.guide}


class SheetForm(MetaFields):
    """The title, the meta columns and one field per template field; revision: what was edited."""

    revision = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, network=sheet.network, **kwargs)
        self.specs = sheet.template.specs
        self.fields["title"].widget.attrs["data-guide"] = 15
        for spec in self.specs:
            attrs = {"data-guide": spec.guide} if spec.guide else {}
            if spec.markdown:
                attrs.update({"rows": 6, "data-markdown": "1"})
                widget = forms.Textarea(attrs=attrs)
            else:
                widget = forms.TextInput(attrs=attrs)
            # A draft saves with anything in it: what the template requires is asked
            # for when the sheet is submitted for review (domain.missing_fields).
            self.fields[spec.key] = forms.CharField(
                label=spec.label,
                required=False,
                widget=widget,
                help_text=guide_text(spec),
                strip=False,
            )
            self.fields[spec.key].needed_to_submit = spec.required

    def content(self):
        return {spec.key: self.cleaned_data.get(spec.key, "") for spec in self.specs}


def initial_for(sheet):
    return {
        "title": sheet.title,
        "language": sheet.language,
        "level": sheet.level,
        "themes": sheet.themes,
        "revision": sheet.revision,
        **sheet.content,
    }


class SuggestionForm(forms.Form):
    field = forms.ChoiceField(label=_("Field"))
    kind = forms.ChoiceField(label=_("Kind"), choices=SuggestionKind.choices)
    passage = forms.CharField(
        label=_("Passage"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Copy the words to change; leave empty to replace the whole field."),
        strip=False,
    )
    replacement = forms.CharField(
        label=_("Proposed text"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].choices = [(spec.key, spec.label) for spec in sheet.specs]


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 2}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    field = forms.CharField(required=False, widget=forms.HiddenInput)


class ConsentForm(forms.Form):
    """Who consented, to what, when (the fields of safeguarding's Consent)."""

    consent_scope = forms.ChoiceField(label=_("Consent"), choices=ConsentScope.choices)
    consent_by = forms.CharField(label=_("Consent given by"), max_length=200, required=False)
    consent_on = forms.DateField(
        label=_("Consent date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class PhotoForm(ConsentForm):
    image = forms.FileField(label=_("Photo"))
    caption = forms.CharField(label=_("Caption"), max_length=300, required=False)
    credit = forms.CharField(label=_("Credit"), max_length=200, required=False)
    field_order = ["image", "caption", "credit", "consent_scope", "consent_by", "consent_on"]


class QuoteConsentForm(ConsentForm):
    consent_scope = forms.ChoiceField(
        label=_("Consent of the person quoted"), choices=ConsentScope.choices
    )


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Word document (.docx)"))
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class TemplateForm(forms.Form):
    """Which fields the exercise's sheets have: used or not, label, required, length guide."""

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        stored = {item["key"]: item for item in template.fields}
        keys = [spec.key for spec in DEFAULT_FIELDS if spec.key != OTHER]
        keys += [key for key in stored if key not in keys and key != OTHER]
        self.rows = []
        for key in keys:
            default = DEFAULT_BY_KEY.get(key)
            item = stored.get(key, {})
            self.fields[f"{key}-use"] = forms.BooleanField(
                label=_("Use"), required=False, initial=key in stored
            )
            self.fields[f"{key}-label"] = forms.CharField(
                label=_("Label"),
                required=default is None,
                max_length=200,
                initial=item.get("label", ""),
                help_text=_("Empty: “%(label)s”.") % {"label": default.label} if default else "",
            )
            self.fields[f"{key}-required"] = forms.BooleanField(
                label=_("Required"),
                required=False,
                initial=item.get("required", default.required if default else False),
            )
            self.fields[f"{key}-guide"] = forms.IntegerField(
                label=_("Length guide (words)"),
                min_value=0,
                max_value=5000,
                initial=item.get("guide", default.guide if default else 0),
            )
            self.rows.append(
                (key, default.label if default else key, [self[f"{key}-{p}"] for p in PARTS])
            )

    def clean(self):
        data = super().clean()
        if not any(data.get(f"{key}-use") for key, _label, _fields in self.rows):
            raise forms.ValidationError(_("Keep at least one field."))
        return data

    def stored(self):
        data = self.cleaned_data
        return [
            {
                "key": key,
                "label": data[f"{key}-label"].strip(),
                "required": data[f"{key}-required"],
                "guide": data[f"{key}-guide"] or 0,
            }
            for key, _label, _fields in self.rows
            if data[f"{key}-use"]
        ] + [{"key": OTHER, "label": "", "required": False, "guide": 0}]


PARTS = ["use", "label", "required", "guide"]
