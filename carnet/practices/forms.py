from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from carnet.lib import languages
from carnet.lib.markdown import clean_pasted
from carnet.safeguarding.enums import ConsentScope
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind

from .enums import Level, SuggestionKind
from .fields import ADDED, DEFAULT_BY_KEY, DEFAULT_FIELDS, OTHER


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
    """The help under a sheet's field: the template's help text, then the length guide."""
    guide = (
        ngettext_lazy("About %(n)s word.", "About %(n)s words.", spec.guide) % {"n": spec.guide}
        if spec.guide
        else ""
    )
    return " ".join(str(part) for part in (spec.help, guide) if part)


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
    passage = forms.CharField(required=False, widget=forms.HiddenInput, strip=False)


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
    """Which fields the exercise's sheets have: used or not, label, help, required, length
    guide and order; a field can be added. An added field that is removed while sheets have
    text in it is archived (see fields.specs_with_content), otherwise it is dropped."""

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        stored = {item["key"]: item for item in template.fields}
        keys = [key for key in stored if key != OTHER]
        keys += [
            spec.key for spec in DEFAULT_FIELDS if spec.key not in stored and spec.key != OTHER
        ]
        self.rows = []
        for index, key in enumerate(keys, start=1):
            default = DEFAULT_BY_KEY.get(key)
            item = stored.get(key, {})
            used = key in stored and not item.get("archived")
            self.fields[f"{key}-use"] = forms.BooleanField(
                label=_("Use"), required=False, initial=used
            )
            self.fields[f"{key}-label"] = forms.CharField(
                label=_("Label"),
                required=default is None,
                max_length=200,
                initial=item.get("label", ""),
                help_text=_("Empty: “%(label)s”.") % {"label": default.label} if default else "",
            )
            self.fields[f"{key}-help"] = forms.CharField(
                label=_("Help text"),
                required=False,
                max_length=500,
                initial=item.get("help", ""),
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
            self.fields[f"{key}-position"] = forms.IntegerField(
                label=_("Position"), min_value=1, max_value=999, required=False, initial=index
            )
            label = (item.get("label") or key) if default is None else default.label
            self.rows.append(
                (
                    key,
                    label,
                    [self[f"{key}-{p}"] for p in PARTS],
                    default is None,
                    bool(item.get("archived")),
                )
            )
        self.fields["new-label"] = forms.CharField(
            label=_("Name of the new field"),
            required=False,
            initial="",
            max_length=200,
            help_text=_("Leave empty to add no field."),
        )
        self.fields["new-help"] = forms.CharField(
            label=_("Help text"),
            required=False,
            max_length=500,
            initial="",
            help_text=_("Shown under the field to whoever writes the sheet."),
        )
        self.fields["new-required"] = forms.BooleanField(label=_("Required"), required=False)
        self.fields["new-guide"] = forms.IntegerField(
            label=_("Length guide (words)"), min_value=0, max_value=5000, required=False, initial=0
        )
        self.new_fields = [self[f"new-{p}"] for p in ["label", "help", "required", "guide"]]

    def clean(self):
        data = super().clean()
        if not (data.get("new-label") or "").strip() and not any(
            data.get(f"{row[0]}-use") for row in self.rows
        ):
            raise forms.ValidationError(_("Keep at least one field."))
        return data

    def stored(self, in_use=()):
        """The template to store; in_use: the keys some sheet has text in."""
        data = self.cleaned_data
        order = sorted(
            enumerate(self.rows),
            key=lambda pair: (data.get(f"{pair[1][0]}-position") or pair[0] + 1, pair[0]),
        )
        result = []
        for _index, (key, _label, _fields, added, _archived) in order:
            item = {
                "key": key,
                "label": data[f"{key}-label"].strip(),
                "required": data[f"{key}-required"],
                "guide": data[f"{key}-guide"] or 0,
            }
            if data[f"{key}-help"].strip():
                item["help"] = data[f"{key}-help"].strip()
            if data[f"{key}-use"]:
                result.append(item)
            elif added and key in in_use:
                result.append({**item, "archived": True})
        label = (data.get("new-label") or "").strip()
        if label:
            taken = {row[0] for row in self.rows}
            base = ADDED + (slugify(label).replace("-", "_")[:40] or "field")
            key, n = base, 1
            while key in taken:
                n += 1
                key = f"{base}_{n}"
            result.append(
                {
                    "key": key,
                    "label": label,
                    "help": data["new-help"].strip(),
                    "required": data["new-required"],
                    "guide": data["new-guide"] or 0,
                }
            )
        return result + [{"key": OTHER, "label": "", "required": False, "guide": 0}]


PARTS = ["use", "label", "help", "required", "guide", "position"]
