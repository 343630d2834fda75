"""Source gathering: ask the providers about a claim, archive the best pages, keep the evidence.

`start_gathering` writes one GatherRun per check-worthy claim (one ProviderRun
per provider) and, after commit, sends the article task, which fans out one
task per claim. `gather_for_claim` is that task's body:

1. claim the run with a conditional UPDATE (queued -> running), so a second
   delivery of the same message cannot run it twice at once;
2. ask every provider not yet done, in parallel threads, each recorded on its
   row as done (with a count) or failed (with the reason, transient or not);
3. fetch and archive the best candidates through the safe fetcher as Source
   rows (final URL, status, time, text, sha256, Wayback link), unique on a
   normalised URL;
4. keep the best passages of each source as Evidence, unique per claim and
   source, with the figures check, the title check and a suggested stance.

A redelivered task finds its sources and evidence already there and adds no
duplicate. Transient failures put the run back in the queue and raise
`TransientGatherError` so the task retries with backoff; a stale "running" row
is found by `retry_stale_runs` and requeued.
"""

from __future__ import annotations

import hashlib
import logging
import re
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import timedelta
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from . import evidence as ev
from . import fetch, sources, webhooks
from .intake import NoArticleFound, parse_html
from .models import Article, Claim, Evidence, GatherRun, ProviderRun, RunStatus, Source
from .sources import ratelimit
from .sources.base import Candidate, ClaimQuery, ProviderError, TransientProviderError
from .stance import suggest as suggest_stance
from .text.tokens import fold

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3
PASSAGES_PER_SOURCE = 3


class GatheringError(Exception):
    """Gathering cannot start; str(error) is shown to the editor."""


