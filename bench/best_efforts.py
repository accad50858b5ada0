"""Best-effort search benchmark: a 3-hour stream sampled every second, built from the speed
profile of a real run (tests/data/activity-samples/fit/run-stryd-6.8km-power-devfields.fit,
1-second samples, its second-by-second distances repeated until 3 hours), searched for all
seven distances. Prints one JSON line: milliseconds per run (median, best, worst of --repeat),
and the same for the packed stream's unpack plus search, as the import and
`manage.py recompute_records` run it.

    .venv/bin/python bench/best_efforts.py [--repeat 30]
"""

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tracker import best_efforts, streams  # noqa: E402
from tracker.transfer.parsers import parse_activity_file  # noqa: E402

SAMPLE = REPO / "tests/data/activity-samples/fit/run-stryd-6.8km-power-devfields.fit"
SECONDS = 3 * 3600


def three_hour_stream() -> streams.Stream:
    activity = parse_activity_file(SAMPLE.name, SAMPLE.read_bytes()).activities[0]
    t, d = best_efforts.cumulative(activity.stream.t, activity.stream.distance)
    # The distance covered in each whole second of the real run (interpolated between samples).
    per_second = []
    k = 0
    for second in range(1, int(t[-1]) + 1):
        while t[k + 1] < second:
            k += 1
        share = (second - t[k]) / (t[k + 1] - t[k]) if t[k + 1] > t[k] else 1.0
        per_second.append(d[k] + share * (d[k + 1] - d[k]))
    steps = [b - a for a, b in zip([d[0], *per_second], per_second, strict=False)]
    times = [float(i) for i in range(SECONDS + 1)]
    distance = [0.0]
    for i in range(SECONDS):
        distance.append(distance[-1] + steps[i % len(steps)])
    return streams.Stream(t=times, distance=distance)


def timed(function, repeat: int) -> dict:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return {
        "median_ms": round(statistics.median(samples), 2),
        "best_ms": round(min(samples), 2),
        "worst_ms": round(max(samples), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    stream = three_hour_stream()
    packed = streams.pack(stream)
    found = best_efforts.best_efforts(stream.t, stream.distance)
    result = {
        "bench": "best_efforts",
        "samples": len(stream),
        "distance_km": round(stream.distance[-1] / 1000, 2),
        "efforts": {e.label: round(e.elapsed_s, 1) for e in found},
        "search": timed(lambda: best_efforts.best_efforts(stream.t, stream.distance), args.repeat),
        "unpack_and_search": timed(
            lambda: (s := streams.unpack(packed)) and best_efforts.best_efforts(s.t, s.distance),
            args.repeat,
        ),
        "budget_ms": 50,
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
