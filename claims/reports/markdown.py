"""The report as Markdown, for pasting into a CMS or a chat.

Text from articles and sources is escaped so it can never turn into links,
images or raw HTML in the reader's Markdown renderer.
"""

import re

from .report import Report

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~&])")


def escape_md(text) -> str:
    """Backslash-escape Markdown's punctuation, turn angle brackets into
    entities (no raw HTML), and fold newlines into spaces."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))
    return escaped.replace("<", "&lt;").replace(">", "&gt;")


def _when(value) -> str:
    return value.strftime("%Y-%m-%d %H:%M UTC") if value else "unknown"


def _link(title, url) -> str:
    if not url:
        return escape_md(title)
    # Angle-bracket link destinations cannot be broken out of with ")".
    return f"[{escape_md(title or url)}](<{url.replace('>', '%3E').replace(' ', '%20')}>)"


def render_markdown(report: Report) -> str:
    """The report as a Markdown document."""
    a = report.article
    out = [f"# Verification report: {escape_md(a.title or a.url or f'Article {a.id}')}", ""]
    meta = [("Outlet", a.outlet), ("Author", a.author), ("Published", _when(a.published_at) if a.published_at else ""),
            ("Language", a.language), ("Submitted by", a.submitted_by), ("Submitted", _when(a.submitted_at))]
    out += [f"- **{label}:** {escape_md(value)}" for label, value in meta if value]
    if a.url:
        out.append(f"- **Original:** {_link(a.url, a.url)}")
    out += ["", f"Prepared by {escape_md(report.newsroom)} on {_when(report.generated_at)}.", "", "## Summary", "",
            "| Verdict | Claims |", "| --- | ---: |"]
    out += [f"| {escape_md(label)} | {count} |" for label, count in report.summary]
    out += ["", "## Claims", ""]
    for n, c in enumerate(report.claims, 1):
        out += [f"### {n}. {escape_md(c.text)}", "",
                f"- **Span:** characters {c.start}–{c.end}", f"- **State:** {escape_md(c.state_label)}",
                f"- **Kind:** {escape_md(c.kind)}"]
        if c.speaker:
            out.append(f"- **Speaker:** {escape_md(c.speaker)}")
        if c.verdict:
            v = c.verdict
            out.append(f"- **Verdict:** {escape_md(v.rating_label)}")
            if v.claimant:
                out.append(f"- **Claimant:** {escape_md(v.claimant)}")
            if v.first_appeared_url:
                out.append(f"- **First appeared:** {_link(v.first_appeared_url, v.first_appeared_url)}"
                           + (f" on {_when(v.first_appeared_at)}" if v.first_appeared_at else ""))
            if v.rationale:
                out += ["", f"> {escape_md(v.rationale)}"]
        if c.evidence:
            out += ["", "**Evidence relied on:**", ""]
            for e in c.evidence:
                line = f"- {_link(e.title, e.url)} ({escape_md(e.stance_label or 'no stance')})"
                if e.archive_url:
                    line += f", archived: {_link('archive', e.archive_url)}"
                line += f", fetched {_when(e.fetched_at)}, sha256 `{e.sha256 or 'none'}`"
                out.append(line)
                if e.passage:
                    out.append(f"  > {escape_md(e.passage)}")
        if c.reviews:
            out += ["", "**Reviewed:** " + "; ".join(
                f"{escape_md(r.person or 'system')} {escape_md(r.role)} {_when(r.at)}" for r in c.reviews)]
        out.append("")
    out += ["## Audit timeline", ""]
    for t in report.timeline:
        move = f" ({escape_md(t.from_state)} → {escape_md(t.to_state)})" if t.from_state or t.to_state else ""
        claim = f" claim {t.claim_id}" if t.claim_id else ""
        reason = f": {escape_md(t.reason)}" if t.reason else ""
        out.append(f"- {_when(t.at)} {escape_md(t.actor or 'system')} {escape_md(t.action)}{claim}{move}{reason}")
    return "\n".join(out) + "\n"
