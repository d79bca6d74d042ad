# ruff: noqa: E501 - data written as one line per item
"""The capitalisation at work in the euromed demo: interviews, documents, the Kosovo
workshop, learnings with their evidence, videos. Idempotent: found again by natural keys.

Learnings and quotes are drawn from the source document (seed/capitalisation-euromed-
network.txt); interview notes are written for the demo around those passages.
"""

import datetime
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile

from carnet.capitalisation import domain
from carnet.capitalisation.enums import (
    AbsenceReason,
    FollowUpKind,
    FollowUpStatus,
    InterviewChannel,
    InterviewStatus,
    LearningCategory,
    SessionLevel,
    VideoStatus,
)
from carnet.capitalisation.models import (
    Attendance,
    Evidence,
    FollowUp,
    Interview,
    Learning,
    PublishedSynthesis,
    Video,
    VideoSubtitles,
    Workshop,
    WorkshopSession,
)
from carnet.lib.uploads import random_path
from carnet.library import domain as library
from carnet.library.enums import ExtractionStatus
from carnet.library.models import Document
from carnet.networks.models import MembershipReason
from carnet.safeguarding.domain import confirm, publish_blockers
from carnet.safeguarding.enums import ConsentScope

D = datetime.date

# organisation key -> (date, channel, expectations, notes)
INTERVIEWS = {
    "sccf": (
        D(2019, 9, 16),
        InterviewChannel.VIDEO,
        "Show how the network was steered and what the pilot learnt.",
        "No coordination system is better than another, but flexibility is appreciated. "
        "Decisions on the priority theme, the activities and management were taken together.",
    ),
    "albania": (
        D(2019, 9, 18),
        InterviewChannel.VIDEO,
        "Put forward the joint document analysis and our work on prevention in schools.",
        "We shared the same diagnosis of the situation when we joined. "
        "Trainings from the network were passed on inside our Caritas, to every branch.",
    ),
    "armenia": (
        D(2019, 9, 19),
        InterviewChannel.MESSAGING,
        "Show the research that supported Syrian-Armenian families.",
        "We wanted to strengthen our knowledge of trafficking. "
        "Today two Syrian-Armenian families are self-employed and integrated in the community.",
    ),
    "bosnia": (
        D(2019, 9, 20),
        InterviewChannel.VIDEO,
        "The memorandum with the Ministry of Security and the joint action-research.",
        "Learning about each other's responsibilities, on the personal and professional "
        "levels, helped build trust between the Ministry of Security and Caritas. "
        "The quality of the relationship between partners is an important part of success.",
    ),
    "kosovo": (
        D(2019, 9, 23),
        InterviewChannel.VIDEO,
        "Our cooperation with the State Coordinator against trafficking.",
        "The network made us visible nationally: the State Coordinator now invites us. "
        "We signed a memorandum of understanding with the State Coordinator.",
    ),
    "lebanon": (
        D(2019, 9, 24),
        InterviewChannel.PHONE,
        "Support to migrant domestic workers.",
        "With the Syrian crisis, activities against trafficking became more and more "
        "necessary. Victims are better identified since the trainings.",
    ),
    "serbia": (
        D(2019, 9, 25),
        InterviewChannel.VIDEO,
        "Prevention with young people.",
        "We cooperate with other NGOs we met through the network. "
        "Communication uses many tools, internal and external.",
    ),
    "ukraine": (
        D(2019, 9, 26),
        InterviewChannel.MESSAGING,
        "Help for people displaced by the war.",
        "The war made people more vulnerable: the network is needed more than ever. "
        "It was possible to join mid-way and still find our place.",
    ),
    "bulgaria": (
        D(2019, 9, 30),
        InterviewChannel.VIDEO,
        "What an observer gains from the network.",
        "Themes are developed jointly and adapted in each country.",
    ),
    "greece": (
        D(2019, 10, 1),
        InterviewChannel.PHONE,
        "Why we left and what we kept.",
        "Migration became our national priority and took all our staff. "
        "Members without a national project are more likely to leave.",
    ),
    "georgia": (
        D(2019, 10, 2),
        InterviewChannel.MESSAGING,
        "What would have helped us stay.",
        "Running the project in the country became too difficult. "
        "A network does not need to be static: members may change.",
    ),
    "morocco": (
        D(2019, 10, 3),
        InterviewChannel.PHONE,
        "Funding as a condition for taking part.",
        "Without funding we had no national project left to bring to the network. "
        "A network works when it starts from the needs and motivation of its base.",
    ),
}
UNAVAILABLE = (
    "moldova",
    D(2019, 10, 4),
    "Staff turnover: the team who knew the network left "
    "and the activities against trafficking stopped.",
)

