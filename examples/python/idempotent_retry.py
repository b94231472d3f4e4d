#!/usr/bin/env python3
"""Retrying a submit safely: the same Idempotency-Key returns the job already made (the first answer may have been
lost on the way), and the same key with a different request is refused with 409.

    python3 idempotent_retry.py
"""
import sys
import uuid

from audiomusic import ApiError, Client


def main() -> int:
    client = Client()
    key = str(uuid.uuid4())
    body = {"prompt": "a retried request", "duration": 10, "seed": 7}
    first = client.submit("prompt2instrumental", body, idempotency_key=key)
    again = client.submit("prompt2instrumental", body, idempotency_key=key)
    print(f"first {first['id']} again {again['id']}")
    if first["id"] != again["id"]:
        print("the retry made a second job", file=sys.stderr)
        return 1
    try:
        client.submit("prompt2instrumental", {**body, "seed": 8}, idempotency_key=key)
        print("a different request with the same key was accepted", file=sys.stderr)
        return 1
    except ApiError as error:
        print(f"a different request with the same key: {error.status} {error.problem.get('type')}")
        return 0 if error.status == 409 else 1


if __name__ == "__main__":
    sys.exit(main())
