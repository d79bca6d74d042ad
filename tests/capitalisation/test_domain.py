from carnet.capitalisation.domain import create_exercise
from carnet.capitalisation.enums import PhaseStatus


def test_a_new_exercise_gets_the_five_phases_of_the_method(network):
    exercise = create_exercise(network=network, title="Capitalisation 2019")
    assert [(p.number, p.name, p.status) for p in exercise.phases.all()] == [
        (1, "Understand the network", PhaseStatus.PLANNED),
        (2, "Understand the expectations", PhaseStatus.PLANNED),
        (3, "Rebuild the history", PhaseStatus.PLANNED),
        (4, "Bring out the learnings", PhaseStatus.PLANNED),
        (5, "Finalise the tools", PhaseStatus.PLANNED),
    ]
    assert exercise.progress == 0


def test_phases_can_be_renamed_added_and_removed(network):
    exercise = create_exercise(network=network, title="Capitalisation 2019")
    exercise.phases.filter(number=2).delete()
    exercise.phases.filter(number=1).update(name="Understand the network and its expectations")
    exercise.phases.create(number=6, name="Share the results")
    assert [p.name for p in exercise.phases.all()] == [
        "Understand the network and its expectations",
        "Rebuild the history",
        "Bring out the learnings",
        "Finalise the tools",
        "Share the results",
    ]
    exercise.phases.filter(number__in=[1, 3]).update(status=PhaseStatus.DONE)
    assert exercise.progress == 40
