"""Pages are compressed on the wire; files, streams and what is already compressed are not."""

import gzip

from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory

from carnet.lib.compression import PageCompressionMiddleware
from carnet.timeline.enums import MilestoneState
from tests.timeline.factories import MilestoneFactory


def test_a_page_asked_with_gzip_comes_back_gzipped(client, network):
    for number in range(20):
        MilestoneFactory(network=network, slug=f"m{number}", state=MilestoneState.PUBLISHED)
    plain = client.get("/euromed/timeline/")
    packed = client.get("/euromed/timeline/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert plain.has_header("Content-Encoding") is False
    assert packed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed["Vary"]
    assert gzip.decompress(packed.content).decode().count('class="tl-event"') == 20
    assert len(packed.content) < len(plain.content) / 3


def respond(response):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING="gzip")
    return PageCompressionMiddleware(lambda request: response)(request)


def test_streams_files_and_compressed_bodies_go_as_they_are():
    text = "<p>" + "words " * 200 + "</p>"
    stream = respond(StreamingHttpResponse(iter([text.encode()]), content_type="text/csv"))
    pdf = respond(HttpResponse(b"%PDF-1.7 " * 100, content_type="application/pdf"))
    already = HttpResponse(gzip.compress(text.encode()) * 10, content_type="text/html")
    already["Content-Encoding"] = "gzip"
    for response in (stream, pdf):
        assert response.has_header("Content-Encoding") is False
    assert respond(already).content == gzip.compress(text.encode()) * 10
    assert (
        respond(HttpResponse(text, content_type="application/json"))["Content-Encoding"] == "gzip"
    )
