"""Spreadsheets as a source of the timeline: an uploaded XLSX file or the https link of a
sheet published as CSV, previewed before anything is saved, re-imported later. A TimelineJS
JSON or CSV file (the import page's) is a source too, and goes through the same preview.

- `add_file()` keeps an uploaded workbook's content (the same file name: the same source);
  `add_link()` keeps the link and asks the worker to fetch it (`tasks.fetch_source` ->
  `fetch()`, through carnet.lib.safefetch: https only, public addresses, 5 MB, 15 s).
- `preview()` reads the content and compares it with the moments: created, changed (which
  fields, and whether a person changed them in Carnet since the last import), no longer in
  the spreadsheet (removed if never published, else kept and listed), unchanged.
- `apply()` applies all of it or nothing, only while the content is the one previewed
  (its digest), and keeps what the source brought (`brought`) for the next difference.
  `confirm()`, the "Confirm and apply" button, applies at once a source that creates,
  changes or removes up to APPLY_IN_REQUEST moments, and hands a larger one to the worker
  (`tasks.apply_source` -> `apply_queued()`): the source is "being applied" until then, and
  if that fails, it is ready again with the reason, nothing applied.

Moments are matched by the row's TimelineJS unique id, else by its row number. A field the
spreadsheet did not change since the last import is never written: what a person wrote in
Carnet stays, and a field both changed is said in the preview before it is replaced.
"""

import datetime
import hashlib
import io
import logging
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.accounts.models import Action
from carnet.lib import safefetch, zipguard
from carnet.lib.spreadsheets import plain_csv_text, xlsx_rows

from . import interop
from .enums import MilestoneState, SourceKind, SourceStatus
from .models import Era, Milestone, TimelineSource

logger = logging.getLogger(__name__)
MAX_BYTES = safefetch.MAX_BYTES
MAX_ROWS = 5000
# A source that creates, changes or removes more moments than this is applied by the worker,
# not in the request: 5,000 new rows took 9 s on SQLite and 14 s on PostgreSQL in the request
# (bench/timeline/apply.py).
APPLY_IN_REQUEST = 300
# A source "being applied" for longer than this: its worker stopped (the apply is one
# transaction: nothing of it was kept). Its page makes it ready again.
APPLY_STALLS_AFTER = datetime.timedelta(minutes=30)

# What the preview compares, as the reader sees it: (key, label, model fields).
FIELDS = [
    ("title", gettext_lazy("headline"), ("title",)),
    ("text", gettext_lazy("text"), ("text",)),
    (
        "dates",
        gettext_lazy("dates"),
        ("start_date", "start_precision", "end_date", "end_precision", "start_time", "end_time"),
    ),
    ("display_date", gettext_lazy("date as shown"), ("display_date",)),
    ("media", gettext_lazy("media"), ("image", "media_url", "quotation", "media_thumbnail")),
    ("caption", gettext_lazy("caption"), ("caption",)),
    ("credit", gettext_lazy("credit"), ("credit",)),
    ("alt_text", gettext_lazy("alternative text"), ("alt_text",)),
    ("background", gettext_lazy("background"), ("background",)),
    ("tags", gettext_lazy("tags"), ("tags",)),
]
LABELS = {key: label for key, label, _names in FIELDS}


class SourceChanged(Exception):
    """The content is no longer the one previewed (str(): for the person)."""


def digest_of(content):
    return hashlib.sha256(bytes(content)).hexdigest()


# ---------------------------------------------------------------- reading


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.strftime("%Y-%m-%d %H:%M:%S" if value.second else "%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M:%S" if value.second else "%H:%M")
    return str(value)


def xlsx_to_csv(content):
    """The first sheet of a workbook as CSV text, cells as the spreadsheet shows them (dates
    as 2016-10-05, times as 13:45); raises ImportFailed."""
    try:
        rows = xlsx_rows(io.BytesIO(bytes(content)))
    except (zipguard.ZipRefused, ValueError):
        raise interop.ImportFailed(
            [interop.Problem(0, "", _("This file is not an XLSX workbook that can be read."))]
        ) from None
    if len(rows) > MAX_ROWS + 1:
        raise _too_many()
    return plain_csv_text([_cell_text(value) for value in row] for row in rows)


def looks_like_html(content, content_type=""):
    head = bytes(content[:512]).lstrip().lower()
    return "html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html"))


