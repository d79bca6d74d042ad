"""Issue 17, item 3: TimelineJS files as people publish them come in, and go back out, losing
nothing Carnet can show; what it cannot keep is listed in the import's notes (and in each
moment's notes), never dropped silently. A file is refused only for a date that cannot be."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from carnet.timeline import interop
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Milestone

HEADER = ",".join(interop.CSV_COLUMNS) + "\n"


def csv_row(**cells):
    return ",".join(f'"{cells.get(c, "")}"' for c in interop.CSV_COLUMNS) + "\n"


def event(**fields):
    return {"start_date": {"year": "2016"}, "text": {"headline": "A moment"}, **fields}


def import_json(network, by, *events, **document):
    content = json.dumps({"events": list(events), **document}).encode()
    return interop.import_file(network, content, by=by)


def test_a_protocol_relative_media_is_read_as_https(network, claire):
    media = {"url": "//upload.wikimedia.org/wikipedia/commons/d/dd/x.jpg"}
    [moment], _eras, notes = import_json(network, claire, event(media=media))
    assert moment.media_url == "https://upload.wikimedia.org/wikipedia/commons/d/dd/x.jpg"
    assert notes == []


def test_a_site_relative_image_is_listed_and_kept_in_the_moments_notes(network, claire):
    [moment], _eras, notes = import_json(
        network, claire, event(media={"url": "/static/img/examples/houston/family.jpg"})
    )
    assert moment.media_url == ""
    assert [str(n) for n in notes] == [
        "Row 1, event media.url: “/static/img/examples/houston/family.jpg” is a path on the "
        "site the timeline came from, which Carnet cannot reach; kept in the moment's notes"
    ]
    assert "/static/img/examples/houston/family.jpg" in moment.notes


def test_a_blockquote_becomes_a_quotation_and_goes_back_out_as_one(network, claire):
    media = {"url": "<blockquote>There is no demand for <b>women</b> engineers.</blockquote>",
             "credit": "Lillian Moller Gilbreth"}  # fmt: skip
    [moment], _eras, notes = import_json(network, claire, event(media=media))
    assert (moment.quotation, moment.credit, moment.media_url) == (
        "There is no demand for **women** engineers.",
        "Lillian Moller Gilbreth",
        "",
    )
    assert notes == []
    moment.state = MilestoneState.PUBLISHED
    moment.save()
    [slide] = interop.export_json(network)["events"]
    assert slide["media"]["url"] == (
        "<blockquote><p>There is no demand for <strong>women</strong> engineers.</p></blockquote>"
    )


def test_an_iframe_keeps_the_page_it_shows_as_a_link(network, claire):
    media = {"url": "<iframe src='//cdn.knightlab.com/libs/timeline3/latest/embed/index.html"
                    "?source=1x&amp;font=Default' width='100%' height='650'></iframe>"}  # fmt: skip
    [moment], _eras, notes = import_json(network, claire, event(media=media))
    assert moment.media_url == (
        "https://cdn.knightlab.com/libs/timeline3/latest/embed/index.html?source=1x&font=Default"
    )
    assert notes == []


def test_an_embed_carnet_does_not_know_is_listed_not_refused(network, claire):
    [moment], _eras, notes = import_json(
        network, claire, event(media={"url": "<div class='tweet'>hello</div>"})
    )
    assert moment.media_url == moment.quotation == ""
    assert [n.column for n in notes] == ["event media.url"]


@pytest.mark.parametrize(
    "url, reason",
    [
        ("javascript:alert(1)", "not a web address (http or https)"),
        ("http://testserver/media/../carnet/settings.py", "the address climbs out of its folder"),
        ("http://testserver/media/%2e%2e/x.py", "the address climbs out of its folder"),
        ("http://[::1/x.jpg", "not a web address (http or https)"),
    ],
)
def test_an_unsafe_media_address_is_not_kept_and_the_note_says_why(network, claire, url, reason):
    [moment], _eras, notes = import_json(network, claire, event(media={"url": url}))
    assert moment.media_url == ""
    assert reason in str(notes[0])


def test_years_before_the_common_era_are_refused_with_one_line_per_row(network, claire):
    big_bang = event(start_date={"year": "-13800000000"}, text={"headline": "Big Bang"})
    rome = event(start_date={"year": "-753"}, text={"headline": "Rome"})
    with pytest.raises(interop.ImportFailed) as failed:
        import_json(network, claire, big_bang, rome, event())
    assert [str(p) for p in failed.value.problems] == [
        "Row 1, event start_date.year: year -13800000000 is before the common era: "
        "moments start in year 1",
        "Row 2, event start_date.year: year -753 is before the common era: moments start in year 1",
    ]
    assert Milestone.objects.count() == 0


def test_a_moment_without_a_headline_is_named_by_its_first_words(network, claire):
    text = {"text": "<p>Mark Twain is born in Florida, Missouri, the sixth of seven children "
                    "of John and Jane Clemens.</p>"}  # fmt: skip
    [moment], _eras, notes = import_json(network, claire, event(text=text))
    assert moment.title == "Mark Twain is born in Florida, Missouri, the sixth of seven children…"
    assert [str(n) for n in notes] == [
        "Row 1, event text.headline: no headline: named by its first words"
    ]


def test_the_time_of_day_comes_in_from_json_and_csv_and_goes_back_out(network, claire):
    start = {"year": "2016", "month": "10", "day": "5", "hour": "13", "minute": "45"}
    end = {"year": "2016", "month": "10", "day": "5", "hour": "17", "minute": "0", "second": "30"}
    [moment], _eras, _notes = import_json(
        network, claire, event(unique_id="meeting", start_date=start, end_date=end)
    )
    assert (moment.start_time, moment.end_time) == (
        datetime.time(13, 45),
        datetime.time(17, 0, 30),
    )
    content = (
        HEADER
        + csv_row(Year="2017", Month="3", Day="1", Time="1:45 PM", Headline="Afternoon")
        + csv_row(Year="2018-06-01 09:30:00", Headline="A date-time cell")
    ).encode()
    afternoon, cell, = interop.import_file(network, content, by=claire)[0]  # fmt: skip
    assert (afternoon.start_time, cell.start.iso(), cell.start_time) == (
        datetime.time(13, 45),
        "2018-06-01",
        datetime.time(9, 30),
    )
    Milestone.objects.update(state=MilestoneState.PUBLISHED)
    slides = {s["unique_id"]: s for s in interop.export_json(network)["events"]}
    assert slides["meeting"]["start_date"] == {**start, "minute": "45"}
    assert slides["meeting"]["end_date"] == {**end, "day": "5"}
    rows = interop.export_csv(network).splitlines()
    assert any('"13:45"' in row or ",13:45," in row for row in rows)


def test_a_time_that_cannot_be_read_is_a_note_not_a_refusal(network, claire):
    content = (HEADER + csv_row(Year="2017", Time="25:99", Headline="Late")).encode()
    [moment], _eras, notes = interop.import_file(network, content, by=claire)
    assert moment.start_time is None
    assert [str(n) for n in notes] == ["Row 2, Time: the time cannot be read; not kept"]


def test_background_and_media_thumbnail_make_the_round_trip(network, claire):
    media = {"url": "https://example.org/photo.jpg", "thumbnail": "//example.org/thumb.jpg"}
    first = event(unique_id="first", media=media, background={"color": "#AA3300"})
    second = event(unique_id="second", background={"url": "https://example.org/bg.jpg"})
    moments, _eras, notes = import_json(network, claire, first, second)
    assert [(m.background, m.media_thumbnail) for m in moments] == [
        ("#aa3300", "https://example.org/thumb.jpg"),
        ("https://example.org/bg.jpg", ""),
    ]
    Milestone.objects.update(state=MilestoneState.PUBLISHED)
    slides = {s["unique_id"]: s for s in interop.export_json(network)["events"]}
    assert slides["first"]["background"] == {"color": "#aa3300"}
    assert slides["first"]["media"]["thumbnail"] == "https://example.org/thumb.jpg"
    assert slides["second"]["background"] == {"url": "https://example.org/bg.jpg"}
    bad = event(unique_id="third", background={"color": "red; background:url(x)"})
    _moments, _eras, notes = import_json(network, claire, bad)
    assert [n.column for n in notes] == ["event background"]


def test_the_title_slide_fills_an_empty_description_and_never_overwrites_one(network, claire):
    network.description = ""
    network.save()
    title = {"text": {"headline": "Our story", "text": "<p>Ten years together.</p>"}}
    _moments, _eras, notes = import_json(network, claire, event(), title=title)
    network.refresh_from_db()
    assert network.description == "Ten years together."
    assert [str(n) for n in notes] == ["The title slide's text became the network's description."]
    other = {"text": {"headline": "Another story", "text": "Something else"}}
    _moments, _eras, notes = import_json(network, claire, event(), title=other)
    network.refresh_from_db()
    assert network.description == "Ten years together."
    assert "The title slide (“Another story”) was not kept" in str(notes[0])


def test_a_timelinejs_2_document_and_a_jsonp_file_come_in(network, claire):
    old = {"timeline": {"headline": "Old", "type": "default", "date": [
        {"startDate": "2011,12,10", "endDate": "2011,12,11", "headline": "Two days",
         "text": "<p>Text</p>", "tag": "meeting",
         "asset": {"media": "https://example.org/a.jpg", "credit": "Me", "caption": "A"}},
        {"startDate": "2012,1,5,14,30", "headline": "At half past two"},
    ]}}  # fmt: skip
    content = ("storyjs_jsonp_data = " + json.dumps(old) + ";").encode()
    moments, _eras, _notes = interop.import_file(network, content, by=claire)
    assert [
        (m.title, m.start.iso(), m.end and m.end.iso(), m.start_time, m.tags, m.media_url)
        for m in moments
    ] == [
        ("Two days", "2011-12-10", "2011-12-11", None, "meeting", "https://example.org/a.jpg"),
        ("At half past two", "2012-01-05", None, datetime.time(14, 30), "", ""),
    ]


def test_a_round_trip_timelinejs_carnet_timelinejs_keeps_what_carnet_shows(network, claire):
    document = {
        "events": [
            {
                "unique_id": "founding",
                "start_date": {"year": "2014", "month": "3", "day": "12", "hour": "10",
                               "minute": "0"},
                "end_date": {"year": "2014", "month": "3", "day": "13"},
                "display_date": "Spring 2014",
                "text": {"headline": "Founding",
                         "text": "<p>The <strong>first</strong> meeting.</p>"},
                "media": {"url": "https://example.org/a.jpg", "caption": "The hall",
                          "credit": "Caritas", "alt": "People around a table",
                          "thumbnail": "https://example.org/t.jpg"},
                "group": "meeting",
                "background": {"color": "#112233"},
            },
            {
                "unique_id": "words",
                "start_date": {"year": "2015"},
                "text": {"headline": "Words", "text": ""},
                "media": {"url": "<blockquote><p>We were not alone.</p></blockquote>",
                          "credit": "A partner"},
            },
        ],
    }  # fmt: skip
    interop.import_file(network, json.dumps(document).encode(), by=claire)
    Milestone.objects.update(state=MilestoneState.PUBLISHED)
    exported = interop.export_json(network)
    again = {slide["unique_id"]: slide for slide in exported["events"]}
    for original in document["events"]:
        slide = again[original["unique_id"]]
        assert slide["text"] == original["text"] or slide["text"]["text"] == (
            interop.markdown_to_html(interop.html_to_markdown(original["text"]["text"]))
        )
        for key in ("start_date", "end_date", "display_date", "group", "background"):
            if key in original:
                assert _numbers(slide[key]) == _numbers(original[key]), key
        for key in ("url", "caption", "credit", "alt", "thumbnail"):
            if key in original["media"]:
                assert slide["media"][key] == original["media"][key], key


def _numbers(value):
    """A date object compared by value ("03" and "3" are the same month)."""
    if isinstance(value, dict):
        return {k: int(v) if str(v).isdigit() else v for k, v in value.items()}
    return value


def test_the_import_page_lists_what_will_not_be_kept_before_anything_is_saved(
    client, farid, network
):
    client.force_login(farid)
    content = HEADER + csv_row(Year="2016", Headline="Family", Media="/static/img/family.jpg")
    response = client.post(
        "/euromed/timeline/moments/import/",
        {"file": SimpleUploadedFile("t.csv", content.encode())},
    )
    preview = client.get(response["Location"]).content.decode()
    assert "1 moment will be created" in preview
    assert "Not kept from the source" in preview
    assert "“/static/img/family.jpg” is a path on the site the timeline came from" in preview
    assert not Milestone.objects.exists()
