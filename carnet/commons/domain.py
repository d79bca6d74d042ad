"""The instance's public library: the published sheets, key moments and syntheses (with
their learnings) of every published network that stays in the library.

Nothing here reads an unpublished row: every query starts from `listed_networks()` (published
networks that did not opt out) and each kind's own published state:
- sheets: `Sheet.objects.published()` (state published, network published);
- key moments: `Milestone.objects.published()`;
- learnings: only through a published synthesis (`PublishedSynthesis.is_published`), the
  frozen copy the coordinator checked and published; a learning has no published state of
  its own, so a learning written after the synthesis was published never shows here.

`publications(filters)` gives the paginator the three kinds, newest first: its count is the
sum of one count per kind (`Part.count`), and a page reads, per kind, only its newest rows
down to the page's end (the index sheet_published_newest), merged here; `items(rows)` reads
the rows of one page back as objects for the page and the feed. No UNION: counted then
sliced, a UNION of every published item was sorted whole at each page (190-660 ms on the
search bench's network, bench/search/network.py). The query (`q`) is matched through the
networks' search index (carnet.search.engine.matching_objects) for sheets and key moments,
as in a network's search; a synthesis's frozen pages are read as text.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, F, Q, QuerySet, Value
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext, ngettext
from django_countries import countries

from carnet.capitalisation.models import PublishedSynthesis
from carnet.lib import markdown
from carnet.lib.languages import language_name
from carnet.networks.models import Membership, Network
from carnet.practices.models import Sheet
from carnet.search.engine import matching_objects, planned
from carnet.timeline.models import Milestone, MilestoneTranslation
from carnet.vocabulary.domain import label_of, labels
from carnet.vocabulary.enums import TermKind
from carnet.vocabulary.models import Term

SHEET, MOMENT, SYNTHESIS = "sheet", "moment", "synthesis"
MAX_QUERY = 200
SUMMARY_CHARS = 240
# A kind with more matches of the query than this has its page read by walking down its
# newest rows (`Part.walk`), not through a join with its matches.
WALK_FROM = 100


@dataclass(frozen=True)
class Filters:
    q: str = ""
    theme: str = ""
    country: str = ""
    language: str = ""
    network: str = ""
    kind: str = ""

    @classmethod
    def from_query(cls, data):
        """From request.GET: trimmed, the text bounded, control characters dropped."""

        def value(name, limit=60):
            text = str(data.get(name, ""))[:limit]
            return re.sub(r"[\x00-\x1f\x7f]", "", text).strip()

        return cls(
            q=value("q", MAX_QUERY),
            theme=value("theme"),
            country=value("country").upper()[:2],
            language=value("language", 10),
            network=value("network"),
            kind=value("kind", 10) if data.get("kind") in (SHEET, MOMENT, SYNTHESIS) else "",
        )

    @property
    def narrowed(self):
        """A filter besides the words is chosen (the page shows its filters unfolded)."""
        return any((self.theme, self.country, self.language, self.network, self.kind))

    @property
    def any(self):
        return bool(self.q) or self.narrowed


def reading():
    """Where the library's statements run (the page's, the feed's): on PostgreSQL, planned as
    the network search's are (carnet.search.engine.planned)."""
    return planned()


def listed_networks():
    """The networks whose publications the library shows: published and not opted out."""
    return Network.objects.filter(is_published=True, in_public_library=True)


def _row(queryset, kind, date):
    """The kind's rows, newest first: a row without a date (a synthesis) last, on both engines;
    the sheets' order is their index's (sheet_published_newest: dates are never empty)."""
    field = queryset.model._meta.get_field(date)
    newest = F("row_date").desc(nulls_last=True) if field.null else F("row_date").desc()
    return (
        queryset.annotate(
            row_kind=Value(kind, output_field=CharField()),
            row_pk=F("pk"),
            row_title=F("title") if kind != SYNTHESIS else Value("", output_field=CharField()),
            row_date=F(date),
            row_network=F("network_id"),
        )
        .order_by(newest, "-row_pk")
        .values("row_kind", "row_pk", "row_title", "row_date", "row_network")
    )