class TransientGatherError(Exception):
    """Some providers failed in a way worth retrying; the run is queued again."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


# --- starting ---------------------------------------------------------------------------


def start_gathering(*, article: Article, by=None, providers: list[str] | None = None,
                    claim_ids: list[int] | None = None) -> list[GatherRun]:
    """Queue gathering for the article's check-worthy claims (or `claim_ids`).

    Claims that already have a queued or running run are left alone. The
    article task is sent after commit. Raises GatheringError for unknown
    providers or an article with no claims to gather for.
    """
    from . import tasks

    providers = list(dict.fromkeys(providers or settings.SOURCES_ENABLED))
    unknown = [name for name in providers if name not in sources.PROVIDERS]
    if unknown:
        raise GatheringError(gettext("Unknown source providers: %(names)s.") % {"names": ", ".join(unknown)})
    if not providers:
        raise GatheringError(gettext("No source provider is enabled."))
    claims = article.claims.all()
    claims = claims.filter(pk__in=claim_ids) if claim_ids else claims.filter(checkworthy=True)
    claims = list(claims)
    if not claims:
        raise GatheringError(gettext("This article has no check-worthy claims to gather sources for."))
    article_outlet = _cited_outlet(article)
    runs = []
    with transaction.atomic():
        busy = set(GatherRun.objects.filter(claim__in=claims, status__in=[RunStatus.QUEUED, RunStatus.RUNNING])
                   .values_list("claim_id", flat=True))
        for claim in claims:
            if claim.pk in busy:
                continue
            run = GatherRun(article=article, claim=claim, providers=providers, requested_by=by,
                            cited_outlet=claim_outlet(article, claim) or article_outlet)
            run.full_clean()
            run.save()
            ProviderRun.objects.bulk_create([ProviderRun(run=run, provider=name) for name in providers])
            runs.append(run)
        if runs:
            tasks.gather_for_article.delay_on_commit(article.pk)
    return runs


def _cited_outlet(article: Article) -> str:
    from .text.pipeline import extract

    found = extract(article.body, article.language or None).cited_sources if article.body else []
    return (found[0] if found else "")[:200]


def claim_outlet(article: Article, claim: Claim) -> str:
    """The outlet the claim's own sentence cites ("according to Reuters"), or "".

    Each claim is looked up at its own cited outlet; a claim whose sentence cites
    none falls back to the first outlet the article cites (the caller's choice).
    """
    from .text.quotes import find_cited_sources

    body = article.body or ""
    if 0 <= claim.start < claim.end <= len(body):
        found = find_cited_sources(body, claim.start, claim.end)
    else:
        found = find_cited_sources(claim.text, 0, len(claim.text))
    return (found[0] if found else "")[:200]


def queued_run_ids(*, article_id: int) -> list[int]:
    """The article's runs waiting for a worker (what the article task fans out)."""
    return list(GatherRun.objects.filter(article_id=article_id, status=RunStatus.QUEUED).values_list("pk", flat=True))


# --- one claim ---------------------------------------------------------------------------


def _claim_run(run_id: int, task_id: str | None) -> bool:
    """Take the run: queued -> running, or resume our own redelivered message."""
    now = timezone.now()
    mine = Q(status=RunStatus.QUEUED)
    if task_id:
        mine |= Q(status=RunStatus.RUNNING, task_id=task_id)
    return bool(GatherRun.objects.filter(mine, pk=run_id).update(
        status=RunStatus.RUNNING, started_at=now, heartbeat_at=now, attempts=F("attempts") + 1,
        task_id=task_id or "", reason="",
    ))


def claim_query(claim: Claim, run: GatherRun) -> ClaimQuery:
    """What the providers are asked about `claim`."""
    article = claim.article
    names = [e.get("text", "") for e in claim.entities if isinstance(e, dict)] if claim.entities else []
    return ClaimQuery(
        text=claim.text, language=article.language or "und", entities=[n for n in names if n],
        outlet=run.cited_outlet, published=article.published_at.date() if article.published_at else None,
        claim_id=claim.pk, article_id=article.pk,
    )


def _search(name: str, query: ClaimQuery) -> list[Candidate]:
    """Run one provider; any exception other than a ProviderError is a bug, reported as one."""
    try:
        found = sources.PROVIDERS[name].search(query)
    except ProviderError:
        raise
    except Exception as exc:  # a bug in one provider must not lose the others' results
        logger.exception("provider %s crashed", name)
        raise ProviderError(f"Internal error in the {name} provider ({type(exc).__name__}).") from exc
    for candidate in found:
        candidate.provider = candidate.provider or name
    return found


def _record(provider_run: ProviderRun, result: list[Candidate] | ProviderError) -> None:
    now = timezone.now()
    if isinstance(result, ProviderError):
        ProviderRun.objects.filter(pk=provider_run.pk).update(
            status=RunStatus.FAILED, reason=str(result)[:2000], finished_at=now,
            transient=isinstance(result, TransientProviderError))
    else:
        ProviderRun.objects.filter(pk=provider_run.pk).update(
            status=RunStatus.DONE, candidates=len(result), finished_at=now, found=[c.as_dict() for c in result])


def _ask_all(pending: list[ProviderRun], query: ClaimQuery) -> tuple[list[Candidate], list[ProviderError]]:
    """Ask the providers at once: web APIs in threads (they only wait on the network),
    the ones that read the database (archive, feeds) in this thread, where the
    connection and transaction are. Rows are written here, as each one finishes."""
    ProviderRun.objects.filter(pk__in=[p.pk for p in pending]).update(
        status=RunStatus.RUNNING, started_at=timezone.now(), reason="", transient=False)
    candidates: list[Candidate] = []
    failures: list[ProviderError] = []

    def take(provider_run, outcome):
        _record(provider_run, outcome)
        if isinstance(outcome, ProviderError):
            failures.append(outcome)
        else:
            candidates.extend(outcome)

    remote = [p for p in pending if not getattr(sources.PROVIDERS[p.provider], "USES_DATABASE", False)]
    local = [p for p in pending if p not in remote]
    with ThreadPoolExecutor(max_workers=max(1, len(remote)), thread_name_prefix="provider") as pool:
        futures = {pool.submit(_search, p.provider, query): p for p in remote}
        for provider_run in local:
            try:
                take(provider_run, _search(provider_run.provider, query))
            except ProviderError as exc:
                take(provider_run, exc)
        for future in as_completed(futures):
            try:
                take(futures[future], future.result())
            except ProviderError as exc:
                take(futures[future], exc)
    return candidates, failures


def gather_for_claim(*, run_id: int, task_id: str | None = None, allow_retry: bool = True) -> GatherRun | None:
    """Ask the providers, archive the best candidates and save the evidence for one run.

    Returns the run, or None when another delivery owns it (nothing done). With
    `allow_retry`, transient provider failures requeue the run and raise
    TransientGatherError after everything else was saved.
    """
    if not _claim_run(run_id, task_id):
        return None
    run = GatherRun.objects.select_related("claim__article").get(pk=run_id)
    claim = run.claim
    query = claim_query(claim, run)
    # Providers that answered in an earlier attempt are not asked again: their
    # candidates were kept on their rows (archiving them again is harmless).
    earlier = [Candidate.from_dict(c) for p in run.provider_runs.filter(status=RunStatus.DONE) for c in p.found]
    pending = list(run.provider_runs.exclude(status=RunStatus.DONE))
    candidates, failures = _ask_all(pending, query)
    candidates = earlier + candidates
    # Pages are fetched and passages scored outside any transaction; only the
    # writes share one short one, so no other worker waits on our network.
    prepared = _prepare_evidence(claim, query, candidates)
    with transaction.atomic():
        added = _save_evidence(claim, prepared)
        GatherRun.objects.filter(pk=run_id).update(evidence_added=F("evidence_added") + added,
                                                   heartbeat_at=timezone.now())
    transient = [f for f in failures if isinstance(f, TransientProviderError)]
    run.refresh_from_db()
    if transient and allow_retry and run.attempts < MAX_ATTEMPTS:
        GatherRun.objects.filter(pk=run_id).update(status=RunStatus.QUEUED, reason=str(transient[0])[:2000])
        raise TransientGatherError(str(transient[0]), retry_after=max(
            (f.retry_after or 0 for f in transient), default=0) or None)
    done = run.provider_runs.filter(status=RunStatus.DONE).count()
    status = RunStatus.DONE if done else RunStatus.FAILED
    # Each provider's own reason is on its row; the run says only that all failed.
    reason = "" if done else "Every provider failed."
    GatherRun.objects.filter(pk=run_id).update(status=status, reason=reason[:2000], finished_at=timezone.now())
    webhooks.emit_gathering_finished(article_id=run.article_id)
    run.refresh_from_db()
    return run


def fail_run(*, run_id: int, reason: str) -> None:
    """Mark a run (and its unfinished providers) failed, e.g. after its time limit."""
    now = timezone.now()
    ProviderRun.objects.filter(run_id=run_id, status__in=[RunStatus.QUEUED, RunStatus.RUNNING]).update(
        status=RunStatus.FAILED, reason=reason, finished_at=now)
    GatherRun.objects.filter(pk=run_id).exclude(status=RunStatus.DONE).update(
        status=RunStatus.FAILED, reason=reason, finished_at=now)
    for article_id in GatherRun.objects.filter(pk=run_id).values_list("article_id", flat=True):
        webhooks.emit_gathering_finished(article_id=article_id)


def retry_stale_runs(*, older_than: timedelta) -> list[int]:
    """Requeue runs whose worker vanished (running, no heartbeat since `older_than`) or
    whose message was lost (queued that long); fail them after MAX_ATTEMPTS. Returns requeued ids."""
    from . import tasks

    cutoff = timezone.now() - older_than
    stale = GatherRun.objects.filter(
        Q(status=RunStatus.RUNNING, heartbeat_at__lt=cutoff) | Q(status=RunStatus.QUEUED, created_at__lt=cutoff,
                                                                 heartbeat_at__isnull=True)
        | Q(status=RunStatus.QUEUED, heartbeat_at__lt=cutoff))
    requeued = []
    for run in stale:
        if run.attempts >= MAX_ATTEMPTS:
            fail_run(run_id=run.pk, reason=f"Gathering stalled {run.attempts} times; giving up.")
            continue
        changed = GatherRun.objects.filter(pk=run.pk, status=run.status, heartbeat_at=run.heartbeat_at).update(
            status=RunStatus.QUEUED, task_id="", heartbeat_at=timezone.now(),
            reason="The worker stopped answering; gathering was restarted.")
        if changed:
            ProviderRun.objects.filter(run=run, status=RunStatus.RUNNING).update(status=RunStatus.QUEUED)
            requeued.append(run.pk)
    for run_id in requeued:
        transaction.on_commit(lambda run_id=run_id: tasks.gather_for_claim.delay(run_id))
    return requeued


# --- archiving and evidence ------------------------------------------------------------------

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|mc_|ref$|ocid$)")