DOCUMENTS = [
    (
        "Annual report 2012",
        D(2013, 3, 1),
        "sccf",
        "report",
        "annual, coordination",
        "The network met twice in 2012. Partners agreed on a common priority theme, trafficking "
        "for labour exploitation, and on a democratic, participatory way of taking decisions.",
    ),
    (
        "Minutes of the Tirana meeting",
        D(2013, 5, 16),
        "albania",
        "minutes",
        "meeting",
        "Minutes. Caritas Albania presented prevention work in schools. Partners shared a "
        "diagnosis: trafficking is growing and no organisation can address it alone.",
    ),
    (
        "Project document 2014-2016",
        D(2014, 1, 10),
        "sccf",
        "project",
        "funding, project",
        "The project supports national activities: identification of victims, prevention, "
        "support to victims, and joint advocacy at regional and international level.",
    ),
    (
        "Training report: identification of victims",
        D(2014, 10, 2),
        "armenia",
        "report",
        "training",
        "Forty staff members were trained to identify victims of trafficking. Knowledge was "
        "disseminated inside each Caritas through internal trainings.",
    ),
    (
        "Joint statement at the United Nations in Geneva",
        D(2015, 6, 18),
        "sccf",
        "other",
        "advocacy, UN",
        "Joint advocacy at the UN in Geneva, built on national experience. A grass-root "
        "organisation could be represented at the United Nations.",
    ),
    (
        "Memorandum with the Ministry of Security",
        D(2016, 4, 7),
        "bosnia",
        "project",
        "authorities, memorandum",
        "Memorandum of understanding between the Ministry of Security and Caritas Bosnia and "
        "Herzegovina on joint action-research against trafficking.",
    ),
    (
        "Evaluation of the network 2017",
        D(2017, 12, 1),
        "sccf",
        "evaluation",
        "evaluation",
        "Members without a national project are more likely to leave the network. Flexibility "
        "in coordination is appreciated; communication tools are many.",
    ),
    (
        "Minutes of the Prishtina meeting",
        D(2018, 5, 22),
        "kosovo",
        "minutes",
        "meeting",
        "Minutes. The State Coordinator against trafficking attended. Caritas Kosovo presented "
        "its national visibility thanks to the network.",
    ),
    (
        "Action-research report",
        D(2018, 9, 30),
        "bosnia",
        "report",
        "research",
        "Action-research run jointly with the Ministry of Security: findings on labour "
        "exploitation and recommendations for prevention.",
    ),
    (
        "Communication plan",
        D(2018, 11, 5),
        "serbia",
        "project",
        "communication",
        "Internal communication: mailing list, messaging groups, annual meeting. External "
        "communication: website, campaigns, press.",
    ),
    (
        "Ukraine crisis response note",
        D(2019, 2, 14),
        "ukraine",
        "report",
        "crisis",
        "Displaced people are more vulnerable to trafficking. Prevention sessions were held in "
        "reception centres with material shared by the network.",
    ),
    (
        "Terms of reference of the capitalisation",
        D(2019, 7, 1),
        "sccf",
        "project",
        "capitalisation, method",
        "A preparatory interview with each partner, separately, to explain capitalisation and "
        "frame expectations. A participatory approach, listening to partners.",
    ),
    (
        # Written in French: its words are stemmed as French (a search for "social" finds
        # "sociaux", which English stemming would not), and its page marks its text lang="fr".
        "Compte rendu de la rencontre de Marseille",
        D(2016, 10, 12),
        "sccf",
        "minutes",
        "rencontre, formation",
        "Compte rendu. Les partenaires ont partagé leurs pratiques : formations communes des "
        "travailleurs sociaux, accompagnement des personnes victimes de la traite.",
        "fr",
    ),
]

