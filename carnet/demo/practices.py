"""Good-practice sheets of the euromed demo: about ten, at every stage of their life.

Texts follow the partners' sheets in the source document (Caritas Bosnia and
Herzegovina's work with its Ministry of Security, Caritas Armenia's support to
Syrian-Armenian families, advocacy at the UN in Geneva…); people are fictitious.
Loading twice changes nothing: a sheet whose address exists is left as it is.
"""

import io

from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from PIL import Image, ImageDraw

from carnet.accounts.models import User
from carnet.lib.uploads import clean_image, store_image
from carnet.practices import domain
from carnet.practices.fields import OTHER
from carnet.practices.models import Sheet, SheetPhoto
from carnet.safeguarding.domain import confirm
from carnet.safeguarding.enums import ConsentScope, FlagKind

REVIEW = ["submitted", "in_review"]
APPROVE = [*REVIEW, "approved"]
VALIDATE = [*APPROVE, "validated"]
PUBLISH = [*VALIDATE, "published"]

# (slug, organisation key, author, title, level, themes, states, content)
SHEETS = [
    (
        "joint-action-research-with-the-ministry-of-security",
        "bosnia",
        "farid",
        "Joint action-research with the Ministry of Security",
        "national",
        ["advocacy", "coordination", "identification"],
        PUBLISH,
        {
            "summary": (
                "Caritas Bosnia and Herzegovina and the Ministry of Security planned, consulted "
                "and conducted two action-research projects together. Their findings were more "
                "reliable because the data were official."
            ),
            "added_national_partners": (
                "The Ministry of Security (co-author of both studies) and the State "
                "coordinator for combating trafficking, who shared the official data."
            ),
            "context": (
                "Trafficking in human beings was hard to measure: the civil sector and the "
                "authorities each held part of the picture and rarely shared it."
            ),
            "activities": (
                "- Two action-research projects, planned and conducted jointly with the "
                "Ministry of Security\n"
                "- Consultations of the Regional Monitoring Teams\n"
                "- Study visits with the State Coordinator against trafficking, under a signed "
                "memorandum of understanding"
            ),
            "impact": (
                "Being a member of the Euro-Mediterranean network let us share our expertise "
                "and enrich it through professional exchanges, trainings, meetings and "
                "conferences. At the network's annual meetings, every country invited its "
                "government: the State Coordinator against trafficking became an important "
                "pillar of the network and could build links with the other countries."
            ),
            "results": (
                "- 2 joint action-research projects\n"
                "- 1 memorandum of understanding with the State Coordinator\n"
                "- Caritas activities planned and consulted jointly with the Ministry"
            ),
            "next_steps": (
                "We will keep working in partnership with governmental institutions, the "
                "private sector and other stakeholders, nationally, regionally and in the "
                "network. Acting together, we can further reduce trafficking."
            ),
            "advice": (
                "The quality of the relationship between partners is an important part of "
                "the success of a network. Learn about each other's responsibilities and work "
                "on both the personal and the professional level: it builds trust."
            ),
            "quote": (
                "Together we act stronger when governmental institutions and the civil "
                "sector share values and knowledge in combating this modern phenomenon."
            ),
            "quote_speaker": "Amra Kovač",
            "quote_role": "Project Manager, Caritas Bosnia and Herzegovina",
            "authors": "Caritas Bosnia and Herzegovina; reviewed by the facilitators",
        },
    ),
    (
        "training-social-workers-to-identify-victims",
        "albania",
        "ana",
        "Training social workers to identify victims",
        "national",
        ["identification", "capacity"],
        [],
        {
            "summary": "We trained social workers in five cities to recognise the signs of "
            "trafficking.",
            "context": "Few professionals knew the signs of trafficking; victims went unseen.",
            "activities": "- Trainings with the network's material\n- A pocket guide",
        },
    ),
    (
        "supporting-syrian-armenian-families",
        "armenia",
        "bora",
        "Supporting Syrian-Armenian families through labour-migration research",
        "national",
        ["support", "prevention"],
        REVIEW,
        {
            "summary": (
                "Through research on labour migration, Caritas Armenia supported two "
                "Syrian-Armenian families who are now self-employed."
            ),
            "context": (
                "The Syrian crisis brought families of Armenian origin back to Armenia, "
                "exposed to exploitation at work."
            ),
            "activities": "Research on labour migration, then individual support to families.",
            "impact": (
                "The network helped us improve the situation of men, women and children, "
                "and gave us the knowledge to do research."
            ),
            "next_steps": (
                "We intend to keep working on labour migration, so that migrant workers are "
                "safe and protected from trafficking, and to raise the issue in the network."
            ),
            "advice": "Use the network to build capacity on new issues before they grow.",
        },
    ),
    (
        "hosting-the-regional-workshop-in-prishtina",
        "kosovo",
        "claire",
        "Hosting the regional workshop in Prishtina",
        "regional",
        ["coordination", "communication"],
        VALIDATE,
        {
            "summary": "Caritas Kosovo hosted the two-day capitalisation workshop after an "
            "international meeting on trafficking.",
            "context": "Partners needed one place to bring out their good practices together.",
            "activities": "Day 1: practices at regional level. Day 2: national practices and "
            "sustainability, with sheets written on the spot.",
            "impact": "Hosting made our organisation visible to the national authorities.",
            "advice": "Give everyone a role: partners own what they present.",
        },
    ),
    (
        "piloting-a-network-with-flexible-coordination",
        "sccf",
        "claire",
        "Piloting a network with flexible coordination",
        "international",
        ["coordination", "decision", "sustainability"],
        PUBLISH,
        {
            "summary": (
                "Secours Catholique – Caritas France piloted the network for nine years, with "
                "democratic decisions on its priority theme, activities and management."
            ),
            "context": "National Caritas organisations faced trafficking alone.",
            "activities": "Annual meetings, common campaigns, study visits and joint advocacy.",
            "impact": "Members say no coordination system is better than another: "
            "flexibility is what they appreciated.",
            "what_worked": "Common decisions worked; members without a national project left.",
            "advice": (
                "- Start from the needs and the motivation of the base\n"
                "- A network need not be static: members may change\n"
                "- Give everyone a clear idea of their roles and responsibilities"
            ),
        },
    ),
    (
        "advocacy-at-the-united-nations-in-geneva",
        "lebanon",
        "farid",
        "Advocacy at the United Nations in Geneva",
        "international",
        ["advocacy"],
        APPROVE,
        {
            "summary": "Partners brought their national experience to the UN office in Geneva.",
            "context": "National advocacy alone did not reach international bodies.",
            "activities": "A joint statement and side meetings at the UN office in Geneva.",
            "impact": "A grass-roots organisation was represented at the United Nations.",
            "advice": "Build international advocacy on national experience.",
        },
    ),
    (
        "prevention-in-schools",
        "serbia",
        "farid",
        "Prevention in schools",
        "national",
        ["prevention"],
        ["submitted"],
        {
            "summary": "Sessions in secondary schools on the risks of false job offers.",
            "context": "Young people were recruited through false offers online.",
            "activities": "Sessions in twelve schools with teachers and social services.",
            "impact": "The network's material saved us months of preparation.",
            "advice": "Develop themes jointly, then adapt them to each country.",
        },
    ),
    (
        "responding-to-the-ukrainian-crisis",
        "ukraine",
        "farid",
        "Responding to the Ukrainian crisis",
        "national",
        ["support", "prevention"],
        [*REVIEW, "changes_requested"],
        {
            "summary": "Information for displaced people on the risks of trafficking.",
            "context": "The crisis displaced many people, exposed to traffickers.",
            "activities": "Leaflets and hotlines at reception points.",
            "impact": "Partners shared what they had learnt from the Syrian crisis.",
            "advice": "Growing needs are a reason to stay in a network.",
        },
    ),
    (
        "reintegration-of-returning-victims",
        "moldova",
        "claire",
        "Reintegration of returning victims",
        "national",
        ["support"],
        PUBLISH,
        {
            "summary": (
                "Until it left the network in 2018, Caritas Moldova supported victims "
                "returning home, with shelter, counselling and vocational training."
            ),
            "context": "Returning victims faced stigma and no income.",
            "activities": "Shelter, counselling and vocational training.",
            "impact": "The network gave us methods we kept after leaving it.",
            "challenges": "Without a national project, we could not stay in the network.",
            "advice": "Secure national funding before joining a network's activities.",
        },
    ),
    (
        "joining-a-network-mid-way",
        "bulgaria",
        "farid",
        "Joining a network mid-way",
        "regional",
        ["coordination", "communication"],
        [*REVIEW, "changes_requested", "resubmitted"],
        {
            "summary": "Caritas Bulgaria joined as an observer in 2016.",
            "context": "We wanted to share experience with neighbouring countries.",
            "activities": "Two network meetings as observers, then a national work plan.",
            "impact": "Observing first let us understand the network before committing.",
            "advice": "Let new members join mid-way, as observers first.",
        },
    ),
]

