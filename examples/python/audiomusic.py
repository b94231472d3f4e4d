"""A small AudioMusic V2 client on Python's standard library alone (3.9+): submit, follow the event stream, poll,
download, and verify webhook signatures.

Configure with AUDIOMUSIC_URL (default http://localhost:5080) and, when the service requires keys, AUDIOMUSIC_API_KEY.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Iterator, Optional

TERMINAL = {"COMPLETED", "FAILED", "CANCELLED"}
ROUTES = ["text2music", "prompt2instrumental", "text2rap", "lyric2vocals", "text2samples", "simple"]


class ApiError(Exception):
    """An answer that is not 2xx, with its RFC 7807 problem details (`errors` names each wrong field)."""

    def __init__(self, status: int, problem: dict, retry_after: Optional[str]):
        super().__init__(f"{status} {problem.get('title', '')}: {problem.get('detail', '')}".strip())
        self.status = status
        self.problem = problem
        self.retry_after = retry_after


class Client:
    def __init__(self, base_url: Optional[str] = None, api_key: Optional[str] = None, timeout: float = 60):
        self.base_url = (base_url or os.environ.get("AUDIOMUSIC_URL") or "http://localhost:5080").rstrip("/")
        self.api_key = api_key if api_key is not None else os.environ.get("AUDIOMUSIC_API_KEY")
        self.timeout = timeout

    # --- plumbing -----------------------------------------------------------------------------------------------
    def _request(self, method: str, path: str, body: Optional[dict] = None, headers: Optional[dict] = None):
        url = path if path.startswith("http") else self.base_url + (path if path.startswith("/") else "/api/v1/music/" + path)
        all_headers = {"Accept": "application/json", **(headers or {})}
        if self.api_key:
            all_headers["Authorization"] = "Bearer " + self.api_key
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            all_headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=data, method=method, headers=all_headers)
        try:
            return urllib.request.urlopen(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                problem = json.loads(raw)
            except ValueError:
                problem = {"title": raw.decode(errors="replace")}
            raise ApiError(error.code, problem, error.headers.get("Retry-After")) from None

    def _json(self, method: str, path: str, body: Optional[dict] = None, headers: Optional[dict] = None):
        with self._request(method, path, body, headers) as response:
            return None if response.status == 204 else json.load(response)

    # --- jobs ---------------------------------------------------------------------------------------------------
    def submit(self, route: str, body: dict, idempotency_key: Optional[str] = None) -> dict:
        """POSTs a generation request; returns the job (202). With an Idempotency-Key, sending it again (after a
        timeout, say) returns the same job instead of making a second one."""
        headers = {"Idempotency-Key": idempotency_key} if idempotency_key else None
        return self._json("POST", route, body, headers)["job"]

    def status(self, job_id: str) -> dict:
        return self._json("GET", f"jobs/{job_id}/status")["job"]

    def cancel(self, job_id: str) -> dict:
        return self._json("POST", f"jobs/{job_id}/cancel")["job"]

    def wait_by_polling(self, job_id: str, interval: float = 1.0, timeout: float = 600) -> dict:
        """Reads the job's status every `interval` seconds until it finishes."""
        deadline = time.monotonic() + timeout
        while True:
            job = self.status(job_id)
            if job["status"] in TERMINAL:
                return job
            if time.monotonic() > deadline:
                raise TimeoutError(f"job {job_id} is still {job['status']}")
            time.sleep(interval)

    def events(self, job_id: str) -> Iterator[dict]:
        """Yields the job's events (Server-Sent Events) until the terminal one. A dropped connection resumes from
        the last event id, as a browser's EventSource would."""
        last_id = None
        while True:
            headers = {"Accept": "text/event-stream"}
            if last_id:
                headers["Last-Event-ID"] = last_id
            try:
                with self._request("GET", f"jobs/{job_id}/events", headers=headers) as response:
                    if response.status == 204:
                        return
                    for event_id, event_type, data in _parse_sse(response):
                        last_id = event_id or last_id
                        event = json.loads(data)
                        yield event
                        if event_type in ("job.completed", "job.failed", "job.cancelled", "job.deleted"):
                            return
            except (ConnectionError, TimeoutError, urllib.error.URLError, http.client.HTTPException):
                time.sleep(2)

    def download(self, job_id: str, path: str, index: int = 0, fmt: Optional[str] = None) -> int:
        """Saves output `index` (in `fmt`, any of flac, wav, mp3, ogg, opus) to `path`; returns the bytes written."""
        query = {"index": index, **({"format": fmt} if fmt else {})}
        written = 0
        with self._request("GET", f"jobs/{job_id}/audio?{urllib.parse.urlencode(query)}") as response, open(path, "wb") as file:
            while chunk := response.read(1 << 16):
                file.write(chunk)
                written += len(chunk)
        return written

    def webhook_secret(self) -> str:
        """The signing secret of the caller's tenant (with API keys on)."""
        return self._json("GET", "/api/v1/webhooks/secret")["secret"]


def _parse_sse(stream) -> Iterator[tuple]:
    """(id, event, data) of each event in a text/event-stream; comments (heartbeats) are skipped."""
    event_id, event_type, data = None, "message", []
    for raw in stream:
        line = raw.decode("utf-8").rstrip("\r\n")
        if line == "":
            if data:
                yield event_id, event_type, "\n".join(data)
            event_id, event_type, data = None, "message", []
            continue
        if line.startswith(":"):
            continue
        field, _, value = line.partition(":")
        value = value[1:] if value.startswith(" ") else value
        if field == "data":
            data.append(value)
        elif field == "event":
            event_type = value
        elif field == "id":
            event_id = value


def verify_webhook(secret: str, headers, body: bytes, tolerance: int = 300, now: Optional[float] = None) -> bool:
    """Standard Webhooks: a v1 HMAC-SHA256 over "{webhook-id}.{webhook-timestamp}.{body}", keyed with the secret's
    bytes, and a timestamp within `tolerance` seconds (against replays). Any one v1 entry may match (after a rotation
    the service signs with the old secret and the new)."""
    msg_id, timestamp, signatures = headers.get("webhook-id"), headers.get("webhook-timestamp"), headers.get("webhook-signature")
    if not (msg_id and timestamp and signatures) or not re.fullmatch(r"\d+", timestamp):
        return False
    if abs((now if now is not None else time.time()) - int(timestamp)) > tolerance:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(hmac.new(key, f"{msg_id}.{timestamp}.".encode() + body, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(entry[3:], expected) for entry in signatures.split() if entry.startswith("v1,"))
