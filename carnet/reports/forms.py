from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from carnet.lib.languages import own_name, own_name_choices
from carnet.lib.markdown import clean_pasted
from carnet.translations import editions

from .blocks import block_choices
from .enums import ChapterKind, DecisionState, FeedbackKind
from .models import Chapter, Report


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["title", "subtitle", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Chosen by the language's own name; a code from old data stays a choice, as it is.
        self.fields["language"] = forms.ChoiceField(
            label=_("Language"),
            choices=own_name_choices(keep=[self.instance.language]),
            initial=self.instance.language or "en",
        )


class ChapterForm(forms.ModelForm):
    block = forms.ChoiceField(label=_("Generated block"), required=False)

    class Meta:
        model = Chapter
        fields = ["title", "kind", "block", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [("", "—")] + block_choices()

    def clean_body(self):
        return clean_pasted(self.cleaned_data["body"])

    def clean(self):
        data = super().clean()
        if data.get("kind") == ChapterKind.BLOCK and not data.get("block"):
            self.add_error("block", _("Choose which block this chapter shows."))
        if data.get("kind") == ChapterKind.TEXT:
            data["block"] = ""
        return data


class FeedbackForm(forms.Form):
    chapter = forms.ModelChoiceField(
        label=_("Chapter"),
        queryset=Chapter.objects.none(),
        required=False,
        empty_label=_("The whole report"),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=FeedbackKind.choices)
    text = forms.CharField(
        label=_("Your comment or suggestion"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, report, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chapter"].queryset = report.chapters.all()


class DecisionForm(forms.Form):
    state = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (DecisionState.VALIDATED, _("We validate this version")),
            (DecisionState.CHANGES_REQUESTED, _("We ask for changes")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput)


class SendForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the partners"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    due_on = forms.DateField(
        label=_("Answers due by"),
        required=False,
        help_text=_(
            "Optional. Those who have not answered are reminded two days before, and again the "
            "day after."
        ),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_due_on(self):
        due_on = self.cleaned_data["due_on"]
        if due_on is not None and due_on < timezone.localdate():
            raise forms.ValidationError(_("The due date cannot be in the past."))
        return due_on


class BuildForm(forms.Form):
    """The language of the version to build: the network's reference language (the default)
    or another of its content languages (an edition; see carnet.translations.editions)."""

    language = forms.ChoiceField(label=_("Language of this version"), required=False)

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        codes = editions.languages(network)
        self.fields["language"].choices = [(code, own_name(code)) for code in codes]
        self.fields["language"].initial = codes[0]
        self.fields["language"].error_messages["invalid_choice"] = _(
            "The report cannot be built in “%(value)s”: it is not one of the network's languages."
        )