def _indexed(filters, networks):
    """{kind: the ids of its objects whose words match the query} for sheets and key moments,
    through the networks' search index (carnet.search: stems in the listed networks'
    languages, accents folded, the start of a word is enough); none when the query holds no
    word. Published or not is the caller's filter. Run inside `reading()`."""
    languages = [filters.language] if filters.language else []
    for network in networks:
        languages += network.language_codes
    languages = list(dict.fromkeys([*languages, "en"]))
    found = matching_objects((SHEET, MOMENT), filters.q, languages, settled=True)
    return found if found is not None else {SHEET: [], MOMENT: []}


def _walked(queryset, matching):
    """PostgreSQL: the queryset's rows whose id is among the matches, tested row by row
    against a hash of the matches read once ("hashed SubPlan"), so that a page walks down the
    kind's newest rows to its end. `OR pk IS NULL` (never true: a key is never null) keeps the
    planner from turning the IN into a join; as a join, for a common word, it read every
    match again for each row of the page (52 ms for the bench's 6,666 published sheets,
    against 18 ms). For a rare word the join is the faster (0.3 ms, against 14 ms for this
    walk through every published sheet): hence only past WALK_FROM matches (`Publications`).
    Not on SQLite (its IN is already tested against the matches read once)."""
    return queryset.filter(Q(pk__in=matching) | Q(pk=None))


def _matches_among(queryset, matching):
    """PostgreSQL: how many of the queryset's rows are among the matches (a kind's, from
    `_indexed`). Counted from the matches' side: each
    match tested against the queryset's ids, hashed once. The queryset's own COUNT with
    `pk IN (matches)` hashed every match, made unique first (HashAggregate), to join the
    queryset's rows: 10-13 ms for a common word among the bench's 6,666 published sheets,
    against 6-8 ms this way (bench/search/library_count.py, bench/RESULTS.md). On SQLite the
    two forms were within a few ms of each other, either way round: its COUNT is kept."""
    ids, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(DISTINCT m.object_id) FROM ({matching.sql}) m "  # a moment: a row
            f"WHERE m.object_id IN ({ids})",  # per language
            [*matching.params, *params],
        )
        return cursor.fetchone()[0]


@dataclass
class Part:
    """One kind's rows, newest first (`_row`); the same rows read by walking down the
    newest ones when the kind has many matches of the query (`_walked`), or None; how to
    count them when the rows' COUNT is not the fastest way (`_matches_among`), or None."""

    rows: QuerySet
    walk: QuerySet = None
    counted: object = None  # a function of no argument giving the count

    def count(self):
        return self.counted() if self.counted is not None else self.rows.count()


def _indexed_part(queryset, kind, filters, found):
    """The Part of a kind found through the search index: its rows, those matching the query
    when there is one (and the walk down its newest rows, where that pays). found: `_indexed`,
    or None without a query."""
    if not filters.q:
        return Part(_row(queryset, kind, "updated"))
    matching = found[kind]
    rows = _row(queryset.filter(pk__in=matching), kind, "updated")
    if connection.vendor != "postgresql" or isinstance(matching, list):  # a list: no word
        return Part(rows)
    return Part(
        rows,
        _row(_walked(queryset, matching), kind, "updated"),
        lambda: _matches_among(queryset, matching),
    )


def _sheets(filters, networks, found):
    sheets = Sheet.objects.published().filter(network__in=networks)
    if filters.theme:
        sheets = sheets.with_theme(filters.theme)
    if filters.country:
        sheets = sheets.filter(
            Q(country=filters.country) | Q(organisation__country=filters.country)
        )
    if filters.language:
        sheets = sheets.filter(language=filters.language)
    return _indexed_part(sheets, SHEET, filters, found)


def _moments(filters, networks, found):
    if filters.theme:  # themes are the sheets' vocabulary; moments have tags of their own
        return None
    moments = Milestone.objects.published().filter(network__in=networks)
    if filters.country:
        moments = moments.filter(
            pk__in=Milestone.objects.filter(
                Q(organisation__country=filters.country) | Q(organisations__country=filters.country)
            ).values("pk")
        )
    if filters.language and filters.language != "en":  # a moment is written in English first
        moments = moments.filter(
            pk__in=MilestoneTranslation.objects.filter(language=filters.language).values(
                "milestone_id"
            )
        )
    return _indexed_part(moments, MOMENT, filters, found)