def read_items(source):
    """The items of the source's content; raises ImportFailed. A file is a workbook (.xlsx),
    or a TimelineJS JSON or CSV file (the import page's); a link gives CSV."""
    if source.kind == SourceKind.FILE and source.name.lower().endswith(".xlsx"):
        content = xlsx_to_csv(source.content).encode("utf-8")
    else:
        content = bytes(source.content)
        if source.kind == SourceKind.LINK and looks_like_html(content):
            raise interop.ImportFailed([interop.Problem(0, "", html_message())])
        if not source.name.lower().endswith(".json") and content.count(b"\n") > MAX_ROWS + 1:
            raise _too_many()
    items = interop.read_file(content, source.name)
    if sum(item.kind == "event" for item in items) > MAX_ROWS:
        raise _too_many()
    return items


def _too_many():
    return interop.ImportFailed(
        [interop.Problem(0, "", _("The sheet has more than %(count)s rows.") % {"count": MAX_ROWS})]
    )


def html_message():
    return _(
        "The link gives a web page, not a CSV file: publish the sheet as CSV (in Google "
        "Sheets: File → Share → Publish to the web → Comma-separated values) and give "
        "that link."
    )


def key_of(item):
    return f"id:{item.unique_id}" if item.unique_id else f"row:{item.row}"


# ---------------------------------------------------------------- adding and fetching

# What a new version (uploaded or fetched) writes: never what an apply running meanwhile
# records (`brought`, `applied_*`), which the next preview compares with.
NEW_CONTENT = ["content", "digest", "status", "problem", "fetched_at", "updated"]


def add_file(network, upload, *, by):
    """The source of this file name (new or the same as before) holding the upload;
    raises ImportFailed when it cannot be read (nothing is kept then)."""
    content = upload.read()
    if len(content) > MAX_BYTES:
        raise interop.ImportFailed(
            [interop.Problem(0, "", _("The file is too big (5 MB at most)."))]
        )
    name = (upload.name or "spreadsheet.xlsx")[:255]
    probe = TimelineSource(network=network, kind=SourceKind.FILE, name=name, content=content)
    read_items(probe)  # refused here, before anything is kept
    source, created = TimelineSource.objects.get_or_create(
        network=network,
        kind=SourceKind.FILE,
        name=name,
        defaults={"created_by": by},
    )
    source.content, source.digest = content, digest_of(content)
    source.status, source.problem, source.fetched_at = SourceStatus.READY, "", timezone.now()
    source.save(update_fields=NEW_CONTENT)
    record(Verb.CREATE if created else Verb.CHANGE, source, by=by, network=network)
    return source


def add_link(network, url, *, by):
    """The source of this link (new or the same as before), fetched again by the worker."""
    source, created = TimelineSource.objects.get_or_create(
        network=network, kind=SourceKind.LINK, url=url, defaults={"created_by": by}
    )
    record(Verb.CREATE if created else Verb.CHANGE, source, by=by, network=network)
    fetch_again(source)
    return source


def fetch_again(source):
    from .tasks import fetch_source

    TimelineSource.objects.filter(pk=source.pk).update(
        status=SourceStatus.FETCHING, problem="", updated=timezone.now()
    )
    source.status, source.problem = SourceStatus.FETCHING, ""
    fetch_source.enqueue(source.pk)


def fetch(source):
    """Fetch the link (in the worker): its content to preview, or what went wrong."""
    try:
        content, content_type, _final = safefetch.fetch(source.url)
        if looks_like_html(content, content_type):
            raise safefetch.FetchRefused(html_message())
        probe = TimelineSource(kind=source.kind, url=source.url, content=content)
        try:
            read_items(probe)
        except interop.ImportFailed as exc:
            raise safefetch.FetchRefused("\n".join(str(p) for p in exc.problems)) from None
    except safefetch.FetchRefused as exc:
        source.status, source.problem = SourceStatus.FAILED, str(exc)
    except Exception:  # never left "being fetched" for ever
        logger.exception("fetching timeline source %s", source.pk)
        source.status = SourceStatus.FAILED
        source.problem = _("The link could not be read. Try again later.")
    else:
        source.content, source.digest = content, digest_of(content)
        source.status, source.problem = SourceStatus.READY, ""
    source.fetched_at = timezone.now()
    source.save(update_fields=NEW_CONTENT)
    return source.status


# ---------------------------------------------------------------- preview


def snapshot(milestone):
    """{field key: value as text} of what the preview compares."""
    out = {}
    for key, _label, names in FIELDS:
        values = []
        for name in names:
            value = getattr(milestone, name)
            if name == "image":
                value = value.name or ""
            values.append("" if value is None else str(value))
        out[key] = "\x1f".join(values)
    return out


@dataclass
class Entry:
    key: str
    headline: str
    item: object = None
    milestone: object = None
    fields: list = field(default_factory=list)  # [(key, label, edited in Carnet too)]
    kept_in_carnet: list = field(default_factory=list)  # labels a person changed, kept