def normalize_url(url: str) -> str:
    """The key a source is stored under: lower-case scheme and host, no default port,
    fragment or tracking parameters, sorted query, no trailing slash."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if parts.port and not (parts.scheme == "http" and parts.port == 80 or parts.scheme == "https" and parts.port == 443):
        host = f"{host}:{parts.port}"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING.match(k.lower())))
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def _pick(candidates: list[Candidate]) -> list[Candidate]:
    """Best candidates first: earlier fact-checks, then each provider's top results in turn."""
    seen, unique = set(), []
    for candidate in candidates:
        if not candidate.url.startswith(("http://", "https://")):
            continue
        key = normalize_url(candidate.url)
        if key not in seen:
            seen.add(key)
            unique.append(candidate)
    unique.sort(key=lambda c: (c.extra.get("kind") != "factcheck", c.rank))
    return unique[: settings.GATHER_ARCHIVE_PER_CLAIM + sum(1 for c in unique if c.text)]


def wayback_link(url: str) -> str:
    """The closest Wayback Machine snapshot of `url`, or "" (never raises)."""
    base = getattr(settings, "WAYBACK_AVAILABLE_URL", "")
    if not base:
        return ""
    try:
        data = sources.base.get_json(f"{base}?{urlencode({'url': url})}")
    except ProviderError as exc:
        logger.info("wayback lookup failed for %s: %s", url, exc)
        return ""
    closest = ((data or {}).get("archived_snapshots") or {}).get("closest") or {} if isinstance(data, dict) else {}
    return closest.get("url", "") if closest.get("available") else ""


