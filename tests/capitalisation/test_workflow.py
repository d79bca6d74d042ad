"""Videos and the published synthesis move as VIDEOS and SYNTHESIS say, by their rules."""

import pytest

from carnet.capitalisation import domain
from carnet.capitalisation.enums import VideoStatus
from carnet.capitalisation.models import Video
from carnet.lib.workflow import MoveForbidden, MoveRefused

from .factories import VideoFactory


def test_a_partner_may_not_move_a_video(network, org_a, ana):
    video = VideoFactory(network=network, organisation=org_a)
    with pytest.raises(MoveForbidden):
        domain.set_status(video, VideoStatus.FILMING, by=ana)
    assert Video.objects.get().status == VideoStatus.PLANNED


def test_the_organisers_move_a_video_through_its_stages(network, org_a, farid):
    video = VideoFactory(network=network, organisation=org_a)
    domain.set_status(video, VideoStatus.EDITING, by=farid)
    assert Video.objects.get().status == VideoStatus.EDITING


def test_a_facilitator_may_not_publish_the_synthesis(network, farid):
    with pytest.raises(MoveRefused) as refused:
        domain.publish_synthesis(network, by=farid)
    assert isinstance(refused.value, MoveForbidden)