SESSIONS = [
    (
        1,
        "What capitalisation is, and the timeline of the network",
        "Farid Benali",
        SessionLevel.REGIONAL,
        "Partners placed about ten key moments on the timeline, according to them.",
    ),
    (
        1,
        "Good practices of coordination, decision-making and communication",
        "Farid Benali",
        SessionLevel.REGIONAL,
        "Common decisions on the priority theme, activities and management were valued by all.",
    ),
    (
        1,
        "Results at regional and international level: advocacy",
        "Claire Martin",
        SessionLevel.REGIONAL,
        "Joint advocacy at the UN in Geneva was the network's strongest international result.",
    ),
    (
        2,
        "Good practices at national level: writing the sheets",
        "Farid Benali",
        SessionLevel.NATIONAL,
        "Each partner drafted its good-practice sheet and advised the others.",
    ),
    (
        2,
        "Links with authorities and civil society",
        "Claire Martin",
        SessionLevel.NATIONAL,
        "Involving authorities and civil society in national activities strengthens their impact.",
    ),
    (
        2,
        "Sustainability of the network",
        "Farid Benali",
        SessionLevel.NATIONAL,
        "A network works when it starts from the needs and motivation of its base.",
    ),
]
ABSENT = {
    "albania": (
        AbsenceReason.NATURAL_DISASTER,
        "Earthquake in Albania on 26 November",
        FollowUpKind.INTERVIEW,
        D(2019, 12, 4),
    ),
    "ukraine": (
        AbsenceReason.FLIGHT,
        "Flight cancelled",
        FollowUpKind.ON_THE_SPOT,
        D(2019, 11, 26),
    ),
}

