import csv
import datetime
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from carnet.timeline import interop
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Era, Milestone, TimelineSource

from .factories import EraFactory, MilestoneFactory

FIELDS = [
    "slug",
    "title",
    "text",
    "start_date",
    "start_precision",
    "end_date",
    "end_precision",
    "display_date",
    "caption",
    "credit",
    "alt_text",
    "media_url",
    "tags",
]


def snapshot(network):
    return [
        {name: getattr(m, name) for name in FIELDS}
        for m in Milestone.objects.filter(network=network).chronological()
    ]


@pytest.fixture
def timeline(network):
    EraFactory(
        network=network,
        name="Founding years",
        start=datetime.date(2011, 1, 1),
        end=datetime.date(2013, 12, 31),
    )
    MilestoneFactory(
        network=network,
        state=MilestoneState.PUBLISHED,
        slug="founding",
        title="Founding meeting",
        text="Six Caritas met in **Paris**.\n\nSee [the minutes](https://example.org/minutes).",
        start_date=datetime.date(2011, 3, 1),
        start_precision="month",
        tags="meeting, governance",
    )
    MilestoneFactory(
        network=network,
        state=MilestoneState.PUBLISHED,
        slug="campaign",
        title="Prevention campaign",
        text="- schools\n- parishes",
        start_date=datetime.date(2013, 1, 1),
        start_precision="year",
        end_date=datetime.date(2014, 6, 30),
        end_precision="day",
        display_date="Spring 2013",
        media_url="https://video.example.org/watch/42",
        caption="The campaign video",
        credit="Caritas Albania",
    )
    return network


def test_json_export_has_the_timelinejs_shape(timeline):
    data = interop.export_json(timeline, base_url="https://carnet.example.org/")
    assert data["scale"] == "human"
    assert data["title"]["text"]["headline"] == "Euro-Mediterranean network"
    assert data["events"][0] == {
        "unique_id": "founding",
        "start_date": {"year": "2011", "month": "3"},
        "text": {
            "headline": "Founding meeting",
            "text": (
                "<p>Six Caritas met in <strong>Paris</strong>.</p>\n"
                '<p>See <a href="https://example.org/minutes" '
                'rel="noopener noreferrer nofollow">the minutes</a>.</p>'
            ),
        },
        "group": "meeting, governance",
    }
    assert data["events"][1]["end_date"] == {"year": "2014", "month": "6", "day": "30"}
    assert data["eras"] == [
        {
            "start_date": {"year": "2011", "month": "1", "day": "1"},
            "end_date": {"year": "2013", "month": "12", "day": "31"},
            "text": {"headline": "Founding years"},
        }
    ]


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_export_then_import_gives_back_the_same_moments(timeline, claire, kind):
    if kind == "json":
        content = json.dumps(interop.export_json(timeline)).encode()
    else:
        content = interop.export_csv(timeline).encode()
    before = snapshot(timeline)
    Milestone.objects.all().delete()
    Era.objects.all().delete()
    moments, eras, _notes = interop.import_file(timeline, content, by=claire)
    assert (len(moments), len(eras)) == (2, 1)
    after = snapshot(timeline)
    if kind == "csv":  # the spreadsheet has no unique_id column: slugs come from headlines
        for row in before:
            row["slug"] = {"founding": "founding-meeting", "campaign": "prevention-campaign"}[
                row["slug"]
            ]
    assert after == before
    assert list(Era.objects.values_list("name", "start", "end")) == [
        ("Founding years", datetime.date(2011, 1, 1), datetime.date(2013, 12, 31))
    ]


def test_json_import_updates_by_unique_id(timeline, claire):
    content = json.dumps(interop.export_json(timeline)).encode()
    Milestone.objects.filter(slug="founding").update(title="Changed")
    interop.import_file(timeline, content, by=claire)
    assert Milestone.objects.get(slug="founding").title == "Founding meeting"
    assert Milestone.objects.count() == 2


CSV_HEADER = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Alt Text,Type,Group,Background\n"  # noqa: E501


def test_csv_import_reports_every_bad_row_and_saves_nothing(network, claire):
    content = (
        CSV_HEADER
        + "2015,2,30,,,,,,,Bad day,,,,,,,,,\n"
        + "2015,3,,,2014,,,,,Ends before,,,,,,,,,\n"
        + "2016,,,,,,,,,,No headline,,,,,,,,\n"
        + ",,,,,,,,,,,,,,,,,,\n"
        + "2017,,,,,,,,,Odd type,,,,,,,slide,,\n"
        + "2018,,,,,,,,,Good one,,,,,,,,,\n"
    ).encode()
    with pytest.raises(interop.ImportFailed) as failed:
        interop.import_file(network, content, by=claire)
    assert [(p.row, p.column, p.reason) for p in failed.value.problems] == [
        (2, "Day", "2015-02-30 does not exist"),
        (3, "End Year", "the end (2014) is before the start (2015-03)"),
        (6, "Type", "unknown type “slide” (title, era or blank)"),
    ]
    assert Milestone.objects.count() == 0


