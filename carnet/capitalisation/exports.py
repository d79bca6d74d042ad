"""Every list of the capitalisation as rows, for CSV and XLSX exports.

What belongs to an exercise (interviews, expectations, workshops and what they hold,
learnings) is exported for the exercise given (`exercise`, the one the page showed); the
network's documents and videos belong to the network and are exported whole."""

from django.utils.translation import gettext as _

from carnet.lib.languages import language_name
from carnet.lib.spreadsheets import csv_bytes, xlsx_bytes
from carnet.library.exports import documents

from .models import (
    Attendance,
    Evidence,
    Exercise,
    Expectation,
    FollowUp,
    Interview,
    InterviewQuestion,
    Learning,
    Video,
    WorkshopSession,
    in_exercise,
)


def interviews(network, *, notes, exercise=None):
    headers = [
        _("Organisation"),
        _("Planned date"),
        _("Channel"),
        _("Interviewers"),
        _("Status"),
        _("Reason"),
        _("Expectations"),
    ]
    questions = []
    if notes:  # the answers to the guide, like the notes, for organisers only
        headers.append(_("Notes"))
        exercise = exercise or Exercise.objects.current(network)
        questions = list(
            InterviewQuestion.objects.filter(exercise=exercise).order_by("archived", "position")
        )
        headers += [question.text for question in questions]
    rows = []
    queryset = (
        Interview.objects.filter(in_exercise(exercise), network=network)
        .select_related("organisation")
        .prefetch_related("interviewers", "answers")
    )
    for item in queryset:
        row = [
            str(item.organisation),
            item.planned_on.isoformat() if item.planned_on else "",
            item.get_channel_display(),
            ", ".join(str(person) for person in item.interviewers.all()),
            item.get_status_display(),
            item.reason,
            item.expectations,
        ]
        if notes:
            row.append(item.notes)
            given = {answer.question_id: answer.text for answer in item.answers.all()}
            row += [given.get(question.pk, "") for question in questions]
        rows.append(row)
    return headers, rows


def expectations(network, *, exercise=None, **kwargs):
    headers = [
        _("Organisation"),
        _("Wants to put forward"),
        _("Understanding of capitalisation"),
        _("Availability"),
        _("Sheets"),
        _("Key moments"),
        _("Workshop sessions"),
    ]
    queryset = (
        Expectation.objects.filter(in_exercise(exercise), network=network)
        .select_related("organisation")
        .prefetch_related("sheets", "moments", "sessions")
    )
    rows = [
        [
            str(item.organisation),
            item.put_forward,
            item.get_understanding_display() if item.understanding else "",
            item.availability,
            "; ".join(sheet.title for sheet in item.sheets.all()),
            "; ".join(str(moment) for moment in item.moments.all()),
            "; ".join(session.topic for session in item.sessions.all()),
        ]
        for item in queryset
    ]
    return headers, rows


def sessions(network, *, exercise=None, **kwargs):
    headers = [_("Workshop"), _("Day"), _("Topic"), _("Facilitator"), _("Level")]
    rows = [
        [str(s.workshop), s.day, s.topic, s.facilitator, s.get_level_display()]
        for s in WorkshopSession.objects.filter(
            in_exercise(exercise, "workshop__"), workshop__network=network
        ).select_related("workshop")
    ]
    return headers, rows


def attendance(network, *, exercise=None, **kwargs):
    headers = [_("Workshop"), _("Organisation"), _("Present"), _("Reason"), _("Details")]
    rows = [
        [
            str(a.workshop),
            str(a.organisation),
            _("yes") if a.present else _("no"),
            a.get_absence_reason_display(),
            a.absence_note,
        ]
        for a in Attendance.objects.filter(
            in_exercise(exercise, "workshop__"), workshop__network=network
        ).select_related("workshop", "organisation")
    ]
    return headers, rows


def follow_ups(network, *, exercise=None, **kwargs):
    headers = [_("Organisation"), _("Follow-up"), _("Planned date"), _("Status"), _("Done on")]
    rows = [
        [
            str(f.attendance.organisation),
            f.get_kind_display(),
            f.planned_on.isoformat() if f.planned_on else "",
            f.get_status_display(),
            f.done_on.isoformat() if f.done_on else "",
        ]
        for f in FollowUp.objects.filter(
            in_exercise(exercise, "attendance__workshop__"), attendance__workshop__network=network
        ).select_related("attendance__organisation")
    ]
    return headers, rows


def learnings(network, *, exercise=None, **kwargs):
    headers = [
        _("Statement"),
        _("Category"),
        _("Perspective"),
        _("Level"),
        _("Strength"),
        _("Organisations"),
        _("Evidence"),
    ]
    evidence = {}
    for item in Evidence.objects.filter(
        in_exercise(exercise, "learning__"), learning__network=network
    ).select_related("organisation", "content_type"):
        evidence.setdefault(item.learning_id, []).append(item)
    rows = []
    for learning in Learning.objects.filter(in_exercise(exercise), network=network):
        learning.network = network  # one reading of the network's categories
        items = evidence.get(learning.pk, [])
        rows.append(
            [
                learning.statement,
                learning.get_category_display(),
                learning.get_perspective_display(),
                learning.get_level_display(),
                learning.strength,
                ", ".join(sorted({str(e.organisation) for e in items if e.organisation})),
                len(items),
            ]
        )
    return headers, rows


def videos(network, **kwargs):
    headers = [
        _("Title"),
        _("Organisation"),
        _("Speaker"),
        _("Language"),
        _("Status"),
        _("Consent"),
        _("Link"),
    ]
    rows = [
        [
            v.title,
            str(v.organisation or ""),
            v.speaker,
            language_name(v.language),
            v.get_status_display(),
            v.get_consent_scope_display(),
            v.link,
        ]
        for v in Video.objects.filter(network=network).select_related("organisation")
    ]
    return headers, rows


EXPORTS = {
    "interviews": interviews,
    "expectations": expectations,
    "documents": documents,
    "sessions": sessions,
    "attendance": attendance,
    "follow-ups": follow_ups,
    "learnings": learnings,
    "videos": videos,
}


def to_csv(headers, rows):
    return csv_bytes([headers, *rows])


def to_xlsx(headers, rows, *, title):
    return xlsx_bytes([headers, *rows], title=title)
