"""Shared set-up for the SDK scripts: the spec sets PAREA_BASE_URL (this app), PAREA_API_KEY, OPENAI_BASE_URL (the test
upstream) and RUN_ID (unique per run, so names never collide) before `import parea` reads them."""
import json
import os
import sys

RUN_ID = os.environ["RUN_ID"]
BASE_URL = os.environ["PAREA_BASE_URL"]
API_KEY = os.environ["PAREA_API_KEY"]


def emit(**result):
    """The spec reads the last line that starts with RESULT."""
    print("RESULT " + json.dumps(result, default=str), flush=True)


def tree_names(tree):
    return {"name": tree.trace_name, "depth": tree.depth, "children": [tree_names(c) for c in tree.children_logs]}


def fail(message):
    print(f"FAILED {message}", file=sys.stderr, flush=True)
    sys.exit(1)
