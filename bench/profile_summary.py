"""Summarise a py-spy raw (collapsed stacks) profile as text: where the web workers' time went.

    .venv/bin/python bench/profile_summary.py RAW.txt > bench/profiles/NAME.txt

Prints the share of samples spent inside each function (inclusive, counted once per stack)
and at the top of the stack (self), the biggest first, with site-packages paths shortened.
"""

import re
import sys
from collections import Counter
from pathlib import Path

FRAME = re.compile(r"^(?P<func>.*?) \((?P<file>.*?)(?::\d+)?\)$")


def short(path: str) -> str:
    for marker in ("site-packages/", "/src/", "lib/python3."):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return path


def name(frame: str) -> str:
    if match := FRAME.match(frame):
        return f"{match['func']} ({short(match['file'])})"
    return frame


def summarise(raw: str, top: int = 45) -> str:
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = [name(f) for f in stack.split(";")[1:]]  # the first is the process/thread
        n = int(count)
        total += n
        for frame in set(frames):
            inclusive[frame] += n
        if frames:
            own[frames[-1]] += n
    out = [f"{total} samples (200 Hz, every worker process)", "", "Inclusive (in the stack):"]
    out += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in inclusive.most_common(top)]
    out += ["", "Self (top of the stack):"]
    out += [f"{100 * n / total:5.1f}%  {frame}" for frame, n in own.most_common(top // 2)]
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    print(summarise(Path(sys.argv[1]).read_text()), end="")