def test_csv_import_skips_blank_rows_and_reads_legacy_columns(network, claire):
    content = (
        b"Start Date,End Date,Headline,Text,Tag\n"
        b"2011-03-01,,First,<p>Hello <script>alert(1)</script><b>world</b></p>,meeting\n"
        b",,,,\n"
        b"\n"
        b"2012,,Second,,\n"
    )
    moments, _eras, _notes = interop.import_file(network, content, by=claire)
    assert [(m.title, m.start.iso(), m.text, m.tags) for m in moments] == [
        ("First", "2011-03-01", "Hello **world**", "meeting"),
        ("Second", "2012", "", ""),
    ]


def test_json_import_reads_numbers_as_strings_and_reports_problems(network, claire):
    data = {
        "events": [
            {"start_date": {"year": "2015", "month": "06"}, "text": {"headline": "Fine"}},
            {"start_date": {"year": "2015", "month": "June"}, "text": {"headline": "Bad"}},
            {"start_date": {"year": 2016}, "text": {}},
        ]
    }
    with pytest.raises(interop.ImportFailed) as failed:
        interop.import_file(network, json.dumps(data).encode(), by=claire)
    assert [str(p) for p in failed.value.problems] == [
        "Row 2, event start_date.month: month is not a number: June",
    ]


def test_a_file_in_neither_format_gets_one_message(network, claire):
    with pytest.raises(interop.ImportFailed) as failed:
        interop.import_file(network, b"name,age\nx,1\n", by=claire)
    assert [p.reason for p in failed.value.problems] == [
        "This file is neither TimelineJS JSON nor a TimelineJS spreadsheet CSV "
        "(with Year and Headline columns)."
    ]


def test_upload_form_lists_the_problems(client, farid, network):
    client.force_login(farid)
    upload = ("bad.csv", CSV_HEADER + "2015,13,,,,,,,,X,,,,,,,,,\n")
    response = client.post(
        "/euromed/timeline/moments/import/",
        {"file": SimpleUploadedFile(upload[0], upload[1].encode())},
    )
    assert response.status_code == 400
    assert response.context["problems"] == ["Row 2, Month: month 13 does not exist"]
    good = SimpleUploadedFile("good.csv", (CSV_HEADER + "2015,3,,,,,,,,Good,,,,,,,,,\n").encode())
    response = client.post("/euromed/timeline/moments/import/", {"file": good})
    source = TimelineSource.objects.get(name="good.csv")
    assert response["Location"] == source.get_absolute_url()
    preview = client.get(response["Location"]).content.decode()
    assert "1 moment will be created" in preview
    assert not Milestone.objects.exists()  # nothing is saved before the preview is confirmed
    client.post(f"{source.get_absolute_url()}apply/", {"digest": source.digest})
    assert list(Milestone.objects.values_list("title", "state")) == [("Good", "accepted")]


def test_cli_import_and_its_errors(network, tmp_path):
    path = tmp_path / "t.json"
    path.write_text(
        json.dumps({"events": [{"start_date": {"year": 2011}, "text": {"headline": "A"}}]})
    )
    call_command("timeline", "import", "euromed", str(path))
    assert list(Milestone.objects.values_list("title", flat=True)) == ["A"]
    path.write_text("{}")
    with pytest.raises(CommandError, match="nothing imported: 1 problem"):
        call_command("timeline", "import", "euromed", str(path))


def test_a_media_link_that_is_not_a_web_address_is_not_kept_and_says_so(network, claire):
    content = (CSV_HEADER + "2015,,,,,,,,,Trap,,javascript:alert(1),,,,,,,\n").encode()
    [moment], _eras, notes = interop.import_file(network, content, by=claire)
    assert moment.media_url == ""
    assert [str(p) for p in notes] == ["Row 2, Media: not a web address (http or https); not kept"]
    assert "not a web address" in moment.notes
    data = {"events": [{"start_date": {"year": 2015}, "text": {"headline": "T"},
                        "media": {"url": "data:text/html,x"}}]}  # fmt: skip
    [moment], _eras, notes = interop.import_file(network, json.dumps(data).encode(), by=claire)
    assert (moment.media_url, [p.column for p in notes]) == ("", ["event media.url"])


