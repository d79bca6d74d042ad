"""Read an archive written by exporter.py into this instance: new ids, every link kept.

All or nothing: the rows are written in one transaction and the files inside it; when
anything fails, the transaction is rolled back and the files already written are removed.

Size limits (zip bombs): the zip's directory is checked before anything is read (member
count, every member's size and compression ratio, the total, room in the media folder), and
the bytes actually read are counted again while streaming, since a directory can lie: one
guard, carnet.lib.zipguard, with the CARNET_ARCHIVE_MAX_* limits.

Only what the format documents is read: the schema's models (schema.py), each row validated
like a form before it is inserted, and stored HTML sanitised again (schema.HTML_IN_JSON).
"""

import contextlib
import dataclasses
import functools
import hashlib
import json
import secrets
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import DatabaseError, models, transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib import zipguard
from carnet.lib.diskspace import NoRoomForUpload, check_room_for
from carnet.lib.markdown import clean_html
from carnet.lib.names import first_free
from carnet.lib.uploads import VARIANT_WIDTHS, random_path, variant_name

from . import schema
from .schema import GENERIC, HTML_IN_JSON, HTML_WITH_ADDRESSES, JSON_IDS, OMITTED_FIELDS, label

CHUNK = 1024 * 1024
MB = 1024 * 1024
DATA = "archive.json"  # the archive's data, read in memory
MAX_NAME = 1024  # bytes: a name inside the zip (Carnet's own are under 200)
MAX_DEPTH = 100  # levels of lists and objects in archive.json (Carnet's own: under 20)


class ArchiveError(Exception):
    """The archive cannot be imported; the message says why, in one line."""


@functools.cache
def archived_models():
    """label -> model, for every model an archive may hold (schema.py): the shared ones
    (people, organisations) and the network's."""
    models_ = {label(model): model for model, _path in schema.exported_models()}
    return {name: apps.get_model(name) for name in schema.SHARED} | models_


def limits_from_settings():
    """How much an archive may hold (CARNET_ARCHIVE_MAX_*), for carnet.lib.zipguard."""
    return zipguard.Limits(
        total=settings.ARCHIVE_MAX_MB * MB,
        ratio=settings.ARCHIVE_MAX_RATIO,
        members=settings.ARCHIVE_MAX_MEMBERS,
        caps={DATA: settings.ARCHIVE_MAX_DATA_MB * MB},
    )


def short(name):
    """A member name as shown in a message: a hostile one may be 64 KiB long."""
    return name if len(name) <= 100 else f"{name[:60]}…"


def refusal(path, exc):
    """The one line saying why zipguard refused the archive."""
    values = {"path": path, "name": short(exc.name), "found": exc.found, "limit": exc.limit}
    if exc.reason in ("member", "total"):
        values["limit"] = filesizeformat(exc.limit)
    messages = {
        "not_zip": _("%(path)s is not a Carnet archive (not a zip file, or a truncated one)"),
        "members": _(
            "%(path)s holds %(found)s files, more than the %(limit)s this Carnet imports "
            "(CARNET_ARCHIVE_MAX_MEMBERS): refused"
        ),
        "member": _(
            "%(path)s: %(name)s is larger than %(limit)s once uncompressed, the most "
            "this Carnet reads (CARNET_ARCHIVE_MAX_DATA_MB): refused"
        ),
        "ratio": _(
            "%(path)s: %(name)s expands %(found)s times once uncompressed, more than "
            "the %(limit)s times this Carnet accepts (CARNET_ARCHIVE_MAX_RATIO): refused"
        ),
        "total": _(
            "%(path)s: with %(name)s, the archive is larger than %(limit)s once "
            "uncompressed, the most this Carnet imports (CARNET_ARCHIVE_MAX_MB): refused"
        ),
        "damaged": _("%(path)s is damaged: %(name)s does not match its checksum"),
        "encrypted": _(
            "%(path)s cannot be read: %(name)s is encrypted or compressed in an unknown way"
        ),
    }
    return ArchiveError(messages[exc.reason] % values)


