"""A network's published content as a static site: relative links, works from disk.

The pages are the apps' own public pages, rendered by calling their views as an anonymous
visitor (so each app's rules decide what is public), then rewritten: every link to a page
or file of the site becomes a relative path, static and media files are copied in, and
every other link (log in, editing, other hosts) is removed, as are forms. The timeline is
the timeline app's standalone export (one file, works offline).

The site is in one of the network's content languages, or in all of them (`ALL`: a folder
per language, an index to choose one, a switcher on every page to the same page in the
others, one copy of the static and media files). Each page is rendered inside an edition
of that language (carnet.translations.editions): only reviewed translations are shown, and
a page some of whose parts fell back to the reference language says which, at its start.
"""

import html
import re
import shutil
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from carnet.accounts.access import NeedsLogin
from carnet.accounts.domain import record
from carnet.accounts.enums import Verb
from carnet.lib.languages import direction, local_name
from carnet.translations import editions

ALL = "all"  # every content language of the network, one folder each

# Pages and files followed from the seeds, by URL name. Any other link is removed.
FOLLOW = {
    "practices:list",
    "practices:detail",
    "practices:pdf",
    "practices:docx",
    "reports:version",
    "reports:version_file",
    "capitalisation:synthesis_public",
    "capitalisation:videos_public",
    "capitalisation:video_public",
}
ATTRIBUTE = re.compile(r'\b(href|src|poster|srcset)="([^"]*)"')
ANCHOR = re.compile(r"<a\b([^>]*)>(.*?)</a>", re.DOTALL | re.IGNORECASE)
FORM = re.compile(r"<form\b.*?</form>", re.DOTALL | re.IGNORECASE)
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
# Files written into a page (a moment's image, a sound): kept as they are, they need no file.
MAIN = re.compile(r"<main\b[^>]*>", re.IGNORECASE)
INLINE = re.compile(r"data:(image|audio|video|font)/[\w.+-]+(;[\w=.+-]+)*,", re.IGNORECASE)
EXTENSIONS = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}


class SiteError(Exception):
    pass


@dataclass
class Page:
    title: str
    path: str  # inside the site


