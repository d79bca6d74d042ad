"""The network's published texts in Albanian and Arabic (carnet.translations), a few key
moments in Arabic, and some translations made from an earlier reference text, so that the
translation status page shows outdated items and what changed. One Arabic tag holds a phone
number: it waits on the safeguarding page, and Arabic readers see the English tag meanwhile.
Saved as a translator saves them (carnet.translations.domain.save: checked, logged)."""

from carnet.timeline.models import Era, Milestone, MilestoneTranslation
from carnet.translations import domain, registry
from carnet.vocabulary.models import Term

# (kind of object, how to find it, field) -> {language: (translation, source or None)};
# source None: made from today's reference text; else the earlier text it was made from.
NETWORK_DESCRIPTION = {
    "sq": (
        "Një rrjet i organizatave kombëtare Caritas kundër trafikimit të qenieve njerëzore, "
        "i drejtuar nga Secours Catholique – Caritas France. Në vitet 2019–2020 ai "
        "kapitalizoi nëntë vjet pune.",
        None,
    ),
    "ar": (
        "شبكة من منظمات كاريتاس الوطنية لمكافحة الاتجار بالبشر، تقودها منظمة الإغاثة "
        "الكاثوليكية – كاريتاس فرنسا.",
        # Translated before the coordinator added the last sentence: outdated.
        "A network of national Caritas organisations against trafficking in human beings, "
        "piloted by Secours Catholique – Caritas France.",
    ),
}

ERAS = {
    "Founding years": {"sq": ("Vitet e themelimit", None), "ar": ("سنوات التأسيس", None)},
    "Growth and joint advocacy": {
        "sq": ("Rritja dhe avokimi i përbashkët", None),
        # Translated when the era was called "Growth and advocacy": outdated.
        "ar": ("النمو والمناصرة", "Growth and advocacy"),
    },
    "Capitalisation": {"sq": ("Kapitalizimi", None), "ar": ("الرسملة", None)},
}

TAGS = {
    "meeting": {"sq": "takim", "ar": "اجتماع"},
    # A translator added a contact to the tag: held until Claire checks it.
    "governance": {"sq": "qeverisje", "ar": "حوكمة – للاستفسار: ‎+961 1 234 567"},
    "training": {"sq": "trajnim", "ar": "تدريب"},
}

ARABIC_MOMENTS = {
    "founding-meeting": (
        "الاجتماع التأسيسي في باريس",
        "ست منظمات كاريتاس تتفق على تشخيص مشترك: الاتجار بالبشر يتزايد ولا أحد يستطيع "
        "مواجهته وحده. فتقرر العمل **كشبكة**.",
    ),
    "first-training": (
        "أول تدريب إقليمي على تحديد الضحايا",
        "تتعلم فرق كل عضو التعرف على علامات الاتجار.",
    ),
}


def _translate(network, kind, obj, field, language, text, source, *, by):
    """Saved as the translate page saves it (unchanged texts are left as they are, so their
    dates stay); source: the reference text it was made from, if not today's."""
    key = (str(obj.pk), field)
    sources = {key: source} if source is not None else {}
    domain.save(network, registry.kind(kind), language, {key: text}, by=by, sources=sources)


def load(ctx):
    network, claire = ctx["network"], ctx["people"]["claire"]
    for language, (text, source) in NETWORK_DESCRIPTION.items():
        _translate(network, "network", network, "description", language, text, source, by=claire)
    for name, languages in ERAS.items():
        era = Era.objects.get(network=network, name=name)
        for language, (text, source) in languages.items():
            _translate(network, "eras", era, "name", language, text, source, by=claire)
    for key, languages in TAGS.items():
        term = Term.objects.filter(network=network, kind="moment_tag", key=key).first()
        if term is None:
            continue
        for language, text in languages.items():
            _translate(network, "tags", term, "label", language, text, None, by=claire)
    for slug, (title, text) in ARABIC_MOMENTS.items():
        moment = Milestone.objects.get(network=network, slug=slug)
        item = MilestoneTranslation.objects.filter(milestone=moment, language="ar").first()
        if item is None or (item.title, item.text) != (title, text):
            item = item or MilestoneTranslation(milestone=moment, language="ar")
            item.title, item.text = title, text
            item.save()
