#!/usr/bin/env python3
"""A loopback stand-in for the Hub's GET /api/models, for hfsnap-fetch.bats.

Usage: server.py SCENARIO STATE_DIR

Binds 127.0.0.1 on a port the kernel picks and writes that port to
STATE_DIR/port.  Serves the canned pages next to this file: page1.json for
a request without a cursor, pageN.json for cursor=N, each but the last
with a Link header to the next (absolute from page 1, relative from page 2,
as a proxy might rewrite it).  Every request is logged, in order:

    STATE_DIR/requests   the request target (path and query, as sent)
    STATE_DIR/headers    N<TAB>Name: value, for every header of request N
    STATE_DIR/times      N<TAB>seconds since the epoch when it arrived

SCENARIO says what goes wrong, by request number n (from 1) or page:

    pages        nothing
    429          n=1: 429 with Retry-After: 1
    ratelimit    n=1: 429 with only RateLimit: "api";r=0;t=0; page 1 then
                 says the quota is used up (r=0;t=0)
    503          n=2: 503
    cut-once     n=2: page 2 with its full Content-Length, half the body,
                 then the connection closed
    cut-always   page 2, every time: half the body, no Content-Length, closed
    badjson      page 2: a complete body that is not valid JSON
    nototal      page 1: models without downloadsAllTime
    404          n=1: 404 with a JSON error body
    hang         every request: no answer at all
    hang2        page 2: no answer at all
    foreign      page 1 links to another host
"""

import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
LAST_PAGE = 3


class Handler(http.server.BaseHTTPRequestHandler):
    # HTTP/1.0: one request a connection, closed after the answer, so a
    # body without Content-Length ends where the connection does.
    protocol_version = "HTTP/1.0"
    count = 0
    lock = threading.Lock()

    def log_message(self, fmt, *args):
        pass

    def record(self):
        with Handler.lock:
            Handler.count += 1
            n = Handler.count
            state = self.server.state
            with open(os.path.join(state, "requests"), "a", encoding="utf-8") as f:
                f.write(self.path + "\n")
            with open(os.path.join(state, "headers"), "a", encoding="utf-8") as f:
                for name, value in self.headers.items():
                    f.write("%d\t%s: %s\n" % (n, name, value))
            with open(os.path.join(state, "times"), "a", encoding="utf-8") as f:
                f.write("%d\t%.3f\n" % (n, time.time()))
        return n

    def answer(self, status, body, headers=(), length=True):
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        if length:
            self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def cut(self, body, length):
        """Half the body, then the connection closed."""
        self.send_response(200)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[: len(body) // 2])
        self.wfile.flush()
        self.close_connection = True

    def do_GET(self):
        n = self.record()
        scenario = self.server.scenario
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/api/models":
            self.answer(404, b'{"error":"Not Found"}')
            return
        pairs = urllib.parse.parse_qsl(url.query, keep_blank_values=True)
        cursor = [v for k, v in pairs if k == "cursor"]
        page = int(cursor[-1]) if cursor else 1
        if not 1 <= page <= LAST_PAGE:
            self.answer(400, b'{"error":"Invalid cursor"}')
            return
        with open(os.path.join(HERE, "page%d.json" % page), "rb") as f:
            body = f.read()

        if scenario == "hang" or (scenario == "hang2" and page == 2):
            time.sleep(120)
            return
        if scenario == "429" and n == 1:
            self.answer(429, b'{"error":"Too Many Requests"}', [("Retry-After", "1")])
            return
        if scenario == "ratelimit" and n == 1:
            self.answer(429, b'{"error":"Too Many Requests"}',
                        [("RateLimit", '"api";r=0;t=0'),
                         ("RateLimit-Policy", '"fixed window";"api";q=500;w=300')])
            return
        if scenario == "503" and n == 2:
            self.answer(503, b"Service Unavailable")
            return
        if scenario == "404" and n == 1:
            self.answer(404, b'{"error":"Sorry, we can\'t find the page you are looking for."}')
            return
        if scenario == "cut-once" and n == 2:
            self.cut(body, length=True)
            return
        if scenario == "cut-always" and page == 2:
            self.cut(body, length=False)
            return
        if scenario == "badjson" and page == 2:
            body = b'[{"id":"x/y","downloadsAllTime":1},,{"id":"z/w"}]'
        if scenario == "nototal" and page == 1:
            models = json.loads(body)
            for m in models:
                m.pop("downloadsAllTime", None)
            body = json.dumps(models, separators=(",", ":")).encode()

        headers = []
        if page < LAST_PAGE:
            rest = [(k, v) for k, v in pairs if k != "cursor"] + [("cursor", str(page + 1))]
            target = "/api/models?" + urllib.parse.urlencode(rest, safe="[]")
            if scenario == "foreign" and page == 1:
                link = "http://elsewhere.invalid" + target
            elif page == 1:
                link = "http://127.0.0.1:%d%s" % (self.server.server_port, target)
            else:
                link = target
            headers.append(("Link", '<%s>; rel="next"' % link))
        if scenario == "ratelimit" and page == 1:
            headers.append(("RateLimit", '"api";r=0;t=0'))
        self.answer(200, body, headers)


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: server.py SCENARIO STATE_DIR")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.scenario, server.state = sys.argv[1], sys.argv[2]
    port_file = os.path.join(server.state, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write("%d\n" % server.server_port)
    os.rename(port_file + ".tmp", port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
