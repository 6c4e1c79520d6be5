"""Plain-text renderings of results for the terminal; no cleaning logic here."""
from __future__ import annotations

from pathlib import Path

from .run_folder import EDIT_LOG, RunSummary, find_run_parts
from .editlog import read_log
from .errors import RuleFileError


def summary_table(summary: RunSummary) -> str:
    rows = sorted(summary.rules.items(), key=lambda kv: (-kv[1].chars_removed, kv[0]))
    width = max([len("rule")] + [len(rule) for rule, _ in rows])
    lines = [f"{'rule':<{width}}  {'docs':>5}  {'edits':>6}  {'chars removed':>13}"]
    for rule, stats in rows:
        lines.append(f"{rule:<{width}}  {stats.documents:>5}  {stats.edits:>6}  {stats.chars_removed:>13,}")
    share = 1 - summary.chars_out / summary.chars_in if summary.chars_in else 0.0
    encodings = ", ".join(f"{name} {count}" for name, count in sorted(summary.encodings.items()))
    lines.append(
        f"{summary.documents} cleaned, {len(summary.skipped)} skipped; "
        f"{summary.chars_in:,} -> {summary.chars_out:,} characters ({share:.1%} removed)"
        + (f"; encodings: {encodings}" if encodings else "")
    )
    flags = ([f"{_count(summary.large_removals, 'document')} where one rule removed most of the text"] if summary.large_removals else [])
    flags += [f"{_count(summary.emptied, 'document')} cleaned to nothing"] if summary.emptied else []
    if flags:
        lines.append(f"flagged: {', '.join(flags)} (summary.json and the report list them)")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def rule_check_report(checked: list[tuple[str, int, list[RuleFileError]]]) -> str:
    """One line per failing example, then a closing count: 'N passed, N failed'."""
    lines = []
    passed = failed = 0
    for _path, rules, errors in checked:
        lines.extend(f"FAIL {error}" for error in errors)
        failed += len(errors)
        passed += rules
    lines.append(f"rules: {passed} passed, {failed} failed")
    return "\n".join(lines)


def _excerpt(text: str, size: int) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= size else text[:size] + "…"


def dedup_summary(result, largest: int = 5, excerpt: int = 30) -> str:
    """Units, clusters, repeats, share of characters repeated, quotes, the largest clusters and
    the most quoted passages (a passage and its duplicates counted once)."""
    share = result.repeated_chars / result.unit_chars if result.unit_chars else 0.0
    unit = result.config.unit
    lines = [
        f"{_count(result.units, unit)} in {_count(len(result.docs), 'document')}; "
        f"{_count(len(result.clusters), 'cluster')}, {_count(result.repeated_units, 'repeated ' + unit)}, "
        f"{share:.1%} of characters repeated; {_count(len(result.quotes), 'quote')} ({unit}s standing inside a longer one)"
    ]
    ranked = sorted(result.clusters, key=lambda c: (-len(c.members), c.members[0].unit_id))[:largest]
    for cluster in ranked:
        docs = len({m.doc for m in cluster.members})
        lines.append(f"  {cluster.id}: {len(cluster.members)} × in {_count(docs, 'doc')}  {_excerpt(cluster.representative.text, excerpt)}")
    cluster_of = {m.unit_id: c.id for c in result.clusters for m in c.members}
    quoted: dict = {}
    for quote in result.quotes:
        quoted.setdefault(cluster_of.get(quote.passage.unit_id, quote.passage.unit_id), []).append(quote)
    for found in sorted(quoted.values(), key=lambda q: (-len({x.host.unit_id for x in q}), q[0].passage.unit_id))[:largest]:
        hosts = {q.host.unit_id for q in found}
        docs = len({q.host.doc for q in found})
        name = cluster_of.get(found[0].passage.unit_id)
        what = f"{name} " if name else ""
        lines.append(f"  quote: {what}inside {_count(len(hosts), 'longer ' + unit)} in {_count(docs, 'doc')}  "
                     f"{_excerpt(found[0].passage.text, excerpt)}")
    return "\n".join(lines)


def rule_hits(run_dir: Path) -> dict[str, int]:
    """Edits per rule in the edit log of a clean (or run) output folder."""
    clean_dir, _ = find_run_parts(run_dir)
    if clean_dir is None:
        return {}
    counts: dict[str, int] = {}
    for record in read_log(clean_dir / EDIT_LOG):
        if record["type"] == "edit":
            counts[record["rule"]] = counts.get(record["rule"], 0) + 1
    return counts


def rules_table(ruleset, hits: dict[str, int] | None, steps=()) -> str:
    """Rules, then the built-in `steps` (their phase in the scope column), with hits if known."""
    header = ["rule", "family", "scope", "action"] + (["hits"] if hits is not None else [])

    def hits_of(*rule_ids: str) -> list[str]:
        return [f"{sum(hits.get(rule_id, 0) for rule_id in rule_ids):,}"] if hits is not None else []

    rows = [[r.id, r.family, r.scope, r.action] + hits_of(r.id) for r in ruleset]
    rows += [[step.id, step.id.split(".", 1)[0], step.phase, "built-in"] + hits_of(*(step.produces or [step.id]))
             for step in steps]
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in [header] + rows]
    summary = f"{len(ruleset)} rules from {len(ruleset.sources)} files"
    return "\n".join(lines + [summary + (f", {len(steps)} built-in steps" if steps else "")])


def explain_rule(rule) -> str:
    lines = [f"{rule.id}  ({rule.path}:{rule.line})", f"  {rule.description}",
             f"  scope: {rule.scope}   action: {rule.action}" + ("   include_titles_above" if rule.include_titles_above else "")
             + (f"   support: {rule.support}" if rule.support is not None else ""),
             f"  pattern: {rule.pattern}"]
    if rule.replacement is not None:
        lines.append(f"  replacement: {rule.replacement}")
    lines += [f"  matches:         {example}" for example in rule.must_match]
    lines += [f"  leaves alone:    {example}" for example in rule.must_not_match]
    lines += [f"  fixes:           {given} -> {expected}" for given, expected in rule.fixes]
    return "\n".join(lines)
