"""Machine-translation drafts from a LibreTranslate- or DeepL-compatible HTTP API.

Off unless CARNET_MT_URL is set (settings.py checks the address: https, or http on this
machine only). `translate(texts, source=, target=)` returns one text per text given, or
raises `MachineTranslationError`, whose str() says what went wrong in words for the person
translating (the details go to the log). Standard library only: one POST, a short timeout, a
limit on what is sent and on what is read, no redirects followed.

The server calls the service; pages never do (the CSP keeps browsers on this host).
What comes back is a draft: callers mark it "machine translation — not reviewed" and never
show it to readers until a person accepts it (see timeline.models.Milestone.translation).
"""

import http.client
import json
import logging
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from .safefetch import read_body

logger = logging.getLogger(__name__)

LIBRETRANSLATE, DEEPL = "libretranslate", "deepl"
KINDS = (LIBRETRANSLATE, DEEPL)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")

MAX_REQUEST_CHARS = 30_000  # all the texts of one request together
MAX_RESPONSE_BYTES = 1_000_000
# A translation many times longer than its source is not a translation (a page, a loop).
MAX_GROWTH, MAX_GROWTH_SLACK = 8, 500


class MachineTranslationError(Exception):
    """The service could not give a usable translation; str() is for the person."""


def check_address(url):
    """None if Carnet may call url, else why not (for settings and for each call)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return None
    if parts.scheme == "http" and parts.hostname in LOCAL_HOSTS:
        return None
    return "must start with https:// (http:// only for 127.0.0.1 or localhost)"


def enabled():
    return bool(getattr(settings, "CARNET_MT_URL", ""))


def service_code(code, kind):
    """Carnet's language code as the service writes it: sr-latn -> sr (LibreTranslate),
    fr -> FR (DeepL)."""
    base = code.replace("_", "-").split("-")[0].lower()
    if kind == DEEPL:
        return base.upper()
    return base


# Serbian Cyrillic to Latin (Gaj's alphabet): one letter each way, three digraphs.
SERBIAN_LATIN = str.maketrans(
    dict(
        zip(
            "АБВГДЂЕЖЗИЈКЛМНОПРСТЋУФХЦЧШабвгдђежзијклмнопрстћуфхцчш",
            "ABVGDĐEŽZIJKLMNOPRSTĆUFHCČŠabvgdđežzijklmnoprstćufhcčš",
            strict=True,
        )
    )
    | {"Љ": "Lj", "Њ": "Nj", "Џ": "Dž", "љ": "lj", "њ": "nj", "џ": "dž"}
)


def in_script(text, code):
    """The service's text in the script Carnet's code asks for: services know Serbian as
    "sr" and may answer in Cyrillic, where sr-latn wants Latin letters."""
    if code.replace("_", "-").lower() == "sr-latn":
        return text.translate(SERBIAN_LATIN)
    return text


def endpoint(url, kind):
    path = "/v2/translate" if kind == DEEPL else "/translate"
    url = url.rstrip("/")
    return url if url.endswith(path) else url + path


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is an answer like any other: not a translation


def _request_body(texts, source, target, kind, key):
    if kind == DEEPL:
        body = {
            "text": texts,
            "source_lang": service_code(source, kind),
            "target_lang": service_code(target, kind),
        }
    else:
        body = {
            "q": texts,
            "source": service_code(source, kind),
            "target": service_code(target, kind),
            "format": "text",
        }
        if key:
            body["api_key"] = key
    return json.dumps(body).encode()


def _read(response, deadline):
    """The body, at most MAX_RESPONSE_BYTES, within the deadline."""
    return read_body(response, max_bytes=MAX_RESPONSE_BYTES, deadline=deadline)


def _translations(payload, kind, count):
    """The list of texts in the service's answer, or ValueError."""
    if not isinstance(payload, dict):
        raise ValueError("answer is not a JSON object")
    if kind == DEEPL:
        items = payload.get("translations")
        if not isinstance(items, list):
            raise ValueError("no 'translations' list")
        texts = [item.get("text") if isinstance(item, dict) else None for item in items]
    else:
        texts = payload.get("translatedText")
        if isinstance(texts, str) and count == 1:
            texts = [texts]
        if not isinstance(texts, list):
            raise ValueError("no 'translatedText' list")
    if len(texts) != count or not all(isinstance(text, str) for text in texts):
        raise ValueError(f"expected {count} texts, got {texts!r:.200}")
    return texts


def _service_reason(body):
    """The short reason a service gives with an error ({"error": ...} or {"message": ...})."""
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return ""
    if isinstance(payload, dict):
        reason = payload.get("error") or payload.get("message") or ""
        if isinstance(reason, str):
            return " ".join(reason.split())[:200]
    return ""


