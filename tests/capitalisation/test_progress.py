from carnet.capitalisation.domain import create_exercise
from carnet.capitalisation.enums import InterviewStatus
from carnet.capitalisation.progress import STEPS, phase_steps, register_step

from .factories import AttendanceFactory, InterviewFactory, VideoFactory, WorkshopFactory


def figures(exercise):
    return {
        step.step.key: (step.done, step.total)
        for steps in phase_steps(exercise).values()
        for step in steps
    }


def test_progress_is_computed_from_the_data(network, org_a, org_b):
    exercise = create_exercise(network=network, title="Capitalisation")
    assert figures(exercise)["interviews"] == (0, 2)
    InterviewFactory(
        network=network, organisation=org_a, status=InterviewStatus.DONE, expectations="x"
    )
    InterviewFactory(network=network, organisation=org_a, status=InterviewStatus.DONE)
    InterviewFactory(network=network, organisation=org_b, status=InterviewStatus.UNAVAILABLE)
    workshop = WorkshopFactory(network=network)
    AttendanceFactory(workshop=workshop, organisation=org_a)
    AttendanceFactory(workshop=workshop, organisation=org_b, present=False, absence_reason="flight")
    VideoFactory(network=network, status="published")
    VideoFactory(network=network, status="editing")
    result = figures(exercise)
    assert result["interviews"] == (1, 2)
    assert result["expectations"] == (1, 1)
    assert result["attendance"] == (1, 2)
    assert result["videos"] == (1, 2)


def test_other_apps_register_steps(network):
    exercise = create_exercise(network=network, title="Capitalisation")
    try:
        register_step("sheets_reviewed", phase=5, label="Sheets reviewed", compute=lambda e: (3, 4))
        register_step("not_yet", phase=3, label="Nothing to count", compute=lambda e: None)
        steps = phase_steps(exercise)
        assert [s.step.key for s in steps[5]] == ["videos", "sheets_reviewed"]
        assert steps[5][1].percent == 75
        assert 3 not in steps
    finally:
        STEPS.pop("sheets_reviewed")
        STEPS.pop("not_yet")


def test_dashboard_shows_phases_and_figures(client, vera, network, org_a):
    create_exercise(network=network, title="Capitalisation 2019")
    InterviewFactory(network=network, organisation=org_a, status=InterviewStatus.DONE)
    client.force_login(vera)
    body = client.get("/euromed/capitalisation/").content.decode()
    assert "Capitalisation 2019" in body
    assert "Every partner interviewed" in body
    assert '<progress max="1" value="1"' in body
    assert "1 of 1" in body