@dataclass
class Plan:
    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    removed: list = field(default_factory=list)  # never published: deleted
    kept: list = field(default_factory=list)  # published once: "withdraw it yourself"
    eras: list = field(default_factory=list)
    titles: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    @property
    def gone(self):
        return len(self.removed) + len(self.kept)

    @property
    def has_changes(self):
        return bool(self.created or self.changed or self.removed or self.eras)


def _matched(by_slug, key, item, brought):
    entry = brought.get(key)
    if entry and entry["slug"] in by_slug:
        return by_slug[entry["slug"]]
    if item.unique_id:
        return by_slug.get(item.unique_id[:80])
    return None


def ever_published(milestone):
    if milestone.state == MilestoneState.PUBLISHED:
        return True
    return Action.objects.filter(
        content_type=ContentType.objects.get_for_model(Milestone),
        object_id=str(milestone.pk),
        data__to=MilestoneState.PUBLISHED,
    ).exists()


def preview(source, items=None):
    """The Plan of what applying the source would do; raises ImportFailed."""
    network = source.network
    if items is None:
        items = read_items(source)
    brought = source.brought or {}
    by_slug = {m.slug: m for m in Milestone.objects.filter(network=network)}  # one query
    plan, seen = Plan(), set()
    for item in items:
        if item.kind == "title":
            plan.titles.append(item)
            continue
        plan.notes += item.notes
        if item.kind == "era":
            era = Era.objects.filter(network=network, name=item.headline[:120]).first()
            if era is None or era.start != item.start.first_day or era.end != item.end.last_day:
                plan.eras.append(item)
            continue
        key = key_of(item)
        seen.add(key)
        fresh = Milestone(network=network)
        interop.fill_milestone(fresh, item)
        new = snapshot(fresh)
        entry = Entry(key=key, headline=fresh.title, item=item)
        milestone = _matched(by_slug, key, item, brought)
        if milestone is None:
            plan.created.append(entry)
            continue
        entry.milestone = milestone
        current = snapshot(milestone)
        before = brought.get(key, {}).get("fields") if key in brought else None
        for field_key, label, _names in FIELDS:
            if before is not None:
                if new[field_key] == before.get(field_key):
                    if current[field_key] != new[field_key]:
                        entry.kept_in_carnet.append(label)
                    continue  # the spreadsheet did not change it: what Carnet has stays
                if current[field_key] == new[field_key]:
                    continue
                edited = current[field_key] != before.get(field_key)
            else:
                if current[field_key] == new[field_key]:
                    continue
                edited = True  # not brought by this source: written in Carnet
            entry.fields.append((field_key, label, edited))
        (plan.changed if entry.fields else plan.unchanged).append(entry)
    for key, entry in brought.items():
        if key in seen:
            continue
        milestone = by_slug.get(entry["slug"])
        if milestone is None or milestone.state == MilestoneState.MERGED:
            continue
        gone = Entry(key=key, headline=milestone.title, milestone=milestone)
        (plan.kept if ever_published(milestone) else plan.removed).append(gone)
    return plan


# ---------------------------------------------------------------- applying


def _locked_as_previewed(source, digest, *, statuses=(SourceStatus.READY,)):
    """The source, locked until the transaction ends, if it still holds the content previewed
    (its digest) in one of these statuses; else SourceChanged."""
    locked = TimelineSource.objects.select_for_update().get(pk=source.pk)
    if locked.status == SourceStatus.APPLYING and SourceStatus.APPLYING not in statuses:
        raise SourceChanged(being_applied_message())
    if locked.status not in statuses or not digest or locked.digest != digest:
        raise SourceChanged(
            _(
                "The source is no longer the one you previewed: nothing was "
                "changed. Look at the new preview before confirming."
            )
        )
    return locked


def being_applied_message():
    return _("The source is being applied. Reload this page in a moment.")


def not_applied_message():
    return _("The source could not be applied: nothing was changed. Try again.")


def confirm(source, *, digest, by):
    """ "Confirm and apply": the previewed content applied now (returns the Plan applied), or,
    when it creates, changes or removes more than APPLY_IN_REQUEST moments, handed to the
    worker (returns None; the source is "being applied"). Raises SourceChanged as `apply()`
    does, and while it is being applied."""
    from .tasks import apply_source

    with transaction.atomic():
        locked = _locked_as_previewed(source, digest)
        items = read_items(locked)
        plan = preview(locked, items)
        if len(plan.created) + len(plan.changed) + len(plan.removed) <= APPLY_IN_REQUEST:
            _apply(locked, items, plan, by=by)
        else:
            plan = None
            locked.status, locked.problem = SourceStatus.APPLYING, ""
            locked.save(update_fields=["status", "problem", "updated"])
            transaction.on_commit(lambda: apply_source.enqueue(locked.pk, digest, by.pk))
    source.refresh_from_db()
    return plan


