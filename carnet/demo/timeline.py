"""The euromed timeline: 15 proposed key moments (2011–2020), votes and an open vote round,
eras, images, French.

Ten moments are accepted and published through the same safeguarding check as any
other; the images are drawn here (no photo of anyone) and carry consent to publication.
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image, ImageDraw

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib.dates import parse
from carnet.lib.uploads import clean_image, store_image
from carnet.safeguarding.enums import ConsentScope
from carnet.timeline import domain
from carnet.timeline.enums import MilestoneState
from carnet.timeline.models import Era, Milestone, MilestoneTranslation, Vote, VoteRound
from carnet.vocabulary.domain import add_tags_in_use

ERAS = [
    ("Founding years", "2011-01-01", "2013-12-31", "#1f6f8b"),
    ("Growth and joint advocacy", "2014-01-01", "2017-06-30", "#7a4e9c"),
    ("Crises and new members", "2015-06-01", "2018-12-31", "#b5542d"),
    ("Capitalisation", "2019-01-01", "2020-12-31", "#2e7d32"),
]

# Links to media on other websites, shown as click-to-load cards (carnet/timeline/media.py):
# nothing is requested from those hosts until the reader asks for it.
EXTERNAL_MEDIA = {
    "first-training": (
        "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
        "An open film standing in for the video of the training (nobody from the network is shown)",
    ),
    "kosovo-joins": (
        "https://www.openstreetmap.org/?mlat=42.66290&mlon=21.16550#map=13/42.66290/21.16550",
        "Pristina, where Caritas Kosovo works",
    ),
}

# (slug, start, end, display, title, text, proposer org, era, importance, tags, orgs,
#  published, image colour or None)
MOMENTS = [
    ("founding-meeting", "2011-03", None, "", "The founding meeting in Paris",
     "Six Caritas organisations agree on a shared diagnosis: trafficking is growing and "
     "nobody can face it alone. They decide to work as a **network**.",
     "sccf", 0, 5, "meeting, governance", ["sccf", "albania", "armenia", "bosnia"], True,
     "#1f6f8b"),
    ("first-training", "2011-11-14", None, "", "First regional training on identifying victims",
     "Staff of every member learn how to recognise the signs of trafficking and how to refer "
     "people to the right services.",
     "armenia", 0, 4, "training", ["armenia", "albania"], True, None),
    ("kosovo-joins", "2012-06", None, "", "Caritas Kosovo joins the network",
     "Joining a year after the start was possible: the network welcomed a new member.",
     "kosovo", 0, 3, "members", ["kosovo"], True, None),
    ("prevention-campaign", "2013", None, "Spring 2013", "Joint prevention campaign in schools",
     "Members adapt one campaign to their countries and reach thousands of pupils.",
     "albania", 0, 3, "prevention", ["albania", "bosnia", "kosovo"], True, "#7a4e9c"),
    ("ministry-action-research", "2014-02", "2015-06", "",
     "Action-research with a Ministry of Security",
     "Caritas Bosnia and Herzegovina runs an action-research jointly with the national "
     "Ministry of Security, with the network's support.",
     "bosnia", 1, 4, "authorities, research", ["bosnia"], True, None),
    ("geneva-advocacy", "2015-06-22", None, "", "Joint advocacy at the United Nations in Geneva",
     "Built on national experience, the network speaks with one voice at the United Nations.",
     "sccf", 1, 5, "advocacy", ["sccf", "armenia", "lebanon"], True, "#b5542d"),
    ("syrian-crisis", "2015-09", "2016-12", "", "Responding to the Syrian crisis",
     "With the Syrian crisis, the risks for displaced people grow: members adapt prevention "
     "and support.",
     "lebanon", 2, 4, "crisis", ["lebanon", "serbia"], True, None),
    ("ukraine-joins", "2015", None, "", "Caritas Ukraine joins",
     "With the crisis in the East, Caritas Ukraine needs the experience of others quickly.",
     "ukraine", 2, 3, "members, crisis", ["ukraine"], True, None),
    ("memorandum", "2017-04-10", None, "",
     "Memorandum with a State Coordinator against trafficking",
     "A memorandum of understanding makes the cooperation with the authorities official.",
     "albania", 1, 4, "authorities", ["albania"], True, "#2e7d32"),
    ("capitalisation-workshop", "2019-11-25", "2019-11-26", "", "Capitalisation workshop in Kosovo",
     "Two days after an international meeting on trafficking: good practices at regional, "
     "international and national level, and sustainability.",
     "kosovo", 3, 5, "capitalisation, meeting", ["kosovo", "sccf", "albania", "armenia"], True,
     "#1f6f8b"),
    # Proposals not (yet) on the timeline.
    ("founding-meeting-paris", "2011", None, "", "Network created",
     "The network was created in Paris.", "albania", 0, 3, "", [], False, None),
    ("website-launch", "2014-09", None, "", "The network's website goes online",
     "A shared website presents the members and their work.", "serbia", 1, 2, "communication",
     [], False, None),
    ("greece-leaves", "2015-12", None, "", "Caritas Hellas leaves the network",
     "Migration became its national priority.", "greece", 2, 2, "members", [], False, None),
    ("regional-conference", "2018-05", None, "", "Regional conference with other NGOs",
     "Members meet other NGOs working against trafficking.", "armenia", 2, 3, "meeting", [],
     False, None),
    ("videos", "2020-02", None, "", "Testimony videos",
     "Videos of the members' work are produced during the capitalisation.", "ukraine", 3, 2,
     "capitalisation", [], False, None),
]  # fmt: skip

# A Bosnian translation drafted by machine translation (issue 16): marked "machine translation
# — not reviewed" on the moment's page and its translate page; readers of the public timeline
# in Bosnian still see the English until someone ticks "I have reviewed this translation".
MACHINE_DRAFTS = {
    ("kosovo-joins", "bs"): (
        "Caritas Kosovo se pridružuje mreži",
        "Pridruživanje godinu dana nakon početka bilo je moguće: mreža je dočekala novog člana.",
    ),
}

# Moments whose English text changed after their translations (see the translation status page).
REWORDED_AFTER_TRANSLATION = ["first-training"]

ALBANIAN = {
    "founding-meeting": (
        "Takimi themelues në Paris",
        "Gjashtë Caritas ndajnë të njëjtën diagnozë: trafikimi po rritet dhe askush nuk mund ta "
        "përballojë i vetëm. Ato vendosin të punojnë në **rrjet**.",
    ),
    "first-training": (
        "Trajnimi i parë rajonal për identifikimin e viktimave",
        "Ekipet e çdo anëtari mësojnë të njohin shenjat e trafikimit.",
    ),
}

FRENCH = {
    "founding-meeting": (
        "La réunion fondatrice à Paris",
        "Six Caritas partagent un même diagnostic : la traite progresse et personne ne peut y "
        "faire face seul. Elles décident de travailler en **réseau**.",
    ),
    "first-training": (
        "Première formation régionale à l'identification des victimes",
        "Les équipes de chaque membre apprennent à reconnaître les signes de la traite.",
    ),
    "geneva-advocacy": (
        "Plaidoyer commun aux Nations unies à Genève",
        "Fort de l'expérience nationale, le réseau parle d'une seule voix aux Nations unies.",
    ),
    "memorandum": (
        "Protocole d'accord avec un coordinateur national contre la traite",
        "Un protocole d'accord officialise la coopération avec les autorités.",
    ),
    "capitalisation-workshop": (
        "Atelier de capitalisation au Kosovo",
        "Deux jours après une rencontre internationale sur la traite : bonnes pratiques "
        "régionales, internationales et nationales, et pérennité.",
    ),
}

# Votes: organisation -> {moment slug: weight}
VOTES = {
    "albania": {"founding-meeting": 3, "prevention-campaign": 3, "memorandum": 3,
                "geneva-advocacy": 2},
    "armenia": {"first-training": 3, "geneva-advocacy": 3, "regional-conference": 2},
    "bosnia": {"ministry-action-research": 3, "founding-meeting": 2, "capitalisation-workshop": 2},
    "kosovo": {"kosovo-joins": 3, "capitalisation-workshop": 3, "prevention-campaign": 2},
    "lebanon": {"syrian-crisis": 3, "geneva-advocacy": 2},
    "ukraine": {"ukraine-joins": 3, "syrian-crisis": 1, "videos": 2},
    "sccf": {"founding-meeting": 3, "geneva-advocacy": 3, "capitalisation-workshop": 3},
}  # fmt: skip

PROPOSERS = {"albania": "ana", "armenia": "bora"}

# An open vote round (closing in ten days) in which these organisations have voted already;
# Albania (Ana), Lebanon and Ukraine voted before it and have yet to vote in it.
VOTED_IN_ROUND = ("armenia", "bosnia", "kosovo", "sccf")


def drawn_image(colour, label):
    """A simple drawing (no person in it) standing for a photo of the event."""
    image = Image.new("RGB", (960, 540), "#f3f6f7")
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 380, 960, 540], fill=colour)
    for i in range(6):
        draw.ellipse([80 + i * 140, 160, 180 + i * 140, 260], fill=colour, outline="#1d2327")
    draw.text((40, 40), label, fill="#1d2327")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name=f"{label}.png")


def load(ctx):
    network, orgs, people = ctx["network"], ctx["organisations"], ctx["people"]
    claire = people["claire"]
    eras = []
    for name, start, end, colour in ERAS:
        era, _ = Era.objects.update_or_create(
            network=network,
            name=name,
            defaults={
                "start": datetime.date.fromisoformat(start),
                "end": datetime.date.fromisoformat(end),
                "colour": colour,
            },
        )
        eras.append(era)
    moments = {}
    for (
        slug, start, end, display, title, text, org_key, era, importance, tags, involved,
        _published, colour,
    ) in MOMENTS:  # fmt: skip
        milestone = Milestone.objects.filter(network=network, slug=slug).first()
        if milestone is None:
            milestone = Milestone(network=network, slug=slug)
            milestone.proposed_by = people.get(PROPOSERS.get(org_key, ""), claire)
            milestone.organisation = orgs[org_key]
        milestone.title, milestone.text, milestone.display_date = title, text, display
        milestone.set_start(parse(start))
        milestone.set_end(parse(end) if end else None)
        milestone.era, milestone.importance, milestone.tags = eras[era], importance, tags
        if colour and not milestone.image:
            upload = clean_image(drawn_image(colour, slug))
            milestone.image.name = store_image(upload, default_storage, "timeline")
        if colour:
            milestone.alt_text = "Drawing: people around a table, in the colours of the era."
            milestone.caption = "Illustration"
            milestone.credit = "Carnet demo"
            milestone.consent_scope = ConsentScope.PUBLICATION
            milestone.consent_by = "Drawn for the demo: nobody is shown"
            milestone.consent_on = datetime.date(2020, 1, 15)
        if slug in EXTERNAL_MEDIA:
            milestone.media_url, milestone.caption = EXTERNAL_MEDIA[slug]
        milestone.save()
        milestone.organisations.set([orgs[key] for key in involved])
        moments[slug] = milestone
    # What TimelineJS files carry (issue 17): a time of day, and a quotation as the media.
    geneva = moments["geneva-advocacy"]
    geneva.start_time = datetime.time(10, 30)
    geneva.quotation = (
        "For the first time, thirteen organisations spoke with one voice about the people "
        "they meet."
    )
    if not geneva.image:
        geneva.credit = "A coordinator, after the session"
    geneva.save()
    for language, texts in (("fr", FRENCH), ("sq", ALBANIAN)):
        for slug, (title, text) in texts.items():
            item = MilestoneTranslation.objects.filter(
                milestone=moments[slug], language=language
            ).first() or MilestoneTranslation(milestone=moments[slug], language=language)
            if (item.title, item.text) != (title, text):  # saved once: its date stays
                item.title, item.text = title, text
                item.save()
    add_media(network, moments)
    for (slug, language), (title, text) in MACHINE_DRAFTS.items():
        MilestoneTranslation.objects.get_or_create(
            milestone=moments[slug],
            language=language,
            defaults={"title": title, "text": text, "machine_draft": True},
        )
    # The translation status page shows these as outdated: their English text was reworded
    # after they were translated (logged once, so a second load changes nothing).
    for slug in REWORDED_AFTER_TRANSLATION:
        if not domain.outdated_translations(moments[slug]):
            record(Verb.CHANGE, moments[slug], by=claire, data={"fields": ["text"]})
    today = timezone.localdate()
    round = VoteRound.objects.not_closed().filter(network=network).first()
    if round is None:
        round = VoteRound.objects.create(
            network=network,
            opens_on=today - datetime.timedelta(days=4),
            closes_on=today + datetime.timedelta(days=10),
            target=10,
            message="Which ten moments made our network what it is? Vote before we meet.",
            opened_by=people.get("farid", claire),
        )
    for org_key, weights in VOTES.items():
        for slug, weight in weights.items():
            Vote.objects.update_or_create(
                milestone=moments[slug],
                organisation=orgs[org_key],
                defaults={
                    "weight": weight,
                    "by": people.get(PROPOSERS.get(org_key, "")),
                    "round": round if org_key in VOTED_IN_ROUND else None,
                },
            )
    if moments["founding-meeting-paris"].state != MilestoneState.MERGED:
        domain.merge(moments["founding-meeting-paris"], into=moments["founding-meeting"], by=claire)
    for row in MOMENTS:
        milestone = moments[row[0]]
        milestone.refresh_from_db()
        if row[11] and milestone.state == MilestoneState.PROPOSED:
            domain.set_state(milestone, MilestoneState.ACCEPTED, by=claire)
        if row[11] and milestone.state == MilestoneState.ACCEPTED:
            domain.set_state(milestone, MilestoneState.PUBLISHED, by=claire)
    ctx["milestones"] = moments
    add_tags_in_use(network)  # its free-text tags become the network's moment tags


# A moment's media (issue 17): a sound with subtitles, a PDF with its first page drawn, a
# quotation, and the network's published video. Made here, small: a one-second tone (no voice
# of anyone), a PDF drawn with Pillow; added through the form readers use, so every check runs.
DEMO_SUBTITLES = (
    "WEBVTT\n\n00:00.000 --> 00:01.000\n(A tone standing in for a pupil's recorded words.)\n"
)
# The same sound's subtitles in two more of the network's languages (one track a language).
MORE_SUBTITLES = {
    "sq": "WEBVTT\n\n00:00.000 --> 00:01.000\n(Një ton në vend të fjalëve të regjistruara të "
    "një nxënësi.)\n",
    "fr": "WEBVTT\n\n00:00.000 --> 00:01.000\n(Un son tient lieu des paroles enregistrées d’un "
    "élève.)\n",
}
DEMO_CONSENT = {
    "consent_scope": ConsentScope.PUBLICATION,
    "consent_by": "Made for the demo: nobody is heard or shown",
    "consent_on": "2020-01-15",
}


def add_media(network, moments):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from carnet.capitalisation.enums import VideoStatus
    from carnet.capitalisation.models import Video

    from ..timeline.enums import MediaKind
    from ..timeline.forms import MomentMediaForm
    from . import scans, sounds

    video = Video.objects.filter(network=network, status=VideoStatus.PUBLISHED).first()
    wanted = [
        (
            "prevention-campaign",
            {
                "kind": MediaKind.AUDIO,
                "caption": "What a pupil said after the session (a tone stands in for it)",
                "credit": "Caritas Albania",
                "transcript": "“Now I know whom to call if a friend is offered a job abroad.”",
                "subtitles_language": "en",
            },
            {
                "file": SimpleUploadedFile("pupil.wav", sounds.wav(1.0)),
                "subtitles": SimpleUploadedFile("pupil.vtt", DEMO_SUBTITLES.encode()),
            },
        ),
        (
            "memorandum",
            {
                "kind": MediaKind.PDF,
                "caption": "The memorandum, as signed",
                "credit": "Caritas Albania",
                "alt_text": "The first page of the memorandum: its title and the date.",
            },
            {
                "file": SimpleUploadedFile(
                    "memorandum.pdf",
                    scans.pdf(
                        [
                            "Memorandum of understanding",
                            "State Coordinator against trafficking",
                            "and Caritas Albania",
                            "Tirana, 10 April 2017",
                        ]
                    ),
                )
            },
        ),
        (
            "capitalisation-workshop",
            {
                "kind": MediaKind.QUOTE,
                "quote": "We came to share what works; we leave with what we will try at home.",
                "quote_by": "A participant from Caritas Kosovo",
            },
            {},
        ),
    ]
    if video is not None:
        wanted.append(
            (
                "capitalisation-workshop",
                {"kind": MediaKind.FILM, "video": video.pk, "caption": "Filmed for the workshop"},
                {},
            )
        )
    for slug, data, files in wanted:
        moment = moments[slug]
        if moment.media.filter(kind=data["kind"]).exists():
            continue
        form = MomentMediaForm({**DEMO_CONSENT, **data}, files, milestone=moment)
        if not form.is_valid():
            raise ValueError(f"demo media of {slug}: {form.errors.as_text()}")
        media = form.save()
        if media.kind == MediaKind.AUDIO:
            add_subtitles(media, network)


def add_subtitles(media, network):
    """More languages for the sound, through the form the media page uses."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from carnet.lib.webvtt import SubtitlesForm

    from ..timeline.models import MomentSubtitles

    for language, text in MORE_SUBTITLES.items():
        upload = SimpleUploadedFile(f"pupil-{language}.vtt", text.encode())
        form = SubtitlesForm(
            {"language": language}, {"file": upload}, languages=network.language_codes
        )
        if not form.is_valid():
            raise ValueError(f"demo subtitles: {form.errors.as_text()}")
        data = form.cleaned_data
        MomentSubtitles.put(media, language=data["language"], upload=data["file"])