def check_room(path, archive):
    """Refuse the archive when its files do not fit in the media folder."""
    size = sum(info.file_size for info in archive.infolist() if info.filename.startswith("files/"))
    try:
        check_room_for(size)
    except NoRoomForUpload as exc:
        if exc.code == "quota":
            message = _(
                "%(path)s: its files (%(size)s) do not fit in the space left for files on this "
                "site (CARNET_MEDIA_QUOTA_MB, %(limit)s): nothing imported"
            )
            limit = settings.MEDIA_QUOTA_MB * MB
        else:
            message = _(
                "%(path)s: its files (%(size)s) would leave less than %(limit)s free on the "
                "media disk (CARNET_MEDIA_MIN_FREE_MB): nothing imported"
            )
            limit = settings.MEDIA_MIN_FREE_MB * MB
        raise ArchiveError(
            message % {"path": path, "size": filesizeformat(size), "limit": filesizeformat(limit)}
        ) from None


def unsafe(name):
    """Whether a name inside the zip (or a stored file name) could escape its folder."""
    if not name or "\\" in name or "\x00" in name:
        return True
    path = PurePosixPath(name)
    if path.is_absolute() or (len(name) > 1 and name[1] == ":"):
        return True
    return any(part in ("..", "") for part in name.rstrip("/").split("/"))


def too_long(name):
    """Whether a name inside the zip (or a stored file name) is longer than any Carnet
    writes, or than a file system takes (255 bytes a folder or file name)."""
    encoded = name.encode("utf-8", "surrogatepass")
    return len(encoded) > MAX_NAME or any(len(part) > 255 for part in encoded.split(b"/"))


def check_name(path, name):
    if unsafe(name):
        raise ArchiveError(
            _("%(path)s holds an unsafe file name (%(name)s): refused")
            % {"path": path, "name": short(name)}
        )
    if too_long(name):
        raise ArchiveError(
            _(
                "%(path)s holds a file name of %(length)s characters (%(name)s), longer than "
                "Carnet accepts: refused"
            )
            % {"path": path, "length": len(name), "name": short(name)}
        )


def depth(value):
    """How deeply lists and objects nest in a JSON value (counted without recursion)."""
    deepest, pending = 0, [(value, 1)]
    while pending:
        value, level = pending.pop()
        if isinstance(value, (dict, list)):
            deepest = max(deepest, level)
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, level + 1) for child in children)
    return deepest


def load_document(path, archive, limits):
    """archive.json, read with its size capped, as a dict. Raises ArchiveError."""
    try:
        info = archive.getinfo(DATA)
    except KeyError:
        raise ArchiveError(
            _("%(path)s is not a Carnet archive (no archive.json)") % {"path": path}
        ) from None
    try:
        document = json.loads(b"".join(zipguard.stream(archive, info, limits)))
    except RecursionError:
        document = None  # nested deeper than Python parses: refused below
    except ValueError:
        raise ArchiveError(
            _("%(path)s is not a Carnet archive (archive.json is not JSON)") % {"path": path}
        ) from None
    if document is None or depth(document) > MAX_DEPTH:
        raise ArchiveError(
            _("%(path)s is not a Carnet archive (archive.json nests deeper than %(limit)s levels)")
            % {"path": path, "limit": MAX_DEPTH}
        )
    if not isinstance(document, dict) or document.get("format") != schema.FORMAT:
        raise ArchiveError(_("%(path)s is not a Carnet archive") % {"path": path})
    return document


