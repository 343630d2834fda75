"""Article body extraction bench: newspaper3k alone, trafilatura alone, and our `parse_html`.

    python bench/article_extraction.py [--dir ../shared/eval/article-extraction] [--limit N]

Runs over `html/<key>.html.gz` with `ground-truth.json` ({key: {"url", "articleBody"}})
and prints, per extractor measured in the same run, F1, precision, recall and
milliseconds per page. The metric is the benchmark's own: tokens are `\\w+` runs,
4-gram shingles are counted for truth and prediction, each page gives its own
precision and recall, those are averaged over pages (a page only counts toward
precision when something was predicted and matched or not, and toward recall
when it has truth), and F1 is taken of the two averages.
"""

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from statistics import mean

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402
from newspaper import Article  # noqa: E402

from claims.intake import NoArticleFound, newspaper_config, parse_html  # noqa: E402

DEFAULT_DIR = ROOT.parent / "shared" / "eval" / "article-extraction"
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    tokens = _TOKEN.findall(text or "")
    # A text shorter than n still yields its one (short) shingle, as the benchmark does.
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def page_scores(truth: str, prediction: str) -> tuple[float, float, float]:
    """(TP, FP, FN) over shingles for one page, normalised to sum to 1."""
    true_counts, predicted_counts = shingles(truth), shingles(prediction)
    tp = fp = fn = 0
    for key in true_counts.keys() | predicted_counts.keys():
        t, p = true_counts.get(key, 0), predicted_counts.get(key, 0)
        tp += min(t, p)
        fp += max(0, p - t)
        fn += max(0, t - p)
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def summarise(scores: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    """(F1, precision, recall): per-page precision and recall averaged, F1 of the averages."""
    precision = mean(_precision(*s) for s in scores if s[0] + s[1] > 0)
    recall = mean(_recall(*s) for s in scores if s[0] + s[2] > 0)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, precision, recall


def newspaper_body(html: str, url: str) -> str:
    article = Article(url, config=newspaper_config(), fetch_images=False)
    article.download(input_html=html)
    article.parse()
    return article.text


def trafilatura_body(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url or None, include_comments=False) or ""


def our_body(html: str, url: str) -> str:
    try:
        return parse_html(html, url=url).text
    except NoArticleFound:
        return ""


EXTRACTORS: dict[str, Callable[[str, str], str]] = {
    "newspaper3k": newspaper_body,
    "trafilatura": trafilatura_body,
    "parse_html (ours)": our_body,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages (quick look)")
    args = parser.parse_args()

    truth = json.loads((args.dir / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit or None]
    pages = {key: gzip.decompress((args.dir / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8") for key in keys}

    print(f"{len(keys)} pages from {args.dir}")
    print(f"{'extractor':<20} {'F1':>6} {'P':>6} {'R':>6} {'ms/page':>8}")
    for name, extract in EXTRACTORS.items():
        scores = []
        started = time.perf_counter()
        for key in keys:
            prediction = extract(pages[key], truth[key].get("url", ""))
            scores.append(page_scores(truth[key].get("articleBody", ""), prediction))
        elapsed_ms = (time.perf_counter() - started) * 1000 / len(keys)
        f1, precision, recall = summarise(scores)
        print(f"{name:<20} {f1:6.3f} {precision:6.3f} {recall:6.3f} {elapsed_ms:8.0f}")


if __name__ == "__main__":
    main()
