"""A local S3-compatible server for the tests: moto's, plus the checks of signed addresses
that moto leaves out.

moto serves any address that carries a signature, even an expired or forged one. Real S3
(and MinIO, Ceph…) refuse both with 403: the front below does the same for presigned
addresses (Signature Version 4, query-string auth), then hands the request to moto.
"""

import datetime
import hashlib
import hmac
from urllib.parse import parse_qsl, quote

from moto.server import DomainDispatcherApplication, ThreadedMotoServer, create_backend_app
from werkzeug.serving import make_server

ERROR = (
    "<?xml version='1.0' encoding='UTF-8'?>"
    "<Error><Code>{code}</Code><Message>{message}</Message></Error>"
)


def _hmac(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def signature(secret, *, method, path, query, host, amz_date, scope):
    canonical_query = "&".join(
        f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}"
        for k, v in sorted(query)
        if k != "X-Amz-Signature"
    )
    canonical = "\n".join(
        [method, quote(path, safe="/-_.~"), canonical_query, f"host:{host}\n", "host"]
        + ["UNSIGNED-PAYLOAD"]
    )
    to_sign = "\n".join(
        ["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()]
    )
    date, region, service, _terminator = scope.split("/")
    key = _hmac(
        _hmac(_hmac(_hmac(f"AWS4{secret}".encode(), date), region), service), "aws4_request"
    )
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class SignedAddressCheck:
    def __init__(self, app, secret):
        self.app, self.secret = app, secret

    def __call__(self, environ, start_response):
        query = parse_qsl(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        params = dict(query)
        if "X-Amz-Signature" in params:
            problem = self.problem(environ, query, params)
            if problem:
                body = ERROR.format(code=problem[0], message=problem[1]).encode()
                start_response("403 Forbidden", [("Content-Type", "application/xml")])
                return [body]
        return self.app(environ, start_response)

    def problem(self, environ, query, params):
        signed_at = datetime.datetime.strptime(params["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(
            tzinfo=datetime.UTC
        )
        expires = signed_at + datetime.timedelta(seconds=int(params["X-Amz-Expires"]))
        if datetime.datetime.now(datetime.UTC) > expires:
            return "AccessDenied", "Request has expired"
        expected = signature(
            self.secret,
            method=environ["REQUEST_METHOD"],
            path=environ["PATH_INFO"],
            query=query,
            host=environ["HTTP_HOST"],
            amz_date=params["X-Amz-Date"],
            scope=params["X-Amz-Credential"].split("/", 1)[1],
        )
        if not hmac.compare_digest(expected, params["X-Amz-Signature"]):
            return "SignatureDoesNotMatch", "The request signature we calculated does not match"
        return None


class S3Server(ThreadedMotoServer):
    """ThreadedMotoServer behind SignedAddressCheck, on 127.0.0.1:port."""

    def __init__(self, port, secret):
        super().__init__(ip_address="127.0.0.1", port=port, verbose=False)
        self.secret = secret

    def _server_entry(self):
        app = SignedAddressCheck(DomainDispatcherApplication(create_backend_app), self.secret)
        self._server = make_server(self._ip_address, self._port, app, threaded=True)
        self._server_ready_event.set()
        self._server.serve_forever()