# (category, perspective, level, strength, statement, [source]) where a source is
# ("interview", org, field, passage) | ("session", index, passage) | ("document", index, passage)
# | ("reason", org)
LEARNINGS = [
    (
        "join",
        "partners",
        "regional",
        3,
        "Organisations join from a shared diagnosis of the situation.",
        [
            ("interview", "albania", "notes", "We shared the same diagnosis of the situation"),
            ("document", 1, "no organisation can address it alone"),
            ("reason", "albania"),
        ],
    ),
    (
        "join",
        "partners",
        "national",
        2,
        "Organisations join to strengthen their knowledge.",
        [
            (
                "interview",
                "armenia",
                "notes",
                "We wanted to strengthen our knowledge of trafficking.",
            ),
            ("reason", "armenia"),
        ],
    ),
    (
        "join",
        "partners",
        "regional",
        1,
        "Organisations join to share the experience of others.",
        [("reason", "bosnia")],
    ),
    (
        "join",
        "partners",
        "regional",
        1,
        "It is possible to join the network mid-way.",
        [("interview", "ukraine", "notes", "It was possible to join mid-way")],
    ),
    (
        "stay",
        "partners",
        "national",
        3,
        "Growing needs keep members in: the Syrian and Ukrainian crises.",
        [
            (
                "interview",
                "lebanon",
                "notes",
                "With the Syrian crisis, activities against trafficking became more and more necessary.",
            ),
            ("interview", "ukraine", "notes", "the network is needed more than ever"),
            ("reason", "ukraine"),
        ],
    ),
    (
        "stay",
        "partners",
        "national",
        2,
        "Members stay for the knowledge the network brings.",
        [("document", 3, "Knowledge was disseminated inside each Caritas"), ("reason", "armenia")],
    ),
    (
        "stay",
        "partners",
        "national",
        3,
        "Members stay for the national visibility the network gives.",
        [
            ("interview", "kosovo", "notes", "The network made us visible nationally"),
            ("reason", "albania"),
        ],
    ),
    (
        "stay",
        "partners",
        "national",
        2,
        "Members stay for the cooperation with authorities it opens.",
        [
            (
                "interview",
                "bosnia",
                "notes",
                "helped build trust between the Ministry of Security and Caritas",
            ),
            ("reason", "bosnia"),
        ],
    ),
    (
        "stay",
        "partners",
        "regional",
        1,
        "Members stay for links with other NGOs.",
        [
            (
                "interview",
                "serbia",
                "notes",
                "We cooperate with other NGOs we met through the network.",
            )
        ],
    ),
    (
        "leave",
        "partners",
        "national",
        3,
        "Members leave when no national project is left for lack of funding.",
        [
            ("interview", "morocco", "notes", "Without funding we had no national project left"),
            ("reason", "morocco"),
            ("reason", "moldova"),
        ],
    ),
    (
        "leave",
        "partners",
        "national",
        2,
        "Members leave when other national priorities, such as migration, take over.",
        [
            ("interview", "greece", "notes", "Migration became our national priority"),
            ("reason", "greece"),
        ],
    ),
    (
        "leave",
        "partners",
        "national",
        1,
        "Members leave when running the project in the country becomes too difficult.",
        [
            (
                "interview",
                "georgia",
                "notes",
                "Running the project in the country became too difficult.",
            ),
            ("reason", "georgia"),
        ],
    ),
    (
        "coordination",
        "partners",
        "regional",
        3,
        "No coordination system is better than another; flexibility is appreciated.",
        [
            (
                "interview",
                "sccf",
                "notes",
                "No coordination system is better than another, but flexibility is appreciated.",
            ),
            ("document", 6, "Flexibility in coordination is appreciated"),
            ("session", 1, ""),
        ],
    ),
    (
        "decision_making",
        "partners",
        "regional",
        3,
        "Decisions are democratic and participatory: the priority theme, activities and management are decided together.",
        [
            (
                "interview",
                "sccf",
                "notes",
                "Decisions on the priority theme, the activities and management were taken together.",
            ),
            ("document", 0, "a democratic, participatory way of taking decisions"),
            ("session", 1, "Common decisions on the priority theme"),
        ],
    ),
    (
        "communication",
        "partners",
        "regional",
        2,
        "Many communication tools, internal and external.",
        [
            (
                "interview",
                "serbia",
                "notes",
                "Communication uses many tools, internal and external.",
            ),
            (
                "document",
                9,
                "Internal communication: mailing list, messaging groups, annual meeting.",
            ),
        ],
    ),
    (
        "result_knowledge",
        "partners",
        "national",
        3,
        "Knowledge is transferred: trainings, new knowledge, dissemination inside each Caritas.",
        [
            (
                "interview",
                "albania",
                "notes",
                "Trainings from the network were passed on inside our Caritas",
            ),
            ("document", 3, "Forty staff members were trained to identify victims"),
        ],
    ),
    (
        "result_activities",
        "partners",
        "national",
        2,
        "New activities: better identification of victims, stronger prevention, more support to victims.",
        [
            ("interview", "lebanon", "notes", "Victims are better identified since the trainings."),
            ("document", 10, "Prevention sessions were held in reception centres"),
        ],
    ),
    (
        "result_activities",
        "partners",
        "national",
        2,
        "Support to victims reaches families who rebuild their lives.",
        [
            (
                "interview",
                "armenia",
                "notes",
                "Today two Syrian-Armenian families are self-employed and integrated in the community.",
            )
        ],
    ),
    (
        "result_links",
        "partners",
        "national",
        3,
        "Visibility brings links with new actors at national, regional and international level.",
        [
            ("interview", "kosovo", "notes", "the State Coordinator now invites us"),
            ("document", 7, "The State Coordinator against trafficking attended."),
        ],
    ),
    (
        "result_advocacy",
        "partners",
        "international",
        3,
        "International advocacy: joint advocacy at the UN in Geneva.",
        [
            (
                "document",
                4,
                "A grass-root organisation could be represented at the United Nations.",
            ),
            ("session", 2, "Joint advocacy at the UN in Geneva"),
        ],
    ),
    (
        "result_joint_projects",
        "partners",
        "national",
        3,
        "Joint projects: action-research with a Ministry of Security.",
        [
            ("document", 5, "joint action-research against trafficking"),
            ("document", 8, "Action-research run jointly with the Ministry of Security"),
        ],
    ),
    (
        "result_joint_projects",
        "partners",
        "national",
        2,
        "A memorandum of understanding with a State Coordinator against trafficking.",
        [
            (
                "interview",
                "kosovo",
                "notes",
                "We signed a memorandum of understanding with the State Coordinator.",
            )
        ],
    ),
    (
        "advice_developing",
        "partners",
        "regional",
        3,
        "A network works when it starts from the needs and motivation of its base.",
        [
            (
                "interview",
                "morocco",
                "notes",
                "A network works when it starts from the needs and motivation of its base.",
            ),
            ("session", 5, ""),
        ],
    ),
    (
        "advice_developing",
        "partners",
        "regional",
        2,
        "A network need not be static: members may change.",
        [
            (
                "interview",
                "georgia",
                "notes",
                "A network does not need to be static: members may change.",
            )
        ],
    ),
    (
        "advice_developing",
        "partners",
        "regional",
        2,
        "Members without a national project are likelier to leave.",
        [
            (
                "interview",
                "greece",
                "notes",
                "Members without a national project are more likely to leave.",
            ),
            (
                "document",
                6,
                "Members without a national project are more likely to leave the network.",
            ),
        ],
    ),
    (
        "advice_links",
        "partners",
        "regional",
        3,
        "Good professional and personal relations between members are essential.",
        [
            (
                "interview",
                "bosnia",
                "notes",
                "The quality of the relationship between partners is an important part of success.",
            )
        ],
    ),
    (
        "advice_links",
        "partners",
        "regional",
        1,
        "Partners need a clear idea of their roles and responsibilities.",
        [("interview", "bosnia", "notes", "Learning about each other's responsibilities")],
    ),
    (
        "advice_activities",
        "partners",
        "international",
        2,
        "Use the network for international advocacy built on national experience.",
        [("document", 4, "Joint advocacy at the UN in Geneva, built on national experience.")],
    ),
    (
        "advice_activities",
        "partners",
        "regional",
        2,
        "Develop themes jointly and adapt them in each country.",
        [
            (
                "interview",
                "bulgaria",
                "notes",
                "Themes are developed jointly and adapted in each country.",
            )
        ],
    ),
    (
        "advice_activities",
        "partners",
        "national",
        2,
        "Involving authorities and civil society strengthens national activities.",
        [
            (
                "session",
                4,
                "Involving authorities and civil society in national activities strengthens their impact.",
            )
        ],
    ),
    (
        "method",
        "facilitators",
        "regional",
        3,
        "A preparatory interview with each partner, separately, frames expectations.",
        [("document", 11, "A preparatory interview with each partner, separately")],
    ),
    (
        "method",
        "facilitators",
        "regional",
        2,
        "A participatory, listening approach gives partners ownership.",
        [("document", 11, "A participatory approach, listening to partners."), ("session", 3, "")],
    ),
]