def _syntheses(filters, networks, found):
    if filters.theme:
        return None
    syntheses = PublishedSynthesis.objects.filter(is_published=True, network__in=networks)
    if filters.country:
        syntheses = syntheses.filter(
            network__in=Membership.objects.filter(organisation__country=filters.country).values(
                "network_id"
            )
        )
    if filters.language:
        codes = [n.pk for n in networks if filters.language in n.language_codes]
        syntheses = syntheses.filter(network__in=codes)
    if filters.q:  # a handful of rows (one per exercise): their frozen text, read here
        needle = filters.q.casefold()
        matching = [
            pk
            for pk, pages in syntheses.values_list("pk", "pages")
            if any(needle in strip_tags(page).casefold() for page in pages.values())
        ]
        syntheses = syntheses.filter(pk__in=matching)
    return Part(_row(syntheses, SYNTHESIS, "published_at"))


class Publications:
    """The published rows of several kinds, newest first, as the paginator reads them:
    `count()` (one COUNT per kind) and slices (per kind, its newest rows down to the slice's
    end, merged). Rows: dicts of (row_kind, row_pk, row_title, row_date, row_network).
    parts: a `Part` per kind."""

    def __init__(self, parts):
        self.parts = parts
        self._counts = None
        self._count = None

    def count(self):
        if self._count is None:
            self._counts = [part.count() for part in self.parts]
            self._count = sum(self._counts)
        return self._count

    def _rows(self, number, part):
        """The part's rows to slice: walked when its count (if known) says it matched many."""
        many = self._counts is not None and self._counts[number] > WALK_FROM
        return part.walk if many and part.walk is not None else part.rows

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, key.stop
        if stop is None:
            stop = self.count()
        if stop <= start:
            return []
        rows = []
        for number, part in enumerate(self.parts):  # each ordered, newest first (`_row`)
            rows += self._rows(number, part)[:stop]
        # Newest first, then by kind, then the newest id (stable sorts, the last key first); a
        # row without a date last, on both engines.
        rows.sort(key=lambda row: row["row_pk"], reverse=True)
        rows.sort(key=lambda row: row["row_kind"])
        dated = [row for row in rows if row["row_date"] is not None]
        dated.sort(key=lambda row: row["row_date"], reverse=True)
        rows = dated + [row for row in rows if row["row_date"] is None]
        return rows[start:stop]


def publications(filters=Filters()):
    """The published items matching the filters, newest first (`Publications`)."""
    networks = listed_networks()
    if filters.network:
        networks = networks.filter(slug=filters.network)
    networks = list(networks)
    parts = {SHEET: _sheets, MOMENT: _moments, SYNTHESIS: _syntheses}
    if filters.kind:
        parts = {filters.kind: parts[filters.kind]}
    if not networks:
        return Publications([])
    found = _indexed(filters, networks) if filters.q and filters.kind != SYNTHESIS else None
    return Publications(
        [q for q in (make(filters, networks, found) for make in parts.values()) if q is not None]
    )


@dataclass
class Item:
    kind: str
    kind_label: str
    title: str
    url: str
    network: Network
    date: object
    summary: str
    place: str
    words: list
    guid: str


def _summary(text):
    """The text's first words, plain, at most SUMMARY_CHARS. Only its start is rendered (a
    sheet's field can be pages long; all of it took 0.1-0.3 ms a card): four times the
    summary's length leaves room for the markup of its first words."""
    text = text or ""
    start = text[: SUMMARY_CHARS * 4]
    plain = " ".join(markdown.to_text(start).split())
    if len(start) < len(text) and len(plain) <= SUMMARY_CHARS:  # markup took the start
        plain = " ".join(markdown.to_text(text).split())
    return _shortened(plain)


