import socket

from django.utils.translation import gettext as _


def port_problem(host, port):
    """None if we can listen on host:port, else a one-line reason."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        try:
            sock.bind((host, port))
        except OSError as exc:
            return _("cannot listen on %(host)s:%(port)s (%(reason)s); choose another --port") % {
                "host": host,
                "port": port,
                "reason": exc.strerror or exc,
            }
    return None
