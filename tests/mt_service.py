"""A translation service on 127.0.0.1 for the tests (issue 16, item 5): it plays LibreTranslate
and DeepL, answering "[target] text", or misbehaves as told (slow, 500, HTML, invalid JSON,
the wrong number of texts, a redirect, too much, Cyrillic for Serbian).

    from tests.mt_service import service  # noqa: F401 - the fixture
"""

import contextlib
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        server = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        server.requests.append(
            {"path": self.path, "headers": dict(self.headers), "json": json.loads(body)}
        )
        payload = server.requests[-1]["json"]
        behaviour = server.behaviour
        if behaviour == "slow":
            time.sleep(3)
            return self.answer(200, b"{}")
        if behaviour == "500":
            return self.answer(500, b"Internal Server Error", "text/plain")
        if behaviour == "refused":
            return self.answer(400, json.dumps({"error": "sq is not supported"}).encode())
        if behaviour == "html":
            return self.answer(200, b"<!doctype html><title>Login</title><p>Sign in", "text/html")
        if behaviour == "invalid-json":
            return self.answer(200, b'{"translatedText": ["a",')
        if behaviour == "wrong-count":
            return self.answer(200, json.dumps({"translatedText": ["only one"]}).encode())
        if behaviour == "redirect":
            self.send_response(302)
            self.send_header("Location", "http://127.0.0.1:9/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if behaviour == "huge":
            return self.answer(200, b'{"translatedText": ["' + b"a" * 2_000_000 + b'"]}')
        if behaviour == "cyrillic":  # as LibreTranslate answers "sr"
            return self.answer(200, json.dumps({"translatedText": ["Љубав и џеп, Ђурђа"]}).encode())
        if self.path == "/v2/translate":  # DeepL
            texts = [f"[{payload['target_lang']}] {text}" for text in payload["text"]]
            answer = {
                "translations": [{"text": t, "detected_source_language": "EN"} for t in texts]
            }
        else:  # LibreTranslate
            texts = [f"[{payload['target']}] {text}" for text in payload["q"]]
            answer = {"translatedText": texts}
        return self.answer(200, json.dumps(answer).encode())

    def answer(self, status, body, content_type="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the client gave up (timeout, too large)
            self.wfile.write(body)


@pytest.fixture
def service(settings):
    """A translation service on 127.0.0.1; set .behaviour to make it misbehave."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.behaviour = "ok"
    server.requests = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.CARNET_MT_URL = f"http://127.0.0.1:{server.server_address[1]}"
    settings.CARNET_MT_KIND = "libretranslate"
    settings.CARNET_MT_KEY = "secret"
    settings.CARNET_MT_TIMEOUT = 1
    yield server
    server.shutdown()
    server.server_close()