def _shortened(plain):
    """plain cut to at most SUMMARY_CHARS, at the end of a word where one ends in its last
    fifth, with "…". (Django's Truncator, which also counts combining marks apart, took a
    millisecond a page of cards.)"""
    if len(plain) <= SUMMARY_CHARS:
        return plain
    cut = plain[: SUMMARY_CHARS - 1]
    space = cut.rfind(" ", SUMMARY_CHARS * 4 // 5)
    return (cut[:space] if space > 0 else cut).rstrip(" ,;:.") + "…"


def items(rows):
    """The objects of the given rows (one page), in the rows' order, as Items."""
    rows = list(rows)
    wanted = {kind: [r["row_pk"] for r in rows if r["row_kind"] == kind] for kind in parts_order}
    # A kind without rows on the page is not asked for (its query built for nothing).
    sheets = wanted[SHEET] and Sheet.objects.filter(pk__in=wanted[SHEET]).select_related(
        "network", "organisation", "template__network"
    )
    moments = wanted[MOMENT] and (
        Milestone.objects.filter(pk__in=wanted[MOMENT])
        .select_related("network", "organisation")
        .prefetch_related("translations")
    )
    syntheses = wanted[SYNTHESIS] and PublishedSynthesis.objects.filter(
        pk__in=wanted[SYNTHESIS]
    ).select_related("network", "exercise")
    found = {}
    language = get_language() or "en"
    themes = {}
    for sheet in sheets:
        if sheet.network_id not in themes:
            themes[sheet.network_id] = labels(sheet.network, TermKind.THEME)
        first_text = next((v for k, v in sheet.texts.items() if k != "title" and v), "")
        found[SHEET, sheet.pk] = Item(
            kind=SHEET,
            kind_label=gettext("Good-practice sheet"),
            title=sheet.title,
            url=sheet.get_absolute_url(),
            network=sheet.network,
            date=sheet.updated,
            summary=_summary(first_text),
            place=" · ".join(
                part for part in (sheet.organisation.name, sheet.country.name) if part
            ),
            words=[label_of(themes[sheet.network_id], key) for key in sheet.themes],
            guid=f"sheet-{sheet.pk}",
        )
    for moment in moments:
        found[MOMENT, moment.pk] = Item(
            kind=MOMENT,
            kind_label=gettext("Key moment"),
            title=moment.localised("title", language),
            url=moment.get_public_url(),
            network=moment.network,
            date=moment.updated,
            summary=_summary(moment.localised("text", language)),
            place=moment.display_date or str(moment.start_date.year),
            words=[],
            guid=f"moment-{moment.pk}",
        )
    for published in syntheses:
        url = reverse("capitalisation:synthesis_public", args=[published.network.slug])
        if published.exercise_id:
            url += f"?exercise={published.exercise_id}"
        title = gettext("What %(network)s learned") % {"network": published.network.name}
        if published.exercise_id:
            title = f"{title}: {published.exercise.title}"
        found[SYNTHESIS, published.pk] = Item(
            kind=SYNTHESIS,
            kind_label=gettext("Learnings"),
            title=title,
            url=url,
            network=published.network,
            date=published.published_at,
            summary=ngettext(
                "A synthesis of %(n)s learning, published by the network.",
                "A synthesis of %(n)s learnings, published by the network.",
                published.learning_count,
            )
            % {"n": published.learning_count},
            place="",
            words=[],
            guid=f"synthesis-{published.pk}",
        )
    return [
        found[r["row_kind"], r["row_pk"]] for r in rows if (r["row_kind"], r["row_pk"]) in found
    ]


parts_order = (SHEET, MOMENT, SYNTHESIS)


def kind_choices():
    return [
        (SHEET, gettext("Good-practice sheets")),
        (MOMENT, gettext("Key moments")),
        (SYNTHESIS, gettext("Learnings")),
    ]


def choices():
    """What the filters offer: the listed networks, their themes, countries and languages."""
    networks = list(listed_networks().order_by("name"))
    themes = {}
    for key, label in (
        Term.objects.filter(network__in=networks, kind=TermKind.THEME)
        .order_by("label")
        .values_list("key", "label")
    ):
        themes.setdefault(key, label)
    # order_by(): the models' default orderings would join the DISTINCT (a sort of every sheet).
    sheets = Sheet.objects.published().filter(network__in=networks).order_by()
    pairs = set(sheets.values_list("country", "language").distinct())
    country_codes = {country for country, _language in pairs}
    country_codes |= set(
        Membership.objects.filter(network__in=networks)
        .order_by()
        .values_list("organisation__country", flat=True)
        .distinct()
    )
    language_codes = {language for _country, language in pairs}
    for network in networks:
        language_codes |= set(network.language_codes)
    return {
        "networks": [(n.slug, n.name) for n in networks],
        "themes": sorted(themes.items(), key=lambda pair: pair[1].casefold()),
        "countries": sorted(
            ((code, countries.name(code)) for code in country_codes if code),
            key=lambda pair: pair[1],
        ),
        "languages": sorted(
            ((code, language_name(code)) for code in language_codes if code),
            key=lambda pair: pair[1],
        ),
        "kinds": kind_choices(),
    }
