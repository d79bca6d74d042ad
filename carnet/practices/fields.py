"""The default template of a good-practice sheet: its text fields, in order.

A template (SheetTemplate.fields) is a list of {"key", "label", "required",
"guide"}, and for the fields a coordinator added, "help" (a help text) and "archived"
(removed from the template while sheets still have text in it: old sheets show that text,
new sheets are not offered the field); guide is a length guide in words (0: none).
Title, organisation, country, language, level and themes are columns of the sheet itself;
photos are their own model; the fields below are the versioned, suggestable text.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

OTHER = "other"


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    required: bool = False
    guide: int = 0  # words
    markdown: bool = True
    help: str = ""
    archived: bool = False


DEFAULT_FIELDS = [
    FieldSpec("summary", _("Summary"), True, 80),
    FieldSpec("context", _("Context and problem addressed"), True, 200),
    FieldSpec("activities", _("What we did (activities, when, where, with whom)"), True, 250),
    FieldSpec("impact", _("Impact of our participation in the network"), True, 200),
    FieldSpec("results", _("Results (with figures)"), False, 200),
    FieldSpec("what_worked", _("What worked and what did not, and why"), False, 200),
    FieldSpec("challenges", _("Challenges and how we solved them"), False, 150),
    FieldSpec("next_steps", _("Sustainability and next steps"), False, 150),
    FieldSpec("advice", _("My advice to organisations wishing to build a network"), True, 150),
    FieldSpec("quote", _("Quote"), False, 60),
    FieldSpec("quote_speaker", _("Quote: speaker's name"), False, 0, False),
    FieldSpec("quote_role", _("Quote: speaker's role"), False, 0, False),
    FieldSpec("contact", _("Contact"), False, 40),
    FieldSpec("authors", _("Authors and reviewers"), False, 40, False),
    FieldSpec(OTHER, _("Other (text to place)"), False, 0),
]

DEFAULT_BY_KEY = {spec.key: spec for spec in DEFAULT_FIELDS}

# The title is versioned and suggestable like the text fields.
TITLE = FieldSpec("title", _("Title"), True, 15, False)


def default_template():
    """The default template as stored in SheetTemplate.fields."""
    return [
        {"key": s.key, "label": "", "required": s.required, "guide": s.guide}
        for s in DEFAULT_FIELDS
    ]


# The key of a field added to a template: a prefix no default field uses.
ADDED = "added_"


def spec_from(item):
    default = DEFAULT_BY_KEY.get(item["key"])
    return FieldSpec(
        key=item["key"],
        label=item.get("label") or (default.label if default else item["key"]),
        required=bool(item.get("required")),
        guide=int(item.get("guide") or 0),
        markdown=default.markdown if default else True,
        help=item.get("help") or "",
        archived=bool(item.get("archived")),
    )


def specs_from(stored):
    """The FieldSpecs a sheet offers, from a stored template (archived fields left out).

    An empty label means the default's (translated).
    """
    specs = [spec_from(item) for item in stored if not item.get("archived")]
    if OTHER not in {s.key for s in specs}:
        specs.append(DEFAULT_BY_KEY[OTHER])
    return specs


def specs_with_content(stored, content):
    """The fields offered, then every other field this content has text in.

    A field removed from the template (archived, or a default one no longer used) still
    shows the text a sheet has in it; nothing a person wrote disappears.
    """
    specs = specs_from(stored)
    offered = {spec.key for spec in specs}
    by_key = {item["key"]: item for item in stored}
    for key, value in content.items():
        if key in offered or key == TITLE.key or not (value or "").strip():
            continue
        if key in by_key:
            specs.append(spec_from(by_key[key]))
        else:
            specs.append(DEFAULT_BY_KEY.get(key) or FieldSpec(key, key))
    return specs