FRENCH = {
    "title": "Piloter un réseau avec une coordination souple",
    "summary": (
        "Le Secours Catholique – Caritas France a piloté le réseau pendant neuf ans, avec des "
        "décisions démocratiques sur le thème prioritaire, les activités et la gestion."
    ),
    "advice": (
        "- Partir des besoins et de la motivation de la base\n"
        "- Un réseau n'a pas besoin d'être statique : les membres peuvent évoluer\n"
        "- Donner à chacun une idée claire de son rôle et de ses responsabilités"
    ),
}


def _person_for(state, sheet, *, author, people):
    if state in ("submitted", "resubmitted"):
        return author
    if state == "validated":  # the partner validates; without a demo editor, the admin
        if author.has_perm("practices.validate_sheet", sheet):
            return author
        return User.objects.get(username="admin")
    if state == "published":
        return people["claire"]
    return people["farid"]


# What the facilitator asks for when asking for changes: it stands on the sheet until resubmitted.
REVIEW_NOTE = (
    "Thank you, this is clear. Please add one figure to the results (how many people were "
    "reached) and a short quote from a staff member, then submit the sheet again."
)


def _walk(sheet, states, *, author, people):
    for state in states:
        by = _person_for(state, sheet, author=author, people=people)
        note = REVIEW_NOTE if state == "changes_requested" else ""
        try:
            domain.set_state(sheet, state, by=by, note=note)
        except domain.PublishBlocked as blocked:
            for flag in blocked.flags:  # the coordinator checked each one
                if flag.kind != FlagKind.CONSENT:
                    confirm(flag, by=people["claire"])
            domain.set_state(sheet, state, by=by)


