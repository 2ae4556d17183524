// Shared display helpers: dates, numbers, outcome badges and labels in the current language.
import type { DecisionStatus, Outcome, RecordKind } from "./backend";
import { el } from "./dom";
import { lookup, t } from "./i18n";

/** `2026-11-20T08:05:00Z` → local `2026-11-20 16:05`; bare dates and unparsable text are shown as they are. */
export function formatTime(value: string | null | undefined): string {
  if (!value) return "—";
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** The date part of an RFC 3339 / ISO timestamp. */
export function formatDate(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : "—";
}

export function formatNumber(n: number): string {
  return n.toLocaleString("en-US");
}

export function outcomeLabel(outcome: Outcome | null): string {
  return outcome ? t(`outcome.${outcome}`) : t("outcome.none");
}

export function statusLabel(status: DecisionStatus | null): string {
  return status ? t(`status.${status}`) : "";
}

export function kindLabel(kind: RecordKind): string {
  return t(`kind.${kind}`);
}

/** A coloured outcome badge (`outcome-<name>` class, `data-outcome`). */
export function outcomeBadge(outcome: Outcome | null): HTMLElement {
  const span = el("span", `badge outcome-${outcome ?? "none"}`, outcomeLabel(outcome));
  span.dataset.outcome = outcome ?? "";
  return span;
}

/** Outcome choices for a `<select>`. */
export function outcomeOptions(outcomes: Outcome[]): [string, string][] {
  return outcomes.map((o) => [o, outcomeLabel(o)]);
}

/** "a, b，c" → ["a", "b", "c"] (half- and full-width commas). */
export function splitList(text: string): string[] {
  return text.split(/[,，、]/).map((s) => s.trim()).filter(Boolean);
}

/** "1-head-account" → "1-head-account — 区域直营头部客户，归直销" (the code alone when unknown). */
export function ruleLabel(rule: string): string {
  const text = lookup(`rule.${rule}`);
  return text ? `${rule} — ${text}` : rule;
}

/** A matching reason's feature in words ("core_name" → "名称主干"), or the feature itself. */
export function featureLabel(feature: string): string {
  return lookup(`feature.${feature}`) ?? feature;
}

/** "gold" → "金牌伙伴", or the tier itself. */
export function tierLabel(tier: string): string {
  return lookup(`tier.${tier}`) ?? tier;
}
