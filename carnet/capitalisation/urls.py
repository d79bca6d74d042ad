from django.urls import path

from . import exercise_views, views

app_name = "capitalisation"

C = "capitalisation/"

urlpatterns = [
    path(C, views.dashboard, name="dashboard"),
    path(f"{C}interviews/", views.interviews, name="interviews"),
    path(f"{C}interviews/new/", views.interview_add, name="interview_add"),
    path(f"{C}interviews/<int:pk>/", views.interview, name="interview"),
    path(f"{C}interviews/<int:pk>/edit/", views.interview_edit, name="interview_edit"),
    path(f"{C}guide/", views.interview_guide, name="interview_guide"),
    path(f"{C}guide/<int:pk>/", views.question_edit, name="question_edit"),
    path(f"{C}guide/<int:pk>/move/", views.question_move, name="question_move"),
    path(f"{C}expectations/", views.expectations, name="expectations"),
    path(f"{C}expectations/new/", views.expectation_add, name="expectation_add"),
    path(f"{C}expectations/<int:pk>/edit/", views.expectation_edit, name="expectation_edit"),
    path(f"{C}workshops/", views.workshops, name="workshops"),
    path(f"{C}workshops/new/", views.workshop_add, name="workshop_add"),
    path(f"{C}workshops/<int:pk>/", views.workshop, name="workshop"),
    path(f"{C}workshops/<int:pk>/edit/", views.workshop_edit, name="workshop_edit"),
    path(f"{C}workshops/<int:pk>/sessions/", views.session_add, name="session_add"),
    path(f"{C}workshops/<int:pk>/attendance/", views.attendance_add, name="attendance_add"),
    path(f"{C}workshops/<int:pk>/follow-ups/", views.follow_up_add, name="follow_up_add"),
    path(f"{C}follow-ups/<int:pk>/done/", views.follow_up_done, name="follow_up_done"),
    path(f"{C}learnings/", views.learnings, name="learnings"),
    path(f"{C}learnings/new/", views.learning_add, name="learning_add"),
    path(f"{C}learnings/<int:pk>/", views.learning, name="learning"),
    path(f"{C}learnings/<int:pk>/edit/", views.learning_edit, name="learning_edit"),
    path(f"{C}learnings/<int:pk>/evidence/", views.evidence_add, name="evidence_add"),
    path(f"{C}videos/", views.videos, name="videos"),
    path(f"{C}videos/new/", views.video_add, name="video_add"),
    path(f"{C}videos/<int:pk>/", views.video_edit, name="video_edit"),
    path("videos/", views.videos_public, name="videos_public"),
    path("videos/<int:pk>/", views.video_public, name="video_public"),
    path(f"{C}videos/<int:pk>/comments/", views.video_comment, name="video_comment"),
    path("exercises/", exercise_views.exercises, name="exercises"),
    path("exercises/new/", exercise_views.exercise_start, name="exercise_start"),
    path("exercises/<int:pk>/", exercise_views.exercise, name="exercise"),
    path("exercises/<int:pk>/edit/", exercise_views.exercise_edit, name="exercise_edit"),
    path("exercises/<int:pk>/phases/new/", exercise_views.phase_add, name="phase_add"),
    path("exercises/phases/<int:pk>/", exercise_views.phase_edit, name="phase_edit"),
    path("exercises/phases/<int:pk>/move/", exercise_views.phase_move, name="phase_move"),
    path("exercises/phases/<int:pk>/remove/", exercise_views.phase_remove, name="phase_remove"),
    path(f"{C}export/<slug:what>.<slug:fmt>", views.export, name="export"),
    path("synthesis/", views.synthesis, name="synthesis"),
    path("synthesis/published/", views.synthesis_public, name="synthesis_public"),
    path("synthesis/publish/", views.synthesis_publish, name="synthesis_publish"),
    path("synthesis/withdraw/", views.synthesis_withdraw, name="synthesis_withdraw"),
]
