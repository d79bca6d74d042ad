"""Fetching a file from an address a person gave, without letting it reach inside.

Only `https`; every address the host name resolves to must be public (no loopback,
private, link-local — 169.254.169.254 — or reserved address), and the connection goes to
the address that was checked (a name that resolves differently the second time cannot slip
through). The same for each redirect, at most MAX_REDIRECTS of them. The body is read up to
`max_bytes`, the whole within `timeout` seconds.

Tests serve files from a local HTTP server: `CARNET_FETCH_ALLOW_LOOPBACK = True` (a setting
only tests set, never by default) lets plain http to a loopback address through.

Every refusal is a FetchRefused whose str() says what happened, for the person.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
TIMEOUT = 15  # seconds, for the whole fetch (redirects included)
MAX_REDIRECTS = 3
REDIRECTS = (301, 302, 303, 307, 308)


class FetchRefused(Exception):
    """Why an address could not be fetched (str(): a sentence for the person)."""


def _allow_loopback():
    return getattr(settings, "CARNET_FETCH_ALLOW_LOOPBACK", False)


def is_public(address):
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _check_url(url):
    """(scheme, host, port, path) of an address that may be asked; else FetchRefused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        raise FetchRefused(_("This is not a web address.")) from None
    scheme, host = parts.scheme.lower(), parts.hostname
    if not host:
        raise FetchRefused(_("This is not a web address."))
    if scheme != "https" and not (scheme == "http" and _allow_loopback()):
        raise FetchRefused(_("Only https addresses are fetched."))
    if parts.username or parts.password:
        raise FetchRefused(_("An address with a user name or password is not fetched."))
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return scheme, host, port or (443 if scheme == "https" else 80), path


def _resolve(host, port):
    """The one address to connect to, after checking every address of the name."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        raise FetchRefused(_("The host %(host)s is unknown.") % {"host": host}) from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise FetchRefused(_("The host %(host)s is unknown.") % {"host": host})
    for address in addresses:
        if is_public(address):
            continue
        if _allow_loopback() and ipaddress.ip_address(address.split("%", 1)[0]).is_loopback:
            continue
        raise FetchRefused(
            _(
                "The address %(host)s leads to a private network (%(ip)s): only public "
                "addresses are fetched."
            )
            % {"host": host, "ip": address}
        )
    return addresses[0]


class _Pinned:
    """Connect to the checked address, speaking to the host by its name (TLS, Host)."""

    def __init__(self, scheme, host, port, address, timeout):
        if scheme == "https":
            self.conn = http.client.HTTPSConnection(
                host, port, timeout=timeout, context=ssl.create_default_context()
            )
        else:
            self.conn = http.client.HTTPConnection(host, port, timeout=timeout)
        conn = self.conn
        self.sock = None

        def connect():
            sock = socket.create_connection((address, port), conn.timeout)
            if scheme == "https":
                sock = conn._context.wrap_socket(sock, server_hostname=host)
            conn.sock = self.sock = sock

        conn.connect = connect


def fetch(url, *, max_bytes=None, timeout=None, max_redirects=MAX_REDIRECTS):
    """(body bytes, content type, final url) of url; raises FetchRefused."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    timeout = TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + timeout
    too_slow = FetchRefused(
        _("The address did not answer within %(seconds)s seconds.") % {"seconds": timeout}
    )
    for _redirect in range(max_redirects + 1):
        scheme, host, port, path = _check_url(url)
        address = _resolve(host, port)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise too_slow
        pinned = _Pinned(scheme, host, port, address, remaining)
        conn = pinned.conn
        try:
            conn.request(
                "GET",
                path,
                headers={"User-Agent": "Carnet", "Accept": "text/csv, */*;q=0.5"},
            )
            response = conn.getresponse()
            if response.status in REDIRECTS and response.getheader("Location"):
                url = urljoin(url, response.getheader("Location"))
                continue
            if response.status != 200:
                raise FetchRefused(
                    _("The address answered %(status)s (%(reason)s).")
                    % {"status": response.status, "reason": response.reason or _("error")}
                )
            length = response.getheader("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise FetchRefused(_too_big(max_bytes))
            try:
                body = read_body(response, max_bytes=max_bytes, deadline=deadline, sock=pinned.sock)
            except BodyTooLarge:
                raise FetchRefused(_too_big(max_bytes)) from None
            return body, response.getheader("Content-Type") or "", url
        except TimeoutError:
            raise too_slow from None
        except ssl.SSLError as exc:
            raise FetchRefused(
                _("The secure connection failed: %(reason)s") % {"reason": exc.reason or exc}
            ) from None
        except (OSError, http.client.HTTPException):
            raise FetchRefused(_("The address could not be reached.")) from None
        finally:
            conn.close()
    raise FetchRefused(
        _("The address redirects more than %(count)s times.") % {"count": max_redirects}
    )


class BodyTooLarge(ValueError):
    pass


def read_body(response, *, max_bytes, deadline, sock=None):
    """The body of an HTTP answer, at most `max_bytes` (else BodyTooLarge), read before
    `deadline` (time.monotonic(); else TimeoutError). With the answer's socket, each read
    waits no longer than the time left. Used here and by carnet.lib.machine_translation."""
    read = getattr(response, "read1", response.read)
    body = bytearray()
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the answer took too long")
        if sock is not None:
            sock.settimeout(max(0.01, left))
        chunk = read(64 * 1024)
        if not chunk:
            return bytes(body)
        body += chunk
        if len(body) > max_bytes:
            raise BodyTooLarge(f"answer larger than {max_bytes} bytes")


def _too_big(max_bytes):
    return _("The file is bigger than %(mb)s MB.") % {"mb": max_bytes // (1024 * 1024)}