@dataclass
class Site:
    network: object
    root: Path
    language: str = "en"
    base: str = ""  # the folder of this language's pages in the site ("sq/"), "" for one language
    files: dict = field(default_factory=dict)  # URL path -> site path (or None: not public)
    pending: list = field(default_factory=list)
    written: list = field(default_factory=list)  # shared by the languages: files copied once
    pages: list = field(default_factory=list)  # the HTML pages of this language, written
    preset: dict = field(default_factory=dict)  # URL path -> [(part, title)] known to fall back

    @property
    def prefix(self):
        return f"/{self.network.slug}/"

    # ------------------------------------------------------------------ fetching

    def fetch(self, path):
        """The view's response for an anonymous visitor, or None when it is not public. Its
        `edition_note` says which of its parts fell back to the reference language."""
        request = RequestFactory().get(path)
        request.user = AnonymousUser()
        request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        request.LANGUAGE_CODE = self.language
        with editions.building(self.network, self.language) as edition:
            for part, title in self.preset.get(path, ()):
                edition.fallback(part, title)
            try:
                match = resolve(path)
                response = match.func(request, *match.args, **match.kwargs)
            except (Http404, PermissionDenied, Resolver404, NeedsLogin):
                return None
            response.edition_note = editions.page_note(edition)
        if response.status_code != 200:
            return None
        return response

    @staticmethod
    def body(response):
        if getattr(response, "streaming", False):
            return b"".join(response.streaming_content)
        return response.content

    def site_path(self, url_path, response):
        """Where a page or file of the network goes in the site."""
        relative = self.base + url_path[len(self.prefix) :]
        kind = response.get("Content-Type", "text/html").split(";")[0].strip()
        if kind == "text/html":
            return f"{relative}index.html" if relative.endswith("/") or not relative else relative
        if relative.endswith("/"):
            match = re.search(r'filename="([^"/\\]+)"', response.get("Content-Disposition", ""))
            name = match.group(1) if match else "file" + EXTENSIONS.get(kind, ".bin")
            return relative + name
        return relative

    def page(self, url_path):
        """The site path of a followed page, fetched and queued the first time; or None."""
        if url_path in self.files:
            return self.files[url_path]
        self.files[url_path] = None
        try:
            name = resolve(url_path).view_name
        except Resolver404:
            return None
        if name not in FOLLOW:
            return None
        response = self.fetch(url_path)
        if response is None:
            return None
        target = self.site_path(url_path, response)
        self.files[url_path] = target
        self.pending.append((target, response))
        return target

    # ------------------------------------------------------------------ copying

    def copy_static(self, name):
        if not name or ".." in name.split("/"):
            return None
        source = finders.find(name)
        if not source:
            return None
        target = f"static/{name}"
        if target not in self.written:
            self.write_bytes(target, Path(source).read_bytes())
            if name.endswith(".css"):
                self.copy_css_assets(name, Path(source).read_text(encoding="utf-8"))
        return target

    def copy_css_assets(self, name, css):
        for url in CSS_URL.findall(css):
            if url.startswith(("data:", "#")) or urlsplit(url).scheme or url.startswith("//"):
                continue
            joined = str(PurePosixPath(name).parent / urlsplit(url).path)
            self.copy_static(joined)

    def copy_media(self, name):
        if not name or ".." in name.split("/") or not default_storage.exists(name):
            return None
        target = f"media/{name}"
        if target not in self.written:
            with default_storage.open(name, "rb") as handle:
                self.write_bytes(target, handle.read())
        return target

    def write_bytes(self, target, content):
        path = (self.root / target).resolve()
        if not path.is_relative_to(self.root.resolve()):
            raise SiteError(
                translation.gettext("Refused to write outside the site: %(name)s")
                % {"name": target}
            )
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        self.written.append(target)

    # ------------------------------------------------------------------ rewriting

    def resolve_url(self, url, here):
        """The relative address of url in the site, seen from the page here; None to drop."""
        url = html.unescape(url).strip()
        if not url:
            return None
        if url.startswith("#") or INLINE.match(url):
            return url
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or url.startswith("//") or parts.query and not parts.path:
            return None
        path = unquote(parts.path)
        if not path.startswith("/"):
            return None  # relative links in a page's own text: nothing to point to
        target = None
        static, media = "/" + settings.STATIC_URL.lstrip("/"), "/" + settings.MEDIA_URL.lstrip("/")
        if path.startswith(static):
            target = self.copy_static(path[len(static) :])
        elif path.startswith(media):
            target = self.copy_media(path[len(media) :])
        elif path in ("/", self.prefix):
            target = f"{self.base}index.html"
        elif path.startswith(self.prefix):
            target = self.page(path)
        if target is None:
            return None
        relative = _relative(target, here)
        return relative + (f"#{parts.fragment}" if parts.fragment else "")

    def rewrite(self, text, here):
        text = FORM.sub("", text)
        login = re.escape(reverse(settings.LOGIN_URL))
        text = re.sub(rf'<a\b[^>]*href="{login}[^"]*"[^>]*>.*?</a>', "", text, flags=re.DOTALL)

        def replace(match):
            attribute, value = match.group(1), match.group(2)
            if attribute == "srcset":
                kept = [
                    " ".join([html.escape(new), *descriptors])
                    for url, descriptors in srcset_candidates(value)
                    if (new := self.resolve_url(url, here))
                ]
                return f'srcset="{", ".join(kept)}"' if kept else ""
            new = self.resolve_url(value, here)
            return f'{attribute}="{html.escape(new)}"' if new else ""

        text = ATTRIBUTE.sub(replace, text)
        # A link left without an address is plain text.
        return ANCHOR.sub(
            lambda m: (
                m.group(0)
                if "href=" in m.group(1)
                else f"<span{m.group(1).rstrip()}>{m.group(2)}</span>"
            ),
            text,
        )

    def write_page(self, target, text, note=None, *, rewrite=True):
        """An HTML page, rewritten, with the note of what fell back at the start of its main."""
        text = self.rewrite(text, target) if rewrite else text
        if note:
            text = at_start_of_main(
                text, render_to_string("carnet/_edition_note.html", {"note": note})
            )
        self.write_bytes(target, text.encode("utf-8"))
        self.pages.append(target)

    def write_pending(self):
        while self.pending:
            target, response = self.pending.pop(0)
            content = self.body(response)
            if target.endswith(".html"):
                note = getattr(response, "edition_note", None)
                self.write_page(target, content.decode("utf-8"), note)
            else:
                self.write_bytes(target, content)

    def add_switcher(self, sites):
        """On every page, links to the same page in the other languages (else to their index)."""
        for target in self.pages:
            inside = target[len(self.base) :]
            links = []
            for other in sites:
                page = other.base + inside
                if page not in other.pages:
                    page = f"{other.base}index.html"
                links.append(
                    {
                        "code": other.language,
                        "name": local_name(other.language),
                        "dir": direction(other.language),
                        "href": _relative(page, target),
                        "current": other is self,
                    }
                )
            nav = render_to_string("archive/_languages.html", {"languages": links})
            path = self.root / target
            path.write_text(at_start_of_main(path.read_text(encoding="utf-8"), nav), "utf-8")

    # ------------------------------------------------------------------ the whole site

    def export(self, *, by=None):
        """Write this language's pages; returns the pages of its index."""
        from carnet.capitalisation.models import Video
        from carnet.reports.models import ReportVersion
        from carnet.timeline import standalone
        from carnet.timeline.models import Milestone

        network, gettext = self.network, translation.gettext
        pages = []
        if Milestone.objects.filter(network=network).published().exists():
            timeline_url = reverse("timeline:public", args=[network.slug])
            target = f"{self.base}timeline/index.html"
            self.files[timeline_url] = target
            with editions.building(network, self.language) as edition:
                content = standalone.build(network, language=self.language, by=by, inline=False)
                note = editions.page_note(edition)
            self.write_page(target, content, note)
            pages.append(Page(gettext("Timeline"), target))
        seeds = [(gettext("Good-practice sheets"), reverse("practices:list", args=[network.slug]))]
        version = self.report_version(ReportVersion)
        if version is not None:
            seeds.append(
                (gettext("Report"), reverse("reports:version", args=[network.slug, version.number]))
            )
        seeds.append(
            (gettext("Synthesis"), reverse("capitalisation:synthesis_public", args=[network.slug]))
        )
        if Video.objects.filter(network=network).published().exists():
            seeds.append(
                (gettext("Videos"), reverse("capitalisation:videos_public", args=[network.slug]))
            )
        for title, url in seeds:
            target = self.page(url)
            if target:
                pages.append(Page(title, target))
        self.write_pending()
        with editions.building(network, self.language) as edition:
            description, lang = edition.page_text(network, "description", network.description)
            context = {
                "network": network,
                "description": description,
                "description_lang": lang,
                "description_dir": direction(lang) if lang else "",
                "pages": [
                    Page(p.title, _relative(p.path, f"{self.base}index.html")) for p in pages
                ],
                "css": _relative(self.copy_static("carnet/carnet.css"), f"{self.base}index.html"),
                "exported_on": date_format(timezone.localdate(), "DATE_FORMAT"),
            }
            note = editions.page_note(edition)
        index = render_to_string("archive/site_index.html", context)  # its links are relative
        self.write_page(f"{self.base}index.html", index, note, rewrite=False)
        return pages

    def report_version(self, versions):
        """The published report: its latest version in this language, else the latest in the
        reference language (the page then says it fell back)."""
        published = versions.objects.filter(report__network=self.network, is_published=True)
        reference = editions.languages(self.network)[0]
        found = published.filter(language=self.language).order_by("-number").first()
        if found is None or self.language == reference:
            found = published.filter(language__in=("", reference)).order_by("-number").first()
            if found is not None and self.language != reference:
                url = reverse("reports:version", args=[self.network.slug, found.number])
                self.preset[url] = [(translation.gettext("Report"), found.report.title)]
        return found