VIDEOS = [
    (
        "Building trust with the Ministry of Security",
        "bosnia",
        "Project manager",
        "bs",
        VideoStatus.PUBLISHED,
        ConsentScope.PUBLICATION,
    ),
    (
        "From research to self-employment",
        "armenia",
        "Programme coordinator",
        "hy",
        VideoStatus.EDITING,
        ConsentScope.INTERNAL,
    ),
    ("Prevention in schools", "albania", "", "sq", VideoStatus.PLANNED, ConsentScope.NONE),
]
# The published video speaks Bosnian: its subtitles and transcript are in Bosnian, and its
# page (/euromed/videos/<pk>/) plays files/testimony.webm (8 s of coloured frames, VP8, 23 KB,
# recorded with Chromium's MediaRecorder from a canvas: no ffmpeg here) with the track
# "Bosanski".
VIDEO_FILE = Path(__file__).parent / "files" / "testimony.webm"
SUBTITLES = (
    "WEBVTT\n\n00:00.000 --> 00:04.000\nUpoznali smo odgovornosti jedni drugih.\n\n"
    "00:04.000 --> 00:08.000\nTo je izgradilo povjerenje s Ministarstvom sigurnosti.\n"
)
PUBLISHED_VIDEO = {
    "transcript": (
        "Upoznali smo odgovornosti jedni drugih.\n\n"
        "To je izgradilo povjerenje s Ministarstvom sigurnosti."
    ),
}