XSS = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_timeline(network):
    network.name = "<b>Euromed</b>"
    network.save()
    EraFactory(network=network, name=f"Era {XSS}")
    MilestoneFactory(
        network=network,
        state=MilestoneState.PUBLISHED,
        slug="trap",
        title=XSS,
        text=f"Raw {XSS} in Markdown",
        display_date=f"Spring {XSS}",
        tags=f"{XSS}, meeting",
        media_url="https://example.org/photo.jpg",
        caption=f"Caption {XSS}",
        credit=f"Credit {XSS}",
    )
    return network


def test_timeline_json_escapes_what_timelinejs_inserts_as_html(client, hostile_timeline):
    response = client.get("/euromed/timeline.json")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "<img" not in response.content.decode()
    data = json.loads(response.content)
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    [event] = data["events"]
    assert event["text"] == {"headline": escaped, "text": f"<p>Raw {escaped} in Markdown</p>"}
    assert event["display_date"] == f"Spring {escaped}"
    assert event["group"] == f"{escaped}, meeting"
    assert (event["media"]["caption"], event["media"]["credit"]) == (
        f"Caption {escaped}",
        f"Credit {escaped}",
    )
    assert data["eras"][0]["text"]["headline"] == f"Era {escaped}"
    assert data["title"]["text"]["headline"] == "&lt;b&gt;Euromed&lt;/b&gt;"


def test_timeline_csv_escapes_the_same_fields(client, hostile_timeline):
    response = client.get("/euromed/timeline.csv")
    assert "<img" not in response.content.decode()
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["Headline"] for row in rows] == [
        "&lt;b&gt;Euromed&lt;/b&gt;",
        "Era &lt;img src=x onerror=alert(1)&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
    ]
    assert rows[2]["Display Date"] == "Spring &lt;img src=x onerror=alert(1)&gt;"


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_escaped_fields_come_back_as_the_plain_text_they_were(hostile_timeline, claire, kind):
    export = interop.export_json if kind == "json" else interop.export_csv
    content = export(hostile_timeline)
    content = (json.dumps(content) if kind == "json" else content).encode()
    Milestone.objects.all().delete()
    Era.objects.all().delete()
    [moment], [era], _notes = interop.import_file(hostile_timeline, content, by=claire)
    assert (moment.title, moment.display_date, moment.tags, moment.caption, era.name) == (
        XSS,
        f"Spring {XSS}",
        f"{XSS}, meeting",
        f"Caption {XSS}",
        f"Era {XSS}",
    )


def test_a_formula_in_a_title_is_neutralised_in_the_csv_and_read_back(network, claire):
    MilestoneFactory(network=network, state=MilestoneState.PUBLISHED, title="=1+2", tags="-x")
    text = interop.export_csv(network)
    row = list(csv.DictReader(io.StringIO(text)))[-1]
    assert (row["Headline"], row["Group"]) == ("'=1+2", "'-x")
    Milestone.objects.all().delete()
    [moment], _eras, _notes = interop.import_file(network, text.encode(), by=claire)
    assert (moment.title, moment.tags) == ("=1+2", "-x")


def problems_of(network, content, by=None):
    with pytest.raises(interop.ImportFailed) as failed:
        interop.import_file(network, content, by=by)
    assert Milestone.objects.count() == 0
    return [str(p) for p in failed.value.problems]


def test_dates_written_year_slash_month_slash_day_are_read(network, claire):
    legacy = (
        "Start Date,End Date,Headline\n"
        "2013/06/05,2013/07/01,Legacy columns\n"
        "2014-02-01 00:00:00,,A spreadsheet's date and time\n"
    )
    moments, _eras, _notes = interop.import_file(network, legacy.encode(), by=claire)
    assert [(m.title, m.start.iso(), m.end and m.end.iso()) for m in moments] == [
        ("Legacy columns", "2013-06-05", "2013-07-01"),
        ("A spreadsheet's date and time", "2014-02-01", None),
    ]
    in_year = CSV_HEADER + "2015/03/12,,,,,,,,,Whole date in Year,,,,,,,,,\n"
    moments, _eras, _notes = interop.import_file(network, in_year.encode(), by=claire)
    assert [(m.title, m.start.iso()) for m in moments] == [("Whole date in Year", "2015-03-12")]


def test_a_day_or_month_that_does_not_exist_is_reported_under_its_own_column(network):
    content = (
        CSV_HEADER
        + "2015,2,30,,,,,,,No such day,,,,,,,,,\n"
        + "2015,13,,,,,,,,No such month,,,,,,,,,\n"
        + "2015,,4,,,,,,,Day without month,,,,,,,,,\n"
        + "2015,3,1,,2015,4,31,,,No such end day,,,,,,,,,\n"
        + "2015,3,x,,,,,,,Day not a number,,,,,,,,,\n"
    ).encode()
    assert problems_of(network, content) == [
        "Row 2, Day: 2015-02-30 does not exist",
        "Row 3, Month: month 13 does not exist",
        "Row 4, Month: a day needs a month",
        "Row 5, End Day: 2015-04-31 does not exist",
        "Row 6, Day: day is not a number: x",
    ]