def read(path):
    """The archive's document and its open zip, after checking both. Raises ArchiveError."""
    limits = limits_from_settings()
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise ArchiveError(_("%(path)s: no such file") % {"path": path}) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise ArchiveError(
            _("%(path)s is not a Carnet archive (not a zip file, or a truncated one)")
            % {"path": path}
        ) from None
    try:
        zipguard.check_directory(archive, limits)
        for info in archive.infolist():
            check_name(path, info.filename)
        check_room(path, archive)
        document = load_document(path, archive, limits)
        version = document.get("schema_version")
        if not isinstance(version, int) or version < 1:
            raise ArchiveError(_("%(path)s has no valid schema version") % {"path": path})
        if version > schema.SCHEMA_VERSION:
            raise ArchiveError(
                _(
                    "%(path)s was written by a newer Carnet (archive schema %(version)s; this "
                    "one reads up to %(supported)s): upgrade Carnet first"
                )
                % {"path": path, "version": version, "supported": schema.SCHEMA_VERSION}
            )
        zipguard.verify(archive, limits)
        names = set(archive.namelist())
        files = document.get("files", {})
        if not isinstance(files, dict) or not all(isinstance(m, dict) for m in files.values()):
            raise ArchiveError(_("%(path)s is not a Carnet archive") % {"path": path})
        for name in files:
            check_name(path, name)
            if f"files/{name}" not in names:
                raise ArchiveError(
                    _("%(path)s is incomplete: %(name)s is missing")
                    % {"path": path, "name": short(name)}
                )
    except zipguard.ZipRefused as exc:
        archive.close()
        raise refusal(path, exc) from None
    except ArchiveError:
        archive.close()
        raise
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError):
        archive.close()
        raise ArchiveError(
            _("%(path)s is damaged (a truncated or corrupt zip)") % {"path": path}
        ) from None
    return document, archive


def first_error(exc):
    """A ValidationError in one line: `field: message` (the first of them)."""
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.message_dict.items()))
        return f"{field}: {errors[0]}"
    return exc.messages[0] if exc.messages else "invalid"


def sanitise(value, path):
    """A JSON value with the HTML at `path` (schema.HTML_IN_JSON) sanitised; a value that is
    not text where HTML belongs is dropped."""
    if not isinstance(value, dict):
        return {} if not path else value
    if path:
        if path[0] not in value:
            return value
        return {**value, path[0]: sanitise(value[path[0]], path[1:])}
    return {key: clean_html(html) if isinstance(html, str) else "" for key, html in value.items()}


@dataclass
class Imported:
    """What an import did: the new network, and how the archive's people were placed."""

    network: object
    people_matched: int = 0  # people of the archive matched with a person here by e-mail
    people_created: int = 0
    renamed: list = dataclasses.field(
        default_factory=list
    )  # (username in the archive, username here)