def at_start_of_main(text, extra):
    """text with extra just inside its <main> (else at the start)."""
    match = MAIN.search(text)
    where = match.end() if match else 0
    return text[:where] + extra + text[where:]


def srcset_candidates(value):
    """[(url, [descriptors])] of a srcset. An address runs to the next space (a data: address
    holds a comma), its descriptors to the next comma (HTML's parsing of srcset)."""
    candidates, position = [], 0
    while True:
        position = re.compile(r"[\s,]*").match(value, position).end()
        if position >= len(value):
            return candidates
        url = re.compile(r"\S+").match(value, position).group(0)
        position += len(url)
        descriptors = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            end = value.find(",", position)
            end = len(value) if end < 0 else end
            descriptors, position = value[position:end], end + 1
        candidates.append((url, descriptors.split()))


def _relative(target, here):
    start = PurePosixPath(here).parent
    target_path = PurePosixPath(target)
    common = 0
    for a, b in zip(start.parts, target_path.parent.parts, strict=False):
        if a != b:
            break
        common += 1
    ups = [".."] * (len(start.parts) - common)
    rest = list(target_path.parts[common:])
    return "/".join(ups + rest) or target_path.name


def site_languages(network, language):
    """The languages to write: language, or every content language for ALL (None: the
    reference language). Any other code: SiteError, before anything is written."""
    codes = editions.languages(network)
    if language == ALL:
        return codes
    if language is None:
        return codes[:1]
    if language not in codes:
        raise SiteError(
            translation.gettext(
                "“%(code)s” is not one of the languages of %(network)s (%(languages)s): "
                "nothing was written."
            )
            % {"code": language, "network": network.slug, "languages": ", ".join([*codes, ALL])}
        )
    return [language]


