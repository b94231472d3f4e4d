#!/usr/bin/env python3
"""A webhook receiver that accepts only deliveries signed by the service (Standard Webhooks), drops duplicates by
webhook-id, and prints each event as one JSON line.

    python3 webhook_receiver.py --port 8099            # the tenant's secret is fetched with AUDIOMUSIC_API_KEY
    python3 webhook_receiver.py --port 8099 --secret whsec_...   # keyless services: their Webhooks:Secret

Then submit with "callback_url": "http://<this host>:8099/hook". --exit-after-terminal stops after the first
completed, failed or cancelled event.
"""
import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

from audiomusic import Client, verify_webhook

TERMINAL_EVENTS = {"job.completed", "job.failed", "job.cancelled"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8099)
    parser.add_argument("--bind", default="127.0.0.1", help="the address to listen on (0.0.0.0: every interface)")
    parser.add_argument("--secret", help="the signing secret (default: the API key's tenant secret)")
    parser.add_argument("--exit-after-terminal", action="store_true")
    args = parser.parse_args()
    secret = args.secret or Client().webhook_secret()
    seen = set()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if not verify_webhook(secret, self.headers, body):
                self.send_response(401)
                self.end_headers()
                print(json.dumps({"rejected": self.headers.get("webhook-id")}), flush=True)
                return
            self.send_response(204)
            self.end_headers()
            message_id = self.headers["webhook-id"]
            if message_id in seen:  # at-least-once delivery: a retry of what was already taken
                return
            seen.add(message_id)
            delivery = json.loads(body)
            job = delivery["data"].get("job") or {}
            print(json.dumps({"id": message_id, "type": delivery["type"], "job_id": job.get("id"),
                              "status": delivery["data"]["status"]}), flush=True)
            if args.exit_after_terminal and delivery["type"] in TERMINAL_EVENTS:
                server.shutdown_requested = True

        def log_message(self, *_):  # quiet: the JSON lines are the output
            pass

    # One request at a time: the flag below is set before handle_request() returns.
    server = HTTPServer((args.bind, args.port), Handler)
    server.shutdown_requested = False
    print(json.dumps({"listening": args.port}), flush=True)
    while not server.shutdown_requested:
        server.handle_request()
    return 0


if __name__ == "__main__":
    sys.exit(main())