class Importer:
    def __init__(self, document, archive, *, slug=None, by=None):
        self.document = document
        self.archive = archive
        self.slug = slug or document.get("network")
        self.by = by
        self.ids = {}  # label -> {old id: new id}
        self.deferred = []  # (model, new pk, field, old target id)
        self.generic = []  # (model, new pk, id field, content type label, old object id)
        self.validations = []  # (new pk, holds)
        self.json_ids = []  # (model, new pk, field, value): ids inside JSON fields
        self.renamed = {}  # old file name -> new file name
        self.written = []
        self.people_matched = 0
        self.people_created = 0
        self.usernames = []  # (username in the archive, new username) when it was taken here
        # Schema 1: the organisation was the person's (User.organisation); it goes on their
        # role in the archived network. Old user id -> old organisation id.
        self.user_organisations = {}

    # ----------------------------------------------------------------- checks

    def check_slug(self):
        from carnet.networks.models import Network

        field = Network._meta.get_field("slug")
        try:
            field.clean(self.slug, None)
        except ValidationError as exc:
            raise ArchiveError(
                _("“%(slug)s” cannot be a network address: %(reason)s")
                % {"slug": self.slug, "reason": " ".join(exc.messages)}
            ) from None
        if Network.objects.filter(slug=self.slug).exists():
            raise ArchiveError(
                _(
                    "A network “%(slug)s” already exists here: nothing imported (use --as "
                    "NEWSLUG to import it under another address)"
                )
                % {"slug": self.slug}
            )

    def plan_files(self):
        """New names for files whose name is taken here (their variants follow them)."""
        files = self.document.get("files", {})
        variants = {
            variant_name(name, width): (name, width) for name in files for width in VARIANT_WIDTHS
        }
        for name in files:
            if name in variants and variants[name][0] in files:
                continue  # moves with its main file
            family = [name] + [
                variant_name(name, w) for w in VARIANT_WIDTHS if variant_name(name, w) in files
            ]
            if any(default_storage.exists(item) for item in family):
                path = PurePosixPath(name)
                while True:
                    new = random_path(str(path.parent), path.name)
                    if not default_storage.exists(new):
                        break
                self.renamed[name] = new
                for width in VARIANT_WIDTHS:
                    if variant_name(name, width) in files:
                        self.renamed[variant_name(name, width)] = variant_name(new, width)

    def new_name(self, name):
        return self.renamed.get(name, name)

    # ----------------------------------------------------------------- rows

    def run(self):
        self.check_slug()
        self.plan_files()
        try:
            with transaction.atomic():
                network = self.insert_all()
                self.write_files()
                record(
                    Verb.IMPORT,
                    network,
                    by=self.by,
                    network=network,
                    data={
                        "archive": self.document.get("schema_version"),
                        "exported_at": self.document.get("exported_at", ""),
                    },
                )
        except BaseException:
            for name in self.written:
                with contextlib.suppress(OSError):
                    default_storage.delete(name)
            raise
        return network

    def model_of(self, name):
        """The model of a block: only those the format documents (schema.py, docs/archive.md),
        never any other installed model (sessions, login attempts, permissions…)."""
        if not isinstance(name, str) or name not in archived_models():
            raise ArchiveError(
                _("The archive holds a kind of data that a Carnet archive does not carry: %(name)s")
                % {"name": str(name)[:100]}
            )
        return archived_models()[name]

    def insert_all(self):
        try:
            return self.insert_rows()
        except (
            KeyError,
            TypeError,
            ValueError,
            AttributeError,
            ValidationError,
            DatabaseError,
        ) as exc:
            raise ArchiveError(
                _("The archive is malformed: %(error)s")
                % {"error": f"{type(exc).__name__}: {exc}".splitlines()[0]}
            ) from None

    def insert_rows(self):
        blocks = self.document.get("models", [])
        order = [block["model"] for block in blocks]
        for block in blocks:
            model = self.model_of(block["model"])
            self.ids[block["model"]] = {}
            for row in block["rows"]:
                self.insert(model, block["model"], row, order)
        self.apply_deferred()
        self.apply_json_ids()
        self.apply_generic()
        self.apply_validations()
        from carnet.networks.models import Network

        network_id = next(iter(self.ids.get("networks.Network", {}).values()), None)
        if network_id is None:
            raise ArchiveError(_("The archive holds no network"))
        network = Network.objects.get(pk=network_id)
        if self.document.get("schema_version") == 1:
            self.drop_foreign_organisations(network)
        if self.document.get("schema_version") < 5:
            from carnet.vocabulary.domain import seed_legacy

            seed_legacy(network)  # the words its items' keys meant when it was archived
        return network

    def target_id(self, target, old):
        if old is None:
            return None
        return self.ids.get(target, {}).get(old)

    def insert(self, model, name, row, order):
        fields = row["fields"]
        if self.document.get("schema_version") == 1:
            fields = self.upgrade_from_1(name, row["id"], fields)
        if name == "networks.MembershipReason" and "source_kind" not in fields:
            from carnet.networks.domain import source_kind_for  # archives older than 4

            fields = {**fields, "source_kind": source_kind_for(fields.get("source"))}
        if name == "accounts.User":
            match = self.match_user(fields)
            if match is not None:
                self.ids[name][row["id"]] = match
                self.people_matched += 1
                return
        if name == "networks.Organisation":
            match = self.match_organisation(fields)
            if match is not None:
                self.ids[name][row["id"]] = match
                return
        obj = model()
        omitted = OMITTED_FIELDS.get(name, {})
        later, json_ids = [], []
        try:
            for field in model._meta.concrete_fields:
                if field.primary_key or field.name in omitted or field.name not in fields:
                    continue
                self.set_value(obj, name, row, field, fields[field.name], later, json_ids)
            self.adjust(obj, name, row)
            # Like a form: types, lengths, choices, required values (links are checked above).
            relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
            obj.clean_fields(exclude=[*relations, *omitted])
        except ValidationError as exc:
            raise ArchiveError(
                _("Cannot import %(model)s %(id)s: %(error)s")
                % {"model": name, "id": row["id"], "error": first_error(exc)}
            ) from None
        try:
            obj.save_base(raw=True, force_insert=True)
        except Exception as exc:
            raise ArchiveError(
                _("Cannot import %(model)s %(id)s: %(error)s")
                % {
                    "model": name,
                    "id": row["id"],
                    "error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__,
                }
            ) from None
        self.ids[name][row["id"]] = obj.pk
        if name == "accounts.User":
            self.people_created += 1
        for field, target, value in later:
            self.deferred.append((model, obj.pk, field, target, value))
        for field, value in json_ids:
            self.json_ids.append((model, obj.pk, field, value))
        for field in model._meta.many_to_many:
            if field.name in omitted or field.name not in fields:
                continue
            self.deferred.append(
                (model, obj.pk, field, label(field.related_model), fields[field.name])
            )
        if name in GENERIC:
            ct_field, id_field = GENERIC[name]
            self.generic.append(
                (model, obj.pk, id_field, fields.get(ct_field), fields.get(id_field))
            )
        if name == "reports.Validation":
            self.validations.append((obj.pk, bool(fields.get("holds"))))
        if self.document.get("schema_version") < 13 and fields.get("subtitles"):
            self.upgrade_subtitles(name, obj, fields)

    def upgrade_from_1(self, name, old_id, fields):
        """A row of a schema 1 archive as schema 2 has it: the person's organisation goes on
        their role, when the organisation is a member of the archived network."""
        if name == "accounts.User":
            self.user_organisations[old_id] = fields.get("organisation")
        elif name == "accounts.Role" and "organisation" not in fields:
            fields = {**fields, "organisation": self.user_organisations.get(fields.get("user"))}
        return fields

    def upgrade_subtitles(self, name, obj, fields):
        """Schema 12 and before: a sound's, a video's one subtitles file is its track in one
        language (the media's given language, else English; the language of a video)."""
        from carnet.capitalisation.models import VideoSubtitles
        from carnet.timeline.models import MomentSubtitles

        file = self.new_name(fields["subtitles"])
        if name == "timeline.MomentMedia":
            language = fields.get("subtitles_language") or "en"
            track = MomentSubtitles(media=obj, language=language, file=file)
        elif name == "capitalisation.Video":
            track = VideoSubtitles(video=obj, language=obj.language or "en", file=file)
        else:
            return
        track.created = obj.created  # as the row it came with (a raw save keeps dates)
        track.clean_fields(exclude=["media", "video"])
        track.save_base(raw=True, force_insert=True)

    def drop_foreign_organisations(self, network):
        """Schema 1: a role keeps the person's organisation only when that organisation is a
        member of the network (it was global, maybe the organisation of another network)."""
        from carnet.accounts.models import Role

        Role.objects.filter(network=network, organisation__isnull=False).exclude(
            organisation__memberships__network=network
        ).update(organisation=None)

    def adjust(self, obj, name, row):
        """What a new row gets here rather than from the archive."""
        if name in GENERIC:
            # Set for good once every row is in; meanwhile a value unique to this row, so that
            # unique constraints over the object id hold (e.g. one validation per item).
            setattr(obj, GENERIC[name][1], f"~{row['id']}")
        if name == "networks.Network":
            obj.slug = self.slug
        if name == "accounts.User":
            obj.set_unusable_password()
            obj.is_staff = obj.is_superuser = False
            username = self.free_username(obj.username)
            if username != obj.username:
                self.usernames.append((obj.username, username))
                obj.username = username
        if name == "accounts.Invitation":
            obj.token_hash = hashlib.sha256(secrets.token_bytes(32)).hexdigest()

    def set_value(self, obj, name, row, field, value, later, json_ids):
        """Set one field of a new row from the archive's value (links: their new ids)."""
        if field.is_relation and label(field.related_model) == "contenttypes.ContentType":
            setattr(obj, field.attname, self.content_type_id(value))
        elif field.is_relation:
            target = label(field.related_model)
            new = self.target_id(target, value)
            if value is not None and new is None:
                if not field.null:
                    raise ArchiveError(
                        _(
                            "The archive is inconsistent: %(model)s %(id)s points to a missing "
                            "%(target)s"
                        )
                        % {"model": name, "id": row["id"], "target": target}
                    )
                later.append((field, target, value))
            setattr(obj, field.attname, new)
        elif isinstance(field, models.FileField):
            setattr(obj, field.attname, self.new_name(value or ""))
        elif isinstance(field, models.JSONField):
            key = f"{name}.{field.name}"
            value = self.rename_in(value) if self.renamed else value
            if key in HTML_WITH_ADDRESSES:
                value = self.readdress(value)
            if key in HTML_IN_JSON:
                value = sanitise(value, HTML_IN_JSON[key])
            setattr(obj, field.attname, value)
            if JSON_IDS.get(key) and isinstance(value, dict):
                json_ids.append((field, value))
        else:
            try:
                setattr(obj, field.attname, field.to_python(value))
            except ValidationError as exc:
                raise ValidationError({field.name: exc.messages}) from None

    def match_user(self, fields):
        """The person here with the same e-mail address (ignoring case), or None. Never by
        username: the same username on two instances may be two different people."""
        from carnet.accounts.models import User

        email = (fields.get("email") or "").strip()
        if not email:
            return None
        found = User.objects.filter(email__iexact=email).order_by("pk").first()
        return found.pk if found else None

    def free_username(self, username):
        """`username`, or when a person here has it (ignoring case), the first free one of
        `username-2`, `username-3`…"""
        from carnet.accounts.models import User

        return first_free(
            username or "person",
            lambda name: User.objects.filter(username__iexact=name).exists(),
            max_length=User._meta.get_field("username").max_length,
        )

    def match_organisation(self, fields):
        from carnet.networks.models import Organisation

        found = (
            Organisation.objects.filter(name=fields.get("name"), country=fields.get("country"))
            .order_by("pk")
            .first()
        )
        return found.pk if found else None

    def content_type_id(self, value):
        if not value:
            return None
        model = (
            next((m for name, m in archived_models().items() if name.lower() == value), None)
            if isinstance(value, str)
            else None
        )
        if model is None:
            raise ArchiveError(
                _("The archive holds a kind of data that a Carnet archive does not carry: %(name)s")
                % {"name": str(value)[:100]}
            )
        # By the model, not by the name: a model that moved app keeps its old name in archives.
        try:
            return ContentType.objects.get_by_natural_key(
                model._meta.app_label, model._meta.model_name
            ).pk
        except ContentType.DoesNotExist:
            raise ArchiveError(
                _("The archive holds an unknown kind of data: %(name)s") % {"name": value}
            ) from None

    def apply_json_ids(self):
        """Ids inside JSON fields, set once every row is in."""
        for model, pk, field, value in self.json_ids:
            keys = JSON_IDS[f"{model._meta.label}.{field.name}"]
            value = dict(value)
            for key, target in keys.items():
                if key in value:
                    value[key] = self.target_id(target, value[key])
            model.objects.filter(pk=pk).update(**{field.attname: value})

    def readdress(self, pages):
        """Pages of HTML whose links name the network: under its new address (--as)."""
        old = self.document.get("network")
        if not old or old == self.slug or not isinstance(pages, dict):
            return pages
        return {
            key: html.replace(f'href="/{old}/', f'href="/{self.slug}/')
            if isinstance(html, str)
            else html
            for key, html in pages.items()
        }

    def rename_in(self, value):
        """A JSON value with the file names renamed on import replaced."""
        if isinstance(value, dict):
            return {k: self.rename_in(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.rename_in(v) for v in value]
        if isinstance(value, str):
            if value in self.renamed:
                return self.renamed[value]
            if value.startswith("media/") and value[6:] in self.renamed:
                return "media/" + self.renamed[value[6:]]
        return value

    def apply_deferred(self):
        for model, pk, field, target, value in self.deferred:
            if field.many_to_many:
                new = [self.target_id(target, old) for old in value]
                getattr(model.objects.get(pk=pk), field.name).set([n for n in new if n is not None])
            else:
                model.objects.filter(pk=pk).update(**{field.attname: self.target_id(target, value)})

    def apply_generic(self):
        for model, pk, id_field, ct_label, old in self.generic:
            new = ""
            if ct_label and old not in (None, ""):
                target = next((name for name in self.ids if name.lower() == ct_label), None)
                try:
                    found = self.ids.get(target, {}).get(int(old)) if target else None
                except (TypeError, ValueError):
                    found = None
                new = str(found) if found is not None else ""
            model.objects.filter(pk=pk).update(**{id_field: new})

    def apply_validations(self):
        from carnet.reports.domain import fingerprint
        from carnet.reports.models import Validation

        for pk, holds in self.validations:
            validation = Validation.objects.get(pk=pk)
            item = validation.item if validation.object_id else None
            value = fingerprint(item) if holds and item is not None else ""
            Validation.objects.filter(pk=pk).update(fingerprint=value)

    def write_files(self):
        files = self.document.get("files", {})
        limits = limits_from_settings()
        for name, meta in sorted(files.items()):
            target = self.new_name(name)
            if unsafe(target):
                raise ArchiveError(_("Unsafe file name in the archive: %(name)s") % {"name": name})
            with tempfile.SpooledTemporaryFile(max_size=CHUNK * 8) as copy:
                digest = hashlib.sha256()
                try:
                    info = self.archive.getinfo(f"files/{name}")
                    for chunk in zipguard.stream(self.archive, info, limits):
                        digest.update(chunk)
                        copy.write(chunk)
                except zipguard.ZipRefused as exc:
                    raise refusal(self.archive.filename, exc) from None
                except (zipfile.BadZipFile, zlib.error, OSError, EOFError, KeyError):
                    raise ArchiveError(
                        _("The archive is damaged: %(name)s cannot be read") % {"name": name}
                    ) from None
                if meta.get("sha256") and digest.hexdigest() != meta["sha256"]:
                    raise ArchiveError(
                        _("The archive is damaged: %(name)s does not match its checksum")
                        % {"name": name}
                    )
                copy.seek(0)
                self.store(target, File(copy, name=PurePosixPath(target).name))

    def store(self, target, content):
        if default_storage.exists(target):
            raise ArchiveError(_("A file %(name)s already exists here") % {"name": target})
        saved = default_storage.save(target, content)
        self.written.append(saved)
        if saved != target:
            raise ArchiveError(_("Cannot store %(name)s under its name") % {"name": target})


def import_archive(path, *, slug=None, by=None):
    """Import the archive at path; return what was done (`Imported`). Raises ArchiveError."""
    document, archive = read(path)
    with archive:
        importer = Importer(document, archive, slug=slug, by=by)
        network = importer.run()
    return Imported(
        network=network,
        people_matched=importer.people_matched,
        people_created=importer.people_created,
        renamed=importer.usernames,
    )