def load(ctx):
    network, orgs, people = ctx["network"], ctx["organisations"], ctx["people"]
    interviewers = [people["farid"], people["claire"]]
    interviews = {}
    for key, (planned, channel, expectations, notes) in INTERVIEWS.items():
        interview, _ = Interview.objects.update_or_create(
            network=network,
            organisation=orgs[key],
            defaults={
                "planned_on": planned,
                "channel": channel,
                "status": InterviewStatus.DONE,
                "expectations": expectations,
                "notes": notes,
            },
        )
        interview.interviewers.set(interviewers)
        interviews[key] = interview
    key, planned, reason = UNAVAILABLE
    Interview.objects.update_or_create(
        network=network,
        organisation=orgs[key],
        defaults={"planned_on": planned, "status": InterviewStatus.UNAVAILABLE, "reason": reason},
    )

    documents = []
    for title, date, org, kind, tags, text, *language in DOCUMENTS:
        document = Document.objects.filter(network=network, title=title).first()
        if document is None:
            document = Document(
                network=network,
                title=title,
                date=date,
                organisation=orgs[org],
                kind=kind,
                tags=tags,
                language=language[0] if language else "",
                file_kind="txt",
                created_by=people["farid"],
            )
            document.file.save(
                random_path("documents", "document.txt"), ContentFile(text.encode()), save=False
            )
            document.save()
        if document.extraction != ExtractionStatus.DONE:
            library.extract_text(document)
        documents.append(document)

    workshop, _ = Workshop.objects.update_or_create(
        network=network,
        title="Capitalisation workshop in Kosovo",
        defaults={
            "place": "Prishtina, Kosovo",
            "start_on": D(2019, 11, 27),
            "end_on": D(2019, 11, 28),
            "description": "Two days after the international meeting on trafficking.",
        },
    )
    sessions = []
    for day, topic, facilitator, level, notes in SESSIONS:
        session, _ = WorkshopSession.objects.update_or_create(
            workshop=workshop,
            topic=topic,
            defaults={"day": day, "facilitator": facilitator, "level": level, "notes": notes},
        )
        sessions.append(session)
    for key in INTERVIEWS:
        absent = ABSENT.get(key)
        attendance, _ = Attendance.objects.update_or_create(
            workshop=workshop,
            organisation=orgs[key],
            defaults={
                "present": absent is None,
                "absence_reason": absent[0] if absent else "",
                "absence_note": absent[1] if absent else "",
            },
        )
        if absent:
            FollowUp.objects.update_or_create(
                attendance=attendance,
                kind=absent[2],
                defaults={
                    "planned_on": absent[3],
                    "done_on": absent[3],
                    "status": FollowUpStatus.DONE,
                },
            )

    reasons = {}
    for reason in MembershipReason.objects.filter(membership__network=network).select_related(
        "membership"
    ):
        reasons.setdefault((reason.membership.organisation_id, reason.kind), reason)
    for category, perspective, level, strength, statement, sources in LEARNINGS:
        if Learning.objects.filter(network=network, statement=statement).exists():
            continue
        triples = []
        for source in sources:
            if source[0] == "interview":
                triples.append((interviews[source[1]], source[2], source[3]))
            elif source[0] == "session":
                triples.append((sessions[source[1]], "notes", source[2]))
            elif source[0] == "document":
                triples.append((documents[source[1]], "text", source[2]))
            else:
                triples.append((reasons[(orgs[source[1]].pk, category)], "statement", ""))
        domain.create_learning(
            network=network,
            statement=statement,
            category=category,
            perspective=perspective,
            level=level,
            strength=strength,
            by=people["farid"],
            sources=triples,
        )

    for title, org, speaker, language, status, consent in VIDEOS:
        video, created = Video.objects.update_or_create(
            network=network,
            title=title,
            defaults={
                "organisation": orgs[org],
                "speaker": speaker,
                "language": language,
                "status": status,
                "consent_scope": consent,
                "consent_by": speaker if consent != ConsentScope.NONE else "",
                "transcript": "We learnt about each other's responsibilities." if speaker else "",
                **(PUBLISHED_VIDEO if status == VideoStatus.PUBLISHED else {}),
            },
        )
        if status == VideoStatus.PUBLISHED and not video.tracks.exists():
            VideoSubtitles.put(
                video, language=language, upload=ContentFile(SUBTITLES.encode(), "testimony.vtt")
            )
        if status == VideoStatus.PUBLISHED and not video.file:
            video.file.save("testimony.webm", ContentFile(VIDEO_FILE.read_bytes()), save=True)
    ctx["workshop"] = workshop
    ctx["learnings"] = Learning.objects.filter(network=network)
    ctx["evidence_types"] = ContentType.objects.filter(
        pk__in=Evidence.objects.values("content_type")
    )


