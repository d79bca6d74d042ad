import datetime

import factory

from carnet.capitalisation.enums import LearningCategory
from carnet.capitalisation.models import (
    Attendance,
    FollowUp,
    Interview,
    Learning,
    Video,
    Workshop,
    WorkshopSession,
)


class InterviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Interview

    planned_on = datetime.date(2019, 9, 20)


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    title = "Workshop in Prishtina"
    place = "Prishtina"
    start_on = datetime.date(2019, 11, 27)
    end_on = datetime.date(2019, 11, 28)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkshopSession

    workshop = factory.SubFactory(WorkshopFactory)
    topic = "Good practices at regional level"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    workshop = factory.SubFactory(WorkshopFactory)
    present = True


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    planned_on = datetime.date(2019, 12, 10)


class LearningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Learning

    statement = factory.Sequence(lambda n: f"Learning number {n}")
    category = LearningCategory.COORDINATION


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video

    title = factory.Sequence(lambda n: f"Testimony {n}")