def archive_candidate(candidate: Candidate) -> Source | None:
    """The Source for a candidate: reused when its normalised URL is known, else fetched
    (or taken from the provider's text), extracted and saved. None when it cannot be fetched."""
    key = normalize_url(candidate.url)
    existing = Source.objects.filter(normalized_url=key).first()
    if existing:
        return existing
    if not candidate.text:
        host = urlsplit(candidate.url).hostname or ""
        try:
            ratelimit.wait_turn(f"host:{host}", interval=settings.GATHER_DOMAIN_INTERVAL_SECONDS, max_wait=5)
            return archive_url(candidate.url, provider=candidate.provider, title=candidate.title,
                               deadline=settings.SOURCES_DEADLINE_SECONDS)
        except (fetch.FetchError, ProviderError, NoArticleFound) as exc:
            logger.info("candidate %s not archived: %s", candidate.url, exc)
            return None
    return _save_source(key, {
        "url": candidate.url[:2000], "title": candidate.title[:500], "provider": candidate.provider[:40],
        "fetched_at": timezone.now(), "text": candidate.text, "language": candidate.language[:8],
        "final_url": candidate.url[:2000], "sha256": hashlib.sha256(candidate.text.encode("utf-8")).hexdigest(),
    })


def archive_url(url: str, *, provider: str, title: str = "", deadline: float | None = None,
                keep_without_article: bool = False) -> Source:
    """Fetch `url` through the safe fetcher and archive it as a Source (reused
    when its normalised URL is already archived).

    Raises fetch.FetchError, or NoArticleFound unless `keep_without_article`,
    in which case a page with no article body is archived with its page text.
    """
    key = normalize_url(url)
    existing = Source.objects.filter(normalized_url=key).first()
    if existing:
        return existing
    page = fetch.safe_get(url, max_bytes=settings.FETCH_MAX_BYTES, deadline=deadline)
    try:
        parsed = parse_html(page.text, url=page.final_url)
        title, text, language = parsed.title or title, parsed.text, parsed.language
    except NoArticleFound:
        if not keep_without_article:
            raise
        text, language = page.text, ""
    return _save_source(key, {
        "url": url[:2000], "title": title[:500], "provider": provider[:40], "text": text,
        "language": language[:8], "final_url": page.final_url[:2000], "http_status": page.status,
        "content_type": page.content_type[:200], "sha256": page.sha256, "fetched_at": page.fetched_at,
        "wayback_url": wayback_link(page.final_url)[:2000],
    })


def _save_source(key: str, fields: dict) -> Source:
    try:
        with transaction.atomic():
            return Source.objects.create(normalized_url=key[:2000], **fields)
    except IntegrityError:
        # Another worker archived the same page meanwhile: use theirs.
        return Source.objects.get(normalized_url=key[:2000])


