#!/usr/bin/env python3
"""Submit a request and poll its status until it finishes (for clients that cannot hold a stream open).

    python3 poll.py prompt2instrumental '{"prompt": "calm piano", "duration": 30}'
"""
import json
import sys

from audiomusic import Client


def main() -> int:
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    client = Client()
    job = client.submit(sys.argv[1], json.loads(sys.argv[2]))
    print(f"job {job['id']} {job['status']}")
    job = client.wait_by_polling(job["id"], interval=0.5)
    print(f"{job['status']} {job['audio_duration']} s {job['output_url']}")
    return 0 if job["status"] == "COMPLETED" else 1


if __name__ == "__main__":
    sys.exit(main())
