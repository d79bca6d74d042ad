"""A network's published content as a static site: relative links, works from disk.

The pages are the apps' own public pages, rendered by calling their views as an anonymous
visitor (so each app's rules decide what is public), then rewritten: every link to a page
or file of the site becomes a relative path, static and media files are copied in, and
every other link (log in, editing, other hosts) is removed, as are forms. The timeline is
the timeline app's standalone export (one file, works offline).
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
    files: dict = field(default_factory=dict)  # URL path -> site path (or None: not public)
    pending: list = field(default_factory=list)
    written: list = field(default_factory=list)

    @property
    def prefix(self):
        return f"/{self.network.slug}/"

    # ------------------------------------------------------------------ fetching

    def fetch(self, path):
        """The view's response for an anonymous visitor, or None when it is not public."""
        request = RequestFactory().get(path)
        request.user = AnonymousUser()
        request.session = import_module(settings.SESSION_ENGINE).SessionStore()
        request.LANGUAGE_CODE = self.language
        try:
            match = resolve(path)
            response = match.func(request, *match.args, **match.kwargs)
        except (Http404, PermissionDenied, Resolver404, NeedsLogin):
            return None
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
        relative = url_path[len(self.prefix) :]
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
            target = "index.html"
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

    def write_pending(self):
        while self.pending:
            target, response = self.pending.pop(0)
            content = self.body(response)
            if target.endswith(".html"):
                content = self.rewrite(content.decode("utf-8"), target).encode("utf-8")
            self.write_bytes(target, content)


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


def export_site(network, root, *, language="en", by=None):
    """Write the network's published content into root (a new or empty folder).
    Returns the pages of the index."""
    from carnet.capitalisation.models import Video
    from carnet.reports.models import ReportVersion
    from carnet.timeline import standalone
    from carnet.timeline.models import Milestone

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
    try:
        with translation.override(language), override_settings(STORAGES=storages):
            site = Site(network=network, root=root, language=language)
            pages = []
            if Milestone.objects.filter(network=network).published().exists():
                timeline_url = reverse("timeline:public", args=[network.slug])
                site.files[timeline_url] = "timeline/index.html"
                content = standalone.build(network, language=language, by=by, inline=False)
                site.write_bytes(
                    "timeline/index.html",
                    site.rewrite(content, "timeline/index.html").encode("utf-8"),
                )
                pages.append(Page(translation.gettext("Timeline"), "timeline/index.html"))
            seeds = [
                (
                    translation.gettext("Good-practice sheets"),
                    reverse("practices:list", args=[network.slug]),
                )
            ]
            published = (
                ReportVersion.objects.filter(report__network=network, is_published=True)
                .order_by("-number")
                .first()
            )
            if published is not None:
                seeds.append(
                    (
                        translation.gettext("Report"),
                        reverse("reports:version", args=[network.slug, published.number]),
                    )
                )
            seeds.append(
                (
                    translation.gettext("Synthesis"),
                    reverse("capitalisation:synthesis_public", args=[network.slug]),
                )
            )
            if Video.objects.filter(network=network).published().exists():
                seeds.append(
                    (
                        translation.gettext("Videos"),
                        reverse("capitalisation:videos_public", args=[network.slug]),
                    )
                )
            for title, url in seeds:
                target = site.page(url)
                if target:
                    pages.append(Page(title, target))
            site.write_pending()
            css = site.copy_static("carnet/carnet.css")
            index = render_to_string(
                "archive/site_index.html",
                {
                    "network": network,
                    "pages": pages,
                    "css": css,
                    "exported_on": date_format(timezone.localdate(), "DATE_FORMAT"),
                },
            )
            site.write_bytes("index.html", index.encode("utf-8"))  # its links are relative
    except BaseException:
        shutil.rmtree(root, ignore_errors=True)
        raise
    record(Verb.EXPORT, network, by=by, network=network, data={"format": "site"})
    return pages