def test_an_ambiguous_day_month_date_is_refused_with_a_clear_message(network):
    content = b"Start Date,Headline\n05/06/2013,Which month?\n13/06/2013,Only June\n"
    assert problems_of(network, content) == [
        "Row 2, Start Date: “05/06/2013” could be 2013-05-06 or 2013-06-05: "
        "write the date year-month-day"
    ]


def test_two_events_with_one_unique_id_are_refused_and_nothing_is_saved(network, tmp_path):
    data = {
        "events": [
            {"unique_id": "visit", "start_date": {"year": 2011}, "text": {"headline": "A"}},
            {"unique_id": "other", "start_date": {"year": 2012}, "text": {"headline": "B"}},
            {"unique_id": "visit", "start_date": {"year": 2013}, "text": {"headline": "C"}},
        ],
        "eras": [
            {"start_date": "2011", "end_date": "2012", "text": {"headline": "Start"}},
            {"start_date": "2013", "end_date": "2014", "text": {"headline": "Start"}},
        ],
    }
    content = json.dumps(data).encode()
    assert problems_of(network, content) == [
        "Row 3, event unique_id: “visit” is already used at row 1",
        "Row 2, era text.headline: “Start” is already used at row 1",
    ]
    path = tmp_path / "t.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="nothing imported: 2 problem"):
        call_command("timeline", "import", "euromed", str(path))
    assert Era.objects.count() == 0


def test_a_moment_without_unique_id_never_takes_the_address_another_event_asks_for(network, claire):
    data = {
        "events": [
            {"start_date": {"year": 2011}, "text": {"headline": "Visit"}},
            {"unique_id": "visit", "start_date": {"year": 2012}, "text": {"headline": "Other"}},
        ]
    }
    moments, _eras, _notes = interop.import_file(network, json.dumps(data).encode(), by=claire)
    assert sorted(Milestone.objects.values_list("slug", "title")) == [
        ("visit", "Other"),
        ("visit-2", "Visit"),
    ]
    assert len(moments) == 2


def event(**fields):
    return {"start_date": {"year": 2011}, "text": {"headline": "A"}, **fields}


def as_json(*events):
    return json.dumps({"events": list(events)}).encode()


BAD_INPUTS = {
    "nan-year": (
        b'{"events": [{"start_date": {"year": NaN}, "text": {"headline": "A"}}]}',
        "Row 1, event start_date.year: year is not a number: nan",
    ),
    "infinite-year": (
        b'{"events": [{"start_date": {"year": Infinity}, "text": {"headline": "A"}}]}',
        "Row 1, event start_date.year: year is not a number: inf",
    ),
    "1e400-year": (
        b'{"events": [{"start_date": {"year": 1e400}, "text": {"headline": "A"}}]}',
        "Row 1, event start_date.year: year is not a number: inf",
    ),
    "huge-year": (
        b'{"events": [{"start_date": {"year": ' + b"9" * 5000 + b'}, "text": {}}]}',
        "the JSON holds a number too long to read",
    ),
    "deep-json": (b'{"events": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", None),
    "lone-surrogate": (
        as_json(event(text={"headline": "\ud800"})),
        "the file holds characters that are not text (NUL or lone surrogates)",
    ),
    "nul": (
        as_json(event(group="a\x00b")),
        "the file holds characters that are not text (NUL or lone surrogates)",
    ),
    "eras-not-a-list": (
        b'{"events": [], "eras": 3}',
        "the eras are not a list",
    ),
    "csv-field-too-large": (
        ('Year,Headline\n2011,"' + "x" * 200_000 + '"\n').encode(),
        None,
    ),
}


@pytest.mark.parametrize("name", BAD_INPUTS)
def test_bad_input_gets_one_clear_line_on_the_web_and_in_the_cli(
    client, farid, network, tmp_path, name
):
    content, expected = BAD_INPUTS[name]
    client.force_login(farid)
    response = client.post(
        "/euromed/timeline/moments/import/", {"file": SimpleUploadedFile("t.json", content)}
    )
    assert response.status_code == 400
    problems = response.context["problems"]
    assert len(problems) == 1
    if expected:
        assert problems == [expected]
    path = tmp_path / "t.json"
    path.write_bytes(content)
    with pytest.raises(CommandError, match="nothing imported: 1 problem"):
        call_command("timeline", "import", "euromed", str(path))
    assert Milestone.objects.count() == 0