_TITLE_WORDS = frozenset(fold(w) for w in (
    "president", "minister", "prime", "king", "queen", "chancellor", "governor", "secretary", "senator", "mayor",
    "رئيس", "الرئيس", "وزير", "الوزير", "ملك", "الملك", "امير", "الامير", "المستشار", "حاكم", "نائب", "امين",
))


def title_mentions(claim_text: str, name: str) -> str | None:
    """The title given to `name` in the claim ("former US president", "الرئيس الأمريكي السابق"), if any."""
    folded, folded_name = fold(claim_text), fold(name)
    at = folded.find(folded_name)
    if at < 0:
        return None
    before = folded[:at].split()[-5:]
    after = folded[at + len(folded_name):].split()[:1]
    for i, word in enumerate(before):
        if word.strip(",") in _TITLE_WORDS or word in ("former", "ex"):
            return " ".join(before[i:] + [w for w in after if w in ("السابق", "السابقه", "الاسبق")])
    return None


def _checks(claim: Claim, query: ClaimQuery, candidate: Candidate, passages: list[str]) -> list[dict]:
    checks = [check.as_dict() for check in ev.check_figures(claim.text, passages)]
    positions = candidate.extra.get("positions") if candidate.extra.get("kind") == "entity" else None
    if positions:
        title = title_mentions(claim.text, candidate.extra.get("name", ""))
        if title:
            on = query.published or timezone.now().date()
            result = ev.check_title(title, [_position(p) for p in positions], on)
            checks.append({"kind": "title", "figure": title, "status": result.status, "found": [result.reason]})
    return checks


def _position(data: dict) -> ev.Position:
    from datetime import date

    def day(value):
        return date.fromisoformat(value) if value else None

    return ev.Position(id=data["id"], labels=data.get("labels", []), start=day(data.get("start")),
                       end=day(data.get("end")))


_FALSE_RATINGS = ("false", "fake", "pants on fire", "misleading", "incorrect", "خطا", "زائف", "كاذب", "مضلل", "مفبرك")
_TRUE_RATINGS = ("true", "correct", "accurate", "صحيح", "دقيق")


def _verdict_stance(candidate: Candidate) -> str:
    """An earlier fact-check's rating read as a stance: "False" refutes, "True" supports."""
    if candidate.extra.get("kind") != "factcheck":
        return ""
    rating = fold(candidate.extra.get("rating", ""))
    if any(word in rating for word in _FALSE_RATINGS):
        return "refutes"
    if any(word in rating for word in _TRUE_RATINGS):
        return "supports"
    return "context"


def _prepare_evidence(claim: Claim, query: ClaimQuery, candidates: list[Candidate]) -> list[tuple[Source, dict]]:
    """Archive the best candidates and work out each one's evidence fields (no transaction held)."""
    prepared = []
    known = set(Evidence.objects.filter(claim=claim).values_list("source_id", flat=True))
    for candidate in _pick(candidates):
        source = archive_candidate(candidate)
        if source is None or source.pk in known:
            continue  # a redelivered task: kept already, and the stance model is not cheap
        known.add(source.pk)
        text = source.text or candidate.snippet
        best = ev.best_passages(claim.text, text, entities=query.entities, top=PASSAGES_PER_SOURCE) if text else []
        passages = [p.text for p in best]
        # An earlier fact-check's rating is its stance; the model is asked only otherwise.
        stance = _verdict_stance(candidate) or (suggest_stance(claim.text, passages[0]).stance if passages else "")
        prepared.append((source, {
            "passage": passages[0] if passages else candidate.snippet,
            "score": round(best[0].score, 4) if best else 0.0,
            "suggested_stance": stance,
            "figures": _checks(claim, query, candidate, passages),
            "provider": (candidate.provider or source.provider)[:40],
            "matched_terms": _matched_words(best[0].text, best[0].matched_terms) if best else [],
        }))
    return prepared


def _matched_words(passage: str, terms: list[str]) -> list[str]:
    """The passage's own words behind the matched tokens (readable, not stems), first seen first."""
    words = [passage[start:end] for start, end in ev.highlight_spans(passage, terms)]
    return list(dict.fromkeys(words))[:20]


def _save_evidence(claim: Claim, prepared: list[tuple[Source, dict]]) -> int:
    """One Evidence per (claim, source); returns how many were new."""
    added = 0
    for source, defaults in prepared:
        _, created = Evidence.objects.get_or_create(claim=claim, source=source, defaults=defaults)
        added += created
    return added
