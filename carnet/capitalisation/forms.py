from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from carnet.lib.languages import language_choices, own_name
from carnet.lib.webvtt import checked_upload
from carnet.networks.models import Organisation
from carnet.vocabulary import domain as vocabulary
from carnet.vocabulary.enums import TermKind

from . import evidence as registry
from .models import (
    Attendance,
    Exercise,
    Expectation,
    FollowUp,
    Interview,
    InterviewQuestion,
    Learning,
    Phase,
    Video,
    VideoSubtitles,
    Workshop,
    WorkshopSession,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_VIDEO_BYTES = 500 * 1024 * 1024


def network_organisations(network):
    return Organisation.objects.filter(memberships__network=network).distinct()


class NetworkForm(forms.ModelForm):
    """A form for an object of the network: organisations limited to its members."""

    def __init__(self, *args, network, **kwargs):
        self.network = network
        super().__init__(*args, **kwargs)
        if "organisation" in self.fields:
            self.fields["organisation"].queryset = network_organisations(network)
        if hasattr(self.instance, "network_id") and not self.instance.network_id:
            self.instance.network = network


class InterviewForm(NetworkForm):
    class Meta:
        model = Interview
        fields = [
            "organisation",
            "planned_on",
            "channel",
            "interviewers",
            "status",
            "reason",
            "notes",
        ]
        widgets = {"planned_on": DATE, "interviewers": forms.CheckboxSelectMultiple}

    def __init__(self, *args, network, questions=(), **kwargs):
        """questions: the interview guide's questions, one textarea each (see answers())."""
        super().__init__(*args, network=network, **kwargs)
        self.fields["interviewers"].queryset = (
            get_user_model()
            .objects.filter(roles__network=network, roles__kind__in=["coordinator", "facilitator"])
            .order_by("display_name", "username")
        )
        self.fields["notes"].label = _("Free notes")
        self.questions = list(questions)
        given = (
            {a.question_id: a.text for a in self.instance.answers.all()} if self.instance.pk else {}
        )
        for question in self.questions:
            label = question.text
            if question.archived:
                label = _("%(question)s (archived question)") % {"question": label}
            self.fields[f"q-{question.pk}"] = forms.CharField(
                label=label,
                required=False,
                initial=given.get(question.pk, ""),
                widget=forms.Textarea(attrs={"rows": 3}),
            )
        if self.questions:  # the answers come before the free notes
            order = [f for f in self.fields if not f.startswith("q-") and f != "notes"]
            self.order_fields([*order, *[f"q-{q.pk}" for q in self.questions], "notes"])

    def answers(self):
        return {q: self.cleaned_data.get(f"q-{q.pk}", "") for q in self.questions}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = InterviewQuestion
        fields = ["text", "archived"]
        widgets = {"text": forms.TextInput(attrs={"size": 80})}


class NewQuestionForm(forms.ModelForm):
    class Meta:
        model = InterviewQuestion
        fields = ["text"]
        labels = {"text": _("New question")}
        widgets = {"text": forms.TextInput(attrs={"size": 80})}


class ExpectationForm(NetworkForm):
    class Meta:
        model = Expectation
        fields = [
            "organisation",
            "interview",
            "put_forward",
            "understanding",
            "availability",
            "sheets",
            "moments",
            "sessions",
        ]
        widgets = {
            "understanding": forms.RadioSelect,
            "sheets": forms.CheckboxSelectMultiple,
            "moments": forms.CheckboxSelectMultiple,
            "sessions": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, network, **kwargs):
        from carnet.practices.models import Sheet
        from carnet.timeline.models import Milestone

        from .models import WorkshopSession

        super().__init__(*args, network=network, **kwargs)
        self.fields["understanding"].choices = [
            (value, label if value != "" else _("Not assessed yet"))
            for value, label in self.fields["understanding"].choices
        ]
        self.fields["interview"].queryset = Interview.objects.filter(
            network=network
        ).select_related("organisation")
        self.fields["sheets"].queryset = Sheet.objects.references(network).order_by("title")
        self.fields["moments"].queryset = Milestone.objects.filter(network=network)
        self.fields["sessions"].queryset = WorkshopSession.objects.filter(
            workshop__network=network
        ).select_related("workshop")

    def clean(self):
        data = super().clean()
        interview = data.get("interview")
        organisation = data.get("organisation")
        if interview and organisation and interview.organisation_id != organisation.pk:
            self.add_error(
                "interview",
                _("This interview was held with another organisation: choose one of %(name)s's.")
                % {"name": organisation},
            )
        return data


class WorkshopForm(NetworkForm):
    class Meta:
        model = Workshop
        fields = ["title", "place", "start_on", "end_on", "description"]
        widgets = {"start_on": DATE, "end_on": DATE}


class SessionForm(forms.ModelForm):
    class Meta:
        model = WorkshopSession
        fields = ["day", "topic", "facilitator", "level", "notes"]


class AttendanceForm(forms.ModelForm):
    class Meta:
        model = Attendance
        fields = ["organisation", "present", "absence_reason", "absence_note"]

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.workshop = workshop
        self.fields["organisation"].queryset = network_organisations(workshop.network)


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = FollowUp
        fields = ["attendance", "kind", "planned_on", "status", "done_on", "notes"]
        widgets = {"planned_on": DATE, "done_on": DATE}

    def __init__(self, *args, workshop, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendance"].queryset = workshop.attendance.filter(
            present=False
        ).select_related("organisation")
        self.fields["attendance"].label = _("Absent organisation")


class LearningForm(forms.ModelForm):
    class Meta:
        model = Learning
        fields = ["statement", "category", "perspective", "level", "strength"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, network, **kwargs):
        super().__init__(*args, **kwargs)
        # The network's own categories (carnet.vocabulary), and the one this learning has.
        keep = [self.instance.category] if self.instance.pk else []
        self.fields["category"] = forms.ChoiceField(
            label=_("Category"),
            choices=[
                ("", "—"),
                *vocabulary.choices(network, TermKind.LEARNING_CATEGORY, keep=keep),
            ],
        )


class EvidenceForm(forms.Form):
    source = forms.ChoiceField(label=_("Source"))
    field = forms.CharField(label=_("Field"), required=False, max_length=100)
    passage = forms.CharField(
        label=_("Passage"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, network, **kwargs):
        self.network = network
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [("", "—")] + registry.choices(network)

    def clean_source(self):
        obj = registry.resolve(self.cleaned_data["source"], self.network)
        if obj is None:
            raise forms.ValidationError(_("Choose a source of this network."))
        return obj

    def clean(self):
        data = super().clean()
        source = data.get("source")
        field = data.get("field")
        if source is not None and field:
            allowed = registry.source_for(source).fields
            if field not in allowed:
                self.add_error("field", _("This source has no such field."))
        return data


class VideoForm(NetworkForm):
    """A video; its subtitles one language at a time (in the network's content languages or
    the one spoken in the film): a file in a language that has one replaces it."""

    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")
    language = forms.ChoiceField(label=_("language"), initial="en")
    subtitles = forms.FileField(
        label=_("Subtitles (WebVTT)"),
        required=False,
        help_text=_("A .vtt file; it is checked before anything is saved."),
    )
    subtitles_language = forms.ChoiceField(label=_("Language of the subtitles"), required=False)
    remove_subtitles = forms.ModelMultipleChoiceField(
        label=_("Remove subtitles"),
        queryset=VideoSubtitles.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # By name, the network's languages first (a testimony may be in any language).
        ours = self.network.language_codes if self.network else []
        choices = [*language_choices(ours)]
        choices += [pair for pair in language_choices() if pair[0] not in ours]
        current = self.instance.language if self.instance.pk else ""
        if current and current not in dict(choices):
            choices.append((current, current))  # typed before the list: kept
        self.fields["language"].choices = choices
        # The language spoken in the film too (as saved, or as chosen in this form).
        spoken = self.data.get("language") or current if self.is_bound else current
        spoken = [spoken] if spoken in dict(choices) and spoken not in ours else []
        self.fields["subtitles_language"].choices = [
            ("", "—"),
            *((code, own_name(code)) for code in [*ours, *spoken]),
        ]
        if self.instance.pk and self.instance.tracks.exists():
            self.fields["remove_subtitles"].queryset = self.instance.tracks.all()
            self.fields["remove_subtitles"].label_from_instance = lambda t: own_name(t.language)
        else:
            del self.fields["remove_subtitles"]

    class Meta:
        model = Video
        fields = [
            "title",
            "organisation",
            "speaker",
            "language",
            "status",
            "link",
            "file",
            "subtitles",
            "subtitles_language",
            "transcript",
            "consent_scope",
            "consent_by",
            "consent_on",
        ]
        widgets = {"consent_on": DATE}

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "content_type"):
            if uploaded.size > MAX_VIDEO_BYTES:
                raise forms.ValidationError(_("The video is too big (500 MB at most)."))
            uploaded.seek(0)
            head = uploaded.read(16)
            uploaded.seek(0)
            if not (head[4:8] == b"ftyp" or head.startswith(b"\x1a\x45\xdf\xa3")):
                raise forms.ValidationError(_("The video must be an MP4 or WebM file."))
        return uploaded

    field_order = [*Meta.fields[:9], "remove_subtitles"]

    def clean_subtitles(self):
        uploaded = self.cleaned_data.get("subtitles")
        return checked_upload(uploaded) if uploaded else None

    def clean(self):
        data = super().clean()
        if data.get("subtitles") and not data.get("subtitles_language"):
            self.add_error("subtitles_language", _("Say which language they are in."))
        return data

    def _save_m2m(self):
        """After the video is saved (ModelForm.save, or save_m2m after save(commit=False)):
        its subtitles removed, then added."""
        super()._save_m2m()
        for track in self.cleaned_data.get("remove_subtitles") or ():
            track.remove()
        if self.cleaned_data.get("subtitles"):
            VideoSubtitles.put(
                self.instance,
                language=self.cleaned_data["subtitles_language"],
                upload=self.cleaned_data["subtitles"],
            )


class VideoCommentForm(forms.Form):
    """A comment at a time of the film: mm:ss (or h:mm:ss)."""

    at = forms.CharField(
        label=_("At (mm:ss)"), max_length=9, help_text=_("The time in the film, e.g. 01:25.")
    )
    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_at(self):
        parts = self.cleaned_data["at"].strip().split(":")
        if not 2 <= len(parts) <= 3 or not all(p.isdigit() and len(p) <= 3 for p in parts):
            raise forms.ValidationError(_("Give the time as mm:ss, e.g. 01:25."))
        numbers = [int(p) for p in parts]
        if any(n >= 60 for n in numbers[1:]):
            raise forms.ValidationError(_("Minutes and seconds go up to 59."))
        seconds = 0
        for number in numbers:
            seconds = seconds * 60 + number
        if seconds > 24 * 3600:
            raise forms.ValidationError(_("Give the time as mm:ss, e.g. 01:25."))
        return seconds


# --- exercises and their phases ------------------------------------------------------------

DEFAULT_METHOD = "default"


class ExerciseForm(forms.ModelForm):
    class Meta:
        model = Exercise
        fields = ["title", "description"]


class StartExerciseForm(ExerciseForm):
    """A new exercise: from the default method, or by copying one the person may copy."""

    start_from = forms.ChoiceField(
        label=_("Start from"),
        widget=forms.RadioSelect,
        initial=DEFAULT_METHOD,
        help_text=_(
            "A copy takes the phases (names and goals, not their dates) and the sheet template."
        ),
    )

    class Meta(ExerciseForm.Meta):
        pass

    def __init__(self, *args, copyable=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.copyable = {str(exercise.pk): exercise for exercise in copyable}
        self.fields["start_from"].choices = [
            (DEFAULT_METHOD, _("The default method: its five phases"))
        ] + [
            (
                key,
                _("A copy of “%(title)s” (%(network)s)")
                % {"title": exercise.title, "network": exercise.network.name},
            )
            for key, exercise in self.copyable.items()
        ]

    def copy_from(self):
        """The exercise chosen to copy, or None for the default method."""
        return self.copyable.get(self.cleaned_data["start_from"])


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = [
            "name",
            "goal",
            "status",
            "planned_start",
            "planned_end",
            "actual_start",
            "actual_end",
        ]
        widgets = {
            "goal": forms.Textarea(attrs={"rows": 3}),
            "planned_start": DATE,
            "planned_end": DATE,
            "actual_start": DATE,
            "actual_end": DATE,
        }