def export_site(network, root, *, language=None, by=None):
    """Write the network's published content into root (a new or empty folder): in one of its
    content languages (None: the reference language), or in every one (ALL: a folder per
    language and an index to choose one). Returns the pages of the (first language's) index."""
    codes = site_languages(network, language)
    if not network.is_published:
        raise SiteError(
            translation.gettext("The network “%(slug)s” is not published: nothing is public.")
            % {"slug": network.slug}
        )
    root = Path(root)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise SiteError(translation.gettext("%(path)s is not an empty folder") % {"path": root})
    root.mkdir(parents=True, exist_ok=True)
    storages = {**settings.STORAGES}
    storages["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    every = language == ALL
    try:
        with override_settings(STORAGES=storages):
            sites, written = [], []  # the files written, shared: static and media once
            for code in codes:
                with translation.override(code):
                    base = f"{code}/" if every else ""
                    site = Site(network, root, code, base=base, written=written)
                    sites.append((site, site.export(by=by)))
            if every:
                write_chooser(network, [site for site, _pages in sites])
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    record(
        Verb.EXPORT,
        network,
        by=by,
        network=network,
        data={"format": "site", "languages": codes},
    )
    return sites[0][1]


def write_chooser(network, sites):
    """The site's index when it has every language: a link to each; and on every page, links
    to the same page in the others."""
    for site in sites:
        with translation.override(site.language):
            site.add_switcher(sites)
    with translation.override(sites[0].language):
        chooser = render_to_string(
            "archive/site_languages.html",
            {
                "network": network,
                "css": "static/carnet/carnet.css",
                "languages": [
                    {
                        "code": site.language,
                        "name": local_name(site.language),
                        "dir": direction(site.language),
                        "href": f"{site.base}index.html",
                    }
                    for site in sites
                ],
            },
        )
    sites[0].write_bytes("index.html", chooser.encode("utf-8"))
