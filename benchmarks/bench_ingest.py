"""How long `medkg ingest` takes on real text: a 5,000-word article and a 1 MB one.

The articles are made of the committed texts of the development set (public-domain and CC
pages, benchmarks/ingest-dev/*.txt), joined in name order until the size is reached, so
the text is real health writing and not one page repeated. Each size is ingested into a
temporary copy of the project (default options: the shipped vocabularies), in a fresh
process as a user would run it, and timed end to end (start-up and loading included).

    .venv/bin/python benchmarks/bench_ingest.py            # writes benchmarks/results/ingest.json
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "benchmarks" / "ingest-dev"
TARGETS = {"5000-words": 5.0, "1-MB": 30.0}  # seconds, from the issues


def article(min_words: int = 0, min_bytes: int = 0) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV.glob("*.txt"))]
    parts, words, size, i = [], 0, 0, 0
    while words < min_words or size < min_bytes:
        text = texts[i % len(texts)]
        parts.append(f"Part {i + 1}\n\n{text}")
        words += len(text.split())
        size += len(text.encode("utf-8"))
        i += 1
    return "\n\n".join(parts)


def timed_ingest(text: str, name: str) -> dict:
    with tempfile.TemporaryDirectory(prefix="medkg-bench-ingest-") as tmp:
        root = Path(tmp)
        shutil.copytree(ROOT / "ontology", root / "ontology")
        shutil.copytree(ROOT / "graph", root / "graph", ignore=shutil.ignore_patterns("drafts"))
        path = root / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "medkg", "ingest", str(path), "--title", name, "--root", str(root)],
                              capture_output=True, text=True)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"ingest failed: {done.stderr.strip()}")
        claims = int(done.stdout.splitlines()[1].split()[0])
    return {"words": len(text.split()), "bytes": len(text.encode("utf-8")), "seconds": round(seconds, 2),
            "claims": claims, "target_s": TARGETS[name], "meets_target": seconds < TARGETS[name]}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--output", default=str(ROOT / "benchmarks" / "results" / "ingest.json"))
    args = p.parse_args()
    results = {"5000-words": timed_ingest(article(min_words=5000), "5000-words"),
               "1-MB": timed_ingest(article(min_bytes=1 << 20), "1-MB")}
    Path(args.output).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
