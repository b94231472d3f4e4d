#!/usr/bin/env python3
"""Submit a generation request, follow its live events, and download the result.

    python3 generate.py text2music '{"caption": "dreamy synth pop", "lyrics": "[verse]\\nCity lights"}' --out song.flac
    python3 generate.py simple '{"query": "a sad waltz about rain"}' --format mp3 --out waltz.mp3

Routes: text2music, prompt2instrumental, text2rap, lyric2vocals, text2samples, simple.
"""
import argparse
import json
import sys

from audiomusic import ROUTES, ApiError, Client


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("route", choices=ROUTES)
    parser.add_argument("body", help="the request as JSON")
    parser.add_argument("--out", help="where to save the first output (default: <job id>.<format>)")
    parser.add_argument("--format", help="download in this format instead of the one submitted")
    args = parser.parse_args()

    client = Client()
    try:
        job = client.submit(args.route, json.loads(args.body))
    except ApiError as error:
        print(f"refused: {error}", file=sys.stderr)
        for field, messages in error.problem.get("errors", {}).items():
            print(f"  {field}: {' '.join(messages)}", file=sys.stderr)
        return 1
    print(f"job {job['id']} {job['status']} queue position {job['queue_position']}")
    for event in client.events(job["id"]):
        line = f"{event['type']} {event['status']} {event['progress']:.0f}% {event['stage']}"
        if event.get("reason"):
            line += f" ({event['reason']})"
        print(line, flush=True)
    job = client.status(job["id"])
    if job["status"] != "COMPLETED":
        print(f"job {job['status']}: {job['error_message']}", file=sys.stderr)
        return 1
    fmt = args.format or job["parameters"]["format"]
    path = args.out or f"{job['id']}.{fmt}"
    size = client.download(job["id"], path, fmt=args.format)
    print(f"saved {path} ({size} bytes, {job['audio_duration']:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
