"""The network's published texts in Albanian and Arabic (carnet.translations), a few key
moments in Arabic, and some translations made from an earlier reference text, so that the
translation status page shows outdated items and what changed."""

from django.contrib.contenttypes.models import ContentType

from carnet.timeline.models import Era, Milestone, MilestoneTranslation
from carnet.translations.models import Translation
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
    "governance": {"sq": "qeverisje", "ar": "حوكمة"},
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


def _translate(network, obj, field, language, text, source, *, by):
    reference = getattr(obj, field)
    item = Translation.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        field=field,
        language=language,
    ).first() or Translation(
        network=network,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        field=field,
        language=language,
    )
    wanted = (text, source if source is not None else reference)
    if (item.text, item.source) != wanted:  # saved once: its date stays
        item.text, item.source, item.by = *wanted, by
        item.save()


def load(ctx):
    network, claire = ctx["network"], ctx["people"]["claire"]
    for language, (text, source) in NETWORK_DESCRIPTION.items():
        _translate(network, network, "description", language, text, source, by=claire)
    for name, languages in ERAS.items():
        era = Era.objects.get(network=network, name=name)
        for language, (text, source) in languages.items():
            _translate(network, era, "name", language, text, source, by=claire)
    for key, languages in TAGS.items():
        term = Term.objects.filter(network=network, kind="moment_tag", key=key).first()
        if term is None:
            continue
        for language, text in languages.items():
            _translate(network, term, "label", language, text, None, by=claire)
    for slug, (title, text) in ARABIC_MOMENTS.items():
        moment = Milestone.objects.get(network=network, slug=slug)
        item = MilestoneTranslation.objects.filter(milestone=moment, language="ar").first()
        if item is None or (item.title, item.text) != (title, text):
            item = item or MilestoneTranslation(milestone=moment, language="ar")
            item.title, item.text = title, text
            item.save()