def apply_queued(source, *, digest, by):
    """In the worker: `apply()` a source confirmed in `confirm()`. Whatever goes wrong, nothing
    is applied and the source is ready again, with the reason on its page (unless a newer
    version replaced it in the meantime: that one waits for its own preview)."""
    try:
        # Only while it is still being applied: a source made ready again meanwhile (its page
        # said nothing was applied, `unstall`) waits for a new confirmation.
        return apply(source, digest=digest, by=by, statuses=(SourceStatus.APPLYING,))
    except (SourceChanged, interop.ImportFailed) as exc:
        problem = str(exc)
    except Exception:
        logger.exception("applying timeline source %s", source.pk)
        problem = not_applied_message()
    _not_applied(source, problem)
    return None


def _not_applied(source, problem):
    TimelineSource.objects.filter(pk=source.pk, status=SourceStatus.APPLYING).update(
        status=SourceStatus.READY, problem=problem, updated=timezone.now()
    )


def stalled():
    """The sources being applied for longer than APPLY_STALLS_AFTER: their worker stopped.
    They wait for whoever may apply them, as ready ones do (carnet.accounts.waiting); their
    page makes them ready again (`unstall`)."""
    return Q(status=SourceStatus.APPLYING, updated__lt=timezone.now() - APPLY_STALLS_AFTER)


def unstall(source):
    """A stalled source (`stalled`): ready again, with the reason (the apply is one
    transaction: none of it was kept)."""
    applying = source.status == SourceStatus.APPLYING  # no query for the others (a list's)
    if applying and TimelineSource.objects.filter(stalled(), pk=source.pk).exists():
        _not_applied(source, not_applied_message())
        source.refresh_from_db()
    return source


def apply(source, *, digest, by, statuses=(SourceStatus.READY,)):
    """Apply the previewed content, all or nothing; returns the Plan applied. Raises
    SourceChanged when the content is not the one previewed (or the source is in none of
    these statuses), ImportFailed when it cannot be read."""
    with transaction.atomic():
        locked = _locked_as_previewed(source, digest, statuses=statuses)
        items = read_items(locked)
        plan = _apply(locked, items, preview(locked, items), by=by)
    source.refresh_from_db()
    return plan


def _apply(locked, items, plan, *, by):
    """Apply the locked source's items as previewed in `plan` (inside the caller's
    transaction, which holds the lock)."""
    network = locked.network
    brought = {}
    reserved = {i.unique_id[:80] for i in items if i.kind == "event" and i.unique_id}
    for title in plan.titles:
        plan.notes += interop._save_title(network, title)
    for item in plan.eras:
        Era.objects.update_or_create(
            network=network,
            name=item.headline[:120],
            defaults={"start": item.start.first_day, "end": item.end.last_day},
        )
    for entry in plan.created:
        milestone = interop.new_milestone(network, entry.item, by=by, reserved=reserved)
        interop.fill_milestone(milestone, entry.item)
        interop.add_notes(milestone, entry.item)
        milestone.save()
        entry.milestone = milestone
        record(Verb.IMPORT, milestone, by=by, data={"created": True, "source": locked.pk})
    for entry in plan.changed:
        fresh = Milestone(network=network)
        interop.fill_milestone(fresh, entry.item)
        milestone = entry.milestone
        changed = []
        for field_key, _label, _edited in entry.fields:
            for name in dict((k, n) for k, _l, n in FIELDS)[field_key]:
                setattr(milestone, name, getattr(fresh, name))
            changed.append(field_key)
        milestone.save()
        record(
            Verb.IMPORT,
            milestone,
            by=by,
            data={"created": False, "fields": changed, "source": locked.pk},
        )
    for entry in plan.removed:
        record(Verb.DELETE, entry.milestone, by=by, data={"source": locked.pk})
        entry.milestone.delete()
    for entry in plan.created + plan.changed + plan.unchanged:
        fresh = Milestone(network=network)
        interop.fill_milestone(fresh, entry.item)
        brought[entry.key] = {"slug": entry.milestone.slug, "fields": snapshot(fresh)}
    locked.brought = brought
    locked.applied_digest = locked.digest
    locked.applied_at, locked.applied_by = timezone.now(), by
    locked.status, locked.problem = SourceStatus.APPLIED, ""
    locked.save()
    record(
        Verb.IMPORT,
        network,
        by=by,
        network=network,
        data={
            "source": locked.name or locked.url,
            "created": len(plan.created),
            "changed": len(plan.changed),
            "removed": len(plan.removed),
            "kept": len(plan.kept),
        },
    )
    return plan