# A field the demo's coordinator added to the template (see the template page).
ADDED_FIELD = {
    "key": "added_national_partners",
    "label": "National partners involved",
    "help": "The ministries, local authorities and NGOs you worked with, and their role.",
    "required": False,
    "guide": 80,
}


def _add_field(template):
    if ADDED_FIELD["key"] in {item["key"] for item in template.fields}:
        return
    fields = [item for item in template.fields if item["key"] != OTHER]
    others = [item for item in template.fields if item["key"] == OTHER]
    template.fields = [*fields, dict(ADDED_FIELD), *others]
    template.save(update_fields=["fields"])


@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def load(ctx):
    network, orgs, people = ctx["network"], ctx["organisations"], ctx["people"]
    template = domain.template_for(network, ctx.get("exercise"))
    _add_field(template)
    sheets = {}
    for slug, org_key, author_name, title, level, themes, states, content in SHEETS:
        existing = Sheet.objects.filter(network=network, slug=slug).first()
        if existing:
            sheets[slug] = existing
            continue
        author = people[author_name]
        sheet = domain.create_sheet(
            network=network,
            organisation=orgs[org_key],
            by=author,
            title=title,
            content=content,
            template=template,
            level=level,
            themes=themes,
            slug=slug,
        )
        if content.get("quote"):
            sheet.consent_scope = ConsentScope.PUBLICATION
            sheet.consent_by = content["quote_speaker"]
            sheet.save(update_fields=["consent_scope", "consent_by"])
        if slug == "joint-action-research-with-the-ministry-of-security":
            _photo(sheet)
        _walk(sheet, states, author=author, people=people)
        sheets[slug] = sheet
        if slug == "supporting-syrian-armenian-families":
            _review(sheet, people)
        if slug == "piloting-a-network-with-flexible-coordination":
            _translate(sheet, people)
    ctx["sheets"] = sheets