SHEET_LEARNINGS = [
    (
        "joint-action-research-with-the-ministry-of-security",
        "advice",
        "The quality of the relationship between partners is an important part of the success "
        "of a network.",
        "Trust between partners, personal as well as professional, is what makes the network work.",
        LearningCategory.ADVICE_LINKS,
    ),
    (
        "piloting-a-network-with-flexible-coordination",
        "impact",
        "Members say no coordination system is better than another: flexibility is what they "
        "appreciated.",
        "A flexible coordination suits a network whose members change.",
        LearningCategory.COORDINATION,
    ),
    (
        "reintegration-of-returning-victims",
        "impact",
        "The network gave us methods we kept after leaving it.",
        "What a partner learned in the network outlives its membership.",
        LearningCategory.RESULT_KNOWLEDGE,
    ),
]


def publish_synthesis(ctx):
    """Claire published the synthesis once the learnings and their sources were in, after
    checking what the sensitive-content check flagged (names of the network's partners
    are allowed; anything else it finds she looked at and confirmed)."""
    network, claire, farid = ctx["network"], ctx["people"]["claire"], ctx["people"]["farid"]
    if PublishedSynthesis.objects.filter(network=network, is_published=True).exists():
        return
    # Farid made learnings of passages of published sheets: those passages may be quoted.
    from carnet.practices.models import Sheet

    for slug, field, passage, statement, category in SHEET_LEARNINGS:
        sheet = Sheet.objects.filter(network=network, slug=slug).first()
        if sheet is None or passage not in sheet.content.get(field, ""):
            continue
        if Learning.objects.filter(network=network, statement=statement).exists():
            continue
        domain.create_learning(
            network=network,
            statement=statement,
            category=category,
            strength=3,
            by=farid,
            sources=[(sheet, field, passage)],
        )
    try:
        domain.publish_synthesis(network, by=claire)
    except domain.PublicationBlocked:
        published = PublishedSynthesis.objects.get(network=network)
        for flag in publish_blockers(published):
            confirm(flag, by=claire)
        domain.publish_synthesis(network, by=claire)
