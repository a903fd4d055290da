#!/usr/bin/python3
"""The local mail catcher of make run and make test: an SMTP server that requires STARTTLS and keeps each mail it
accepts as one .eml file in its directory (never delivers anything), plus a small HTML page listing them.

Usage: mail-catcher.py --port P --dir DIR --cert CERT --key KEY [--page-port Q]
A file DIR/.refuse/<address> holding a number N makes the catcher answer 451 (try again later) to the next N
RCPT TO of that address: how tests check that the sync worker retries a failed send."""
import argparse
import asyncio
import html
import os
import signal
import ssl
import threading
import time
from email import message_from_bytes, policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.smtp import SMTP


class Keep:
    """Writes each accepted mail to DIR as <ms since 1970>-<n>.eml (written aside, then renamed: readers never see
    half a file), with a Received header saying how it came (ESMTPS and the TLS version, or plain ESMTP)."""

    def __init__(self, folder):
        self.folder = folder
        self.seq = 0

    def refused(self, address):
        path = os.path.join(self.folder, ".refuse", address.lower())
        try:
            with open(path, "r+") as f:
                left = int(f.read().strip() or "0")
                if left <= 0:
                    return False
                f.seek(0)
                f.truncate()
                f.write(str(left - 1))
                return True
        except (FileNotFoundError, ValueError):
            return False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refused(address):
            return "451 4.3.0 Refused for this address by the catcher's .refuse file: try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        tls = "ESMTP"
        if session.ssl is not None:
            obj = session.ssl.get("ssl_object")
            tls = "ESMTPS (%s)" % (obj.version() if obj is not None else "TLS")
        self.seq += 1
        ms = int(time.time() * 1000)
        name = "%d-%04d.eml" % (ms, self.seq % 10000)
        received = "Received: from %s by mail-catcher with %s; %s\r\n" % (
            session.host_name or "unknown", tls, time.strftime("%a, %d %b %Y %H:%M:%S +0000", time.gmtime()))
        envelope_to = "X-Envelope-To: %s\r\n" % ", ".join(envelope.rcpt_tos)
        tmp = os.path.join(self.folder, ".tmp-" + name)
        with open(tmp, "wb") as f:
            f.write(received.encode() + envelope_to.encode() + envelope.original_content)
        os.rename(tmp, os.path.join(self.folder, name))
        print("caught %s for %s via %s" % (name, ", ".join(envelope.rcpt_tos), tls), flush=True)
        return "250 2.0.0 Kept as " + name


def page_handler(folder):
    class Page(BaseHTTPRequestHandler):
        def do_GET(self):
            names = sorted((n for n in os.listdir(folder) if n.endswith(".eml")), reverse=True)
            if self.path.startswith("/mail/") and self.path[6:] in names:
                with open(os.path.join(folder, self.path[6:]), "rb") as f:
                    body = f.read()
                return self.answer(body, "message/rfc822")
            if self.path != "/":
                return self.answer(b"not found", "text/plain", 404)
            rows = []
            for n in names[:200]:
                with open(os.path.join(folder, n), "rb") as f:
                    m = message_from_bytes(f.read(), policy=policy.default)
                rows.append("<tr><td>%s</td><td>%s</td><td><a href=\"/mail/%s\">%s</a></td></tr>" % (
                    html.escape(str(m.get("Date", ""))), html.escape(str(m.get("To", ""))), html.escape(n),
                    html.escape(str(m.get("Subject", "")))))
            body = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Mail catcher</title></head><body>"
                    "<h1>Mail catcher: %d mail(s) in %s</h1><table border=\"1\" cellpadding=\"4\">"
                    "<tr><th>Date</th><th>To</th><th>Subject</th></tr>%s</table></body></html>"
                    % (len(names), html.escape(folder), "".join(rows))).encode()
            self.answer(body, "text/html; charset=utf-8")

        def answer(self, body, ctype, status=200):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, fmt, *args):
            pass

    return Page


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--page-port", type=int, default=0)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    a = ap.parse_args()
    os.makedirs(os.path.join(a.dir, ".refuse"), exist_ok=True)
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(a.cert, a.key)
    keep = Keep(a.dir)
    loop = asyncio.new_event_loop()
    server = loop.run_until_complete(loop.create_server(
        lambda: SMTP(keep, hostname="localhost", tls_context=ctx, require_starttls=True, loop=loop),
        "127.0.0.1", a.port))
    if a.page_port:
        page = ThreadingHTTPServer(("127.0.0.1", a.page_port), page_handler(a.dir))
        threading.Thread(target=page.serve_forever, daemon=True).start()
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    loop.add_signal_handler(signal.SIGINT, loop.stop)
    print("mail catcher on 127.0.0.1:%d (STARTTLS required), keeping mail in %s" % (a.port, a.dir), flush=True)
    loop.run_forever()
    server.close()


if __name__ == "__main__":
    main()