def _photo(sheet):
    """A drawn illustration (no one in it), stored the way uploads are."""
    image = Image.new("RGB", (1200, 700), (31, 111, 139))
    draw = ImageDraw.Draw(image)
    for n in range(12):
        x = 60 + n * 95
        draw.ellipse((x, 300 - (n % 3) * 40, x + 70, 370 - (n % 3) * 40), fill=(243, 246, 247))
        draw.rectangle((x + 10, 380 - (n % 3) * 40, x + 60, 560), fill=(213, 218, 221))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    upload = SimpleUploadedFile("working-meeting.png", buffer.getvalue(), "image/png")
    clean = clean_image(upload)
    SheetPhoto.objects.create(
        sheet=sheet,
        image=store_image(clean, default_storage, "sheets"),
        width=clean.width,
        height=clean.height,
        caption="A working meeting of the network (illustration)",
        credit="Carnet demo",
        consent_scope=ConsentScope.PUBLICATION,
        consent_by="Not applicable: a drawing, nobody shown",
    )


def _review(sheet, people):
    """Open suggestions and a comment thread, by the facilitator and a peer."""
    farid, bora, ana = people["farid"], people["bora"], people["ana"]
    domain.save_version(
        sheet,
        by=bora,
        content={**sheet.content, "results": "- 2 families self-employed\n- 1 research report"},
        base_revision=sheet.revision,
    )
    sheet.refresh_from_db()
    domain.set_open_to_peers(sheet, by=bora, value=True)
    domain.suggest(
        sheet,
        by=farid,
        field="summary",
        passage="who are now self-employed",
        replacement="who are now self-employed and integrated into the community",
        comment="Say what changed for the families.",
    )
    domain.suggest(
        sheet,
        by=farid,
        field="context",
        kind="structure",
        replacement=(
            "Families of Armenian origin came back from Syria because of the war. Many "
            "found work without contracts, exposed to exploitation."
        ),
        comment="Two sentences: cause, then risk.",
    )
    domain.suggest(
        sheet,
        by=ana,
        field="advice",
        passage="before they grow",
        replacement="before they grow, e.g. labour migration",
        comment="From Albania: the same happened to us.",
    )
    wording = domain.suggest(
        sheet,
        by=farid,
        field="impact",
        replacement="The network increased our visibility with the national authorities.",
        comment="Shorter?",
    )
    domain.reject(  # decided by the organisation that owns the sheet, with its reason
        wording, by=bora, reason="We prefer our own words: they say who we work with."
    )
    domain.add_comment(  # a second note on the summary's paragraph: the notes stack
        sheet,
        by=farid,
        text="Which research? Give its title and year, readers will look for it.",
        field="summary",
        passage="research on labour migration",
    )
    question = domain.add_comment(
        sheet,
        by=farid,
        text="Can you give a figure for the research?",
        field="results",
        passage="1 research report",  # it stands beside these words on the sheet
    )
    domain.add_comment(  # @farid: he is told he is mentioned (once, not twice)
        sheet, by=bora, text="@farid Added: one report, two families.", parent=question
    )


def _translate(sheet, people):
    claire = people["claire"]
    french = domain.add_translation(sheet, by=claire, language="fr")
    domain.save_version(
        french,
        by=claire,
        title=FRENCH["title"],
        content={**french.content, **{k: v for k, v in FRENCH.items() if k != "title"}},
        base_revision=french.revision,
        note="Traduction",
    )