def translate(texts, *, source, target):
    """texts (a list of str) translated from source into target (Carnet's language codes).

    Empty texts stay empty and are not sent. Raises MachineTranslationError."""
    url = getattr(settings, "CARNET_MT_URL", "")
    if not url:
        raise MachineTranslationError(_("Machine translation is not set up on this site."))
    kind = getattr(settings, "CARNET_MT_KIND", LIBRETRANSLATE) or LIBRETRANSLATE
    key = getattr(settings, "CARNET_MT_KEY", "")
    timeout = getattr(settings, "CARNET_MT_TIMEOUT", 10)
    if check_address(url) or kind not in KINDS:
        logger.error("CARNET_MT_URL %r or CARNET_MT_KIND %r refused", url, kind)
        raise MachineTranslationError(_("Machine translation is not set up correctly."))
    wanted = [(i, text) for i, text in enumerate(texts) if text.strip()]
    results = list(texts)
    if not wanted:
        return results
    if sum(len(text) for _i, text in wanted) > MAX_REQUEST_CHARS:
        raise MachineTranslationError(
            _("The text is too long for machine translation (more than %(count)s characters).")
            % {"count": MAX_REQUEST_CHARS}
        )
    sources = [text for _i, text in wanted]
    headers = {
        "Content-Type": "application/json",
        "Accept": "application/json",
        "User-Agent": "Carnet",
    }
    if kind == DEEPL and key:
        headers["Authorization"] = f"DeepL-Auth-Key {key}"
    request = urllib.request.Request(
        endpoint(url, kind),
        data=_request_body(sources, source, target, kind, key),
        headers=headers,
        method="POST",
    )
    opener = urllib.request.build_opener(_NoRedirect)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            body = _read(response, deadline)
    except urllib.error.HTTPError as error:
        try:
            reason = _service_reason(_read(error, deadline))
        except (OSError, ValueError):
            reason = ""
        logger.warning("Machine translation: HTTP %s from %s: %s", error.code, url, reason)
        if reason:
            raise MachineTranslationError(
                _("The translation service refused (%(status)s): %(reason)s")
                % {"status": error.code, "reason": reason}
            ) from None
        raise MachineTranslationError(
            _("The translation service answered with an error (%(status)s).")
            % {"status": error.code}
        ) from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as error:
        timed_out = isinstance(error, TimeoutError) or isinstance(
            getattr(error, "reason", None), TimeoutError
        )
        logger.warning("Machine translation: %s from %s", error, url)
        if timed_out:
            raise MachineTranslationError(
                _("The translation service did not answer in time. Try again later.")
            ) from None
        raise MachineTranslationError(
            _("The translation service could not be reached. Try again later.")
        ) from None
    except ValueError as error:  # too large
        logger.warning("Machine translation: %s from %s", error, url)
        raise MachineTranslationError(_garbage()) from None
    try:
        translated = _translations(json.loads(body.decode("utf-8")), kind, len(sources))
    except (UnicodeDecodeError, ValueError) as error:
        logger.warning("Machine translation: unusable answer from %s: %s", url, error)
        raise MachineTranslationError(_garbage()) from None
    for (i, original), text in zip(wanted, translated, strict=True):
        text = text.replace("\x00", "").strip()
        if not text or len(text) > MAX_GROWTH * len(original) + MAX_GROWTH_SLACK:
            logger.warning("Machine translation: empty or outsized text from %s", url)
            raise MachineTranslationError(_garbage())
        results[i] = in_script(text, target)
    return results


def _garbage():
    return _("The translation service answered something that is not a translation.")


def fill_draft(request, draft, *, nothing_left, drafted):
    """The one way a form gets a machine draft: request.POST with the fields that
    `draft(data)` returns ({field: text}) filled in and marked `machine`, a message saying
    what happened. On any failure the data goes back as the person sent it, with the reason:
    nothing typed is lost. `nothing_left` is the message when there is nothing to draft;
    `drafted(count)` the message after a draft (each form says what comes next)."""
    from django.contrib import messages

    data = request.POST.copy()
    if not enabled():
        messages.error(request, _("Machine translation is not set up on this site."))
        return data
    try:
        filled = draft(data)
    except MachineTranslationError as error:
        messages.error(request, _("No machine draft: %(reason)s") % {"reason": error})
        return data
    if not filled:
        messages.info(request, nothing_left)
        return data
    for key, text in filled.items():
        data[key] = text  # replaces the value (QueryDict.update would append)
    data["machine"] = "1"
    messages.warning(request, drafted(len(filled)))
    return data
