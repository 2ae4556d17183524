// Shared display helpers: dates, numbers, outcome badges and labels in the current language.
//
// It names every code a person reads (outcomes, statuses, rules, actions, fields, activity types, stages, audit
// details) and writes money (`¥12.5万`).
import type { DecisionStatus, Outcome, RecordKind } from "./backend";
import { el } from "./dom";
import { locale, lookup, t } from "./i18n";

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

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A day as the locale writes it: `2026年6月2日` in Chinese, `2 Jun 2026` in English (from a date or the
 * date part of a timestamp, as stored); unparsable text is shown as it is. */
export function formatDay(value: string | null | undefined): string {
  if (!value) return "—";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return value;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12) return value;
  return locale() === "zh" ? `${y}年${mo}月${d}日` : `${d} ${MONTHS[mo - 1]} ${y}`;
}

export function formatNumber(n: number): string {
  return n.toLocaleString("en-US");
}

/** Yuan as people read them: `¥12.5万` in Chinese from 10,000 up, else `¥125,000`. */
export function formatMoney(yuan: number): string {
  if (locale() === "zh" && Math.abs(yuan) >= 10_000) {
    const wan = (yuan / 10_000).toFixed(2).replace(/\.?0+$/, "");
    return `¥${wan}万`;
  }
  const whole = Math.round(yuan);
  return `${whole < 0 ? "-" : ""}¥${Math.abs(whole).toLocaleString("en-US")}`;
}

/** An audit action ("check.propose") in words, or the action itself. */
export function actionLabel(action: string): string {
  return lookup(`action.${action}`) ?? action;
}

/** A record field ("customer_name") in words, or the field itself. */
export function fieldLabel(field: string): string {
  return lookup(`field.${field}`) ?? field;
}

/** A settings value in words: activity types and maturity fields named, lists joined. */
export function settingValue(value: unknown): string {
  const one = (v: unknown): string => {
    const text = String(v);
    return lookup(`activity.${text}`) ?? lookup(`maturity.${text}`) ?? text;
  };
  if (Array.isArray(value)) return value.length ? value.map(one).join(locale() === "zh" ? "、" : ", ") : "—";
  return value === null || value === undefined ? "—" : one(value);
}

const ACTIVITIES = ["visit", "demo", "quote", "call", "email", "meeting"];
const MATURITY = ["amount", "expected_close", "contact", "product"];

/** A settings list as the form shows it: activity types and maturity fields named, `、`-joined in Chinese. */
export function settingList(values: string[]): string {
  return values.length ? settingValue(values) : "";
}

/** The codes of a settings list typed in the form: a name in the current language or the code itself. */
export function settingCodes(text: string, kind: "activity" | "maturity"): string[] {
  const codes = kind === "activity" ? ACTIVITIES : MATURITY;
  return splitList(text).map((word) => codes.find((c) => c === word || lookup(`${kind}.${c}`) === word) ?? word);
}

/** A progress stage the backend reports ("checking") in words. */
export function stageLabel(stage: string): string {
  return lookup(`stage.${stage}`) ?? stage;
}

/** An audit entry's payload as lines of `label: value` (never raw JSON); evidence as `id name (score)`. */
export function detailsText(payload: unknown): string {
  if (payload === null || payload === undefined) return "";
  if (typeof payload !== "object" || Array.isArray(payload)) return String(payload);
  const colon = locale() === "zh" ? "：" : ": ";
  const value = (key: string, v: unknown): string => {
    if (key === "status" && typeof v === "string") return lookup(`status.${v}`) ?? v;
    if (Array.isArray(v)) {
      return v
        .map((item) => {
          if (item && typeof item === "object" && "record_id" in item) {
            const e = item as { record_id: string; name?: string; score?: number };
            return `${e.record_id} ${e.name ?? ""}${typeof e.score === "number" ? ` (${e.score.toFixed(2)})` : ""}`;
          }
          return typeof item === "object" ? settingValue(Object.values(item ?? {})) : settingValue(item);
        })
        .join(locale() === "zh" ? "；" : "; ");
    }
    if (v && typeof v === "object") {
      return Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== null && x !== undefined)
        .map(([k, x]) => `${lookup(`detail.${k}`) ?? k}${colon}${settingValue(x)}`)
        .join(locale() === "zh" ? "，" : ", ");
    }
    return settingValue(v);
  };
  return Object.entries(payload as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${lookup(`detail.${k}`) ?? k}${colon}${value(k, v)}`)
    .join("\n");
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

/** "1-head-account" → "区域直营头部客户，归直销" (the rule id alone when unknown). */
export function ruleLabel(rule: string): string {
  return lookup(`rule.${rule}`) ?? rule;
}

/** A matching reason's feature in words ("core_name" → "名称主干"), or the feature itself. */
export function featureLabel(feature: string): string {
  return lookup(`feature.${feature}`) ?? feature;
}

/** "gold" → "金牌伙伴", or the tier itself. */
export function tierLabel(tier: string): string {
  return lookup(`tier.${tier}`) ?? tier;
}
