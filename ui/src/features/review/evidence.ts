// Evidence cards: one per matched head account, direct follow-up or other partner's registration, with reasons
// and "same company" / "different company" buttons that later checks remember.
import type { DecisionStatus, MatchEvidence, Outcome, PairLabel, PairVerdict, Reason } from "../../backend";
import { button, el, tid } from "../../dom";
import { featureLabel, kindLabel, outcomeLabel, settingValue, statusLabel } from "../../format";
import { t, type Key } from "../../i18n";

const CONTEXT_LABELS: Record<string, Key> = {
  owner: "review.owner",
  stage: "review.stage",
  partner: "review.partner",
  region: "review.region",
  submitted_at: "review.submitted",
  state: "side.stage",
};

/** Another registration's standing as the check wrote it (`approved (proposed)`, `pending`), in words. */
export function stateText(value: string): string {
  if (value === "pending") return t("review.notChecked");
  const m = /^([a-z_]+) \(([a-z_]+)\)$/.exec(value);
  return m ? `${outcomeLabel(m[1] as Outcome)} · ${statusLabel(m[2] as DecisionStatus)}` : value;
}

function reasonItem(r: Reason): HTMLElement {
  const mark = r.agreed === true ? "✓" : r.agreed === false ? "✗" : "·";
  const cls = r.agreed === true ? "agreed" : r.agreed === false ? "disagreed" : "neutral";
  const sign = r.contribution > 0 ? "+" : r.contribution < 0 ? "−" : "±";
  const li = el(
    "li",
    `reason ${cls}`,
    el("span", "mark", mark),
    el("span", "feature", featureLabel(r.feature)),
    el("span", "detail", r.detail),
    el("span", "contribution num", `${sign}${Math.abs(r.contribution).toFixed(2)}`),
  );
  li.dataset.agreed = String(r.agreed);
  return li;
}

function contextLines(context: Partial<Record<string, string>>): HTMLElement[] {
  const lines: HTMLElement[] = [];
  const date = context.activity_date;
  const type = context.activity_type ? settingValue(context.activity_type) : undefined;
  if (date || type) {
    lines.push(el("div", "ctx", el("span", "caption", t("review.lastActivity")), [date, type].filter(Boolean).join(" · ")));
  }
  for (const [key, value] of Object.entries(context)) {
    if (key === "activity_date" || key === "activity_type" || value === undefined) continue;
    const label = CONTEXT_LABELS[key];
    lines.push(el("div", "ctx", el("span", "caption", label ? t(label) : key), key === "state" ? stateText(value) : value));
  }
  return lines;
}

/** Says whether a card's record is the registration's customer (remembered for later checks). */
export interface PairActions {
  /** Remembers what the reviewer said of the card's record. */
  label: (m: MatchEvidence, verdict: PairVerdict) => void;
  /** What is remembered of the record (`source`, `record_id`) for this registration, if anything. */
  remembered: (m: MatchEvidence) => PairLabel | undefined;
}

/** "Same company" / "different company" buttons (`evidence-same`, `evidence-different`) and what is remembered. */
function pairActions(m: MatchEvidence, pairs: PairActions): HTMLElement {
  const said = pairs.remembered(m)?.verdict;
  const same = tid(button(t("pairs.same"), () => pairs.label(m, "same"), "btn small"), "evidence-same");
  const different = tid(button(t("pairs.different"), () => pairs.label(m, "different"), "btn small"), "evidence-different");
  same.disabled = said === "same";
  different.disabled = said === "different";
  const row = tid(el("div", "action-row pair-actions", same, different), "evidence-pair");
  if (said) row.append(el("span", "muted", t("pairs.rememberedAs", { verdict: t(`pairs.${said}`) })));
  row.dataset.remembered = said ?? "";
  return row;
}

/** The card for one match (`evidence-card`, `data-source`, `data-band`), with pair buttons when `pairs` is given. */
export function evidenceCard(m: MatchEvidence, pairs?: PairActions): HTMLElement {
  const ex = m.evidence;
  const card = tid(
    el(
      "article",
      `evidence band-${m.band}`,
      el(
        "header",
        undefined,
        el("span", `source-tag source-${m.source}`, kindLabel(m.source)),
        el("span", "mono record", m.record_id),
        el("strong", "name", m.name),
        el("span", `score band-${m.band}`, `${t("review.score")} ${m.score.toFixed(3)} · ${t(`band.${m.band}`)}`),
      ),
    ),
    "evidence-card",
  );
  card.dataset.source = m.source;
  card.dataset.band = m.band;
  if (ex) {
    card.append(
      el(
        "div",
        "names",
        el("div", undefined, el("span", "caption", t("review.ourName")), el("span", "norm", ex.query_normalized)),
        el("div", undefined, el("span", "caption", t("review.theirName")), el("span", "norm", ex.candidate_normalized)),
      ),
      el("div", "context", ...contextLines(ex.context ?? {})),
      el("ul", "reasons", ...ex.reasons.map(reasonItem)),
    );
  }
  if (pairs) card.append(pairActions(m, pairs));
  return card;
}

/** The source a rule rests on (`1-head-account…` on a head account, and so on); none for the others. */
export function ruleSource(rule: string | undefined): MatchEvidence["source"] | null {
  if (!rule) return null;
  if (rule.startsWith("1-")) return "head_account";
  if (rule.startsWith("2-")) return "registration";
  if (rule.startsWith("4-")) return "follow_up";
  return null;
}

/** A record by source and id: the one the server says the decision rests on (`ReviewView.counterpart`). */
export type RecordRef = Pick<MatchEvidence, "source" | "record_id">;

/**
 * The matches by strength, the one the decision's rule rests on first (`rests`, when the server named it
 * and it decides; else the strongest of the rule's source); returns them with the index of that one (-1: none).
 */
export function orderEvidence(matches: MatchEvidence[], rule?: string, rests?: RecordRef | null): { ordered: MatchEvidence[]; decides: number } {
  const ordered = [...matches].sort((a, b) => b.score - a.score);
  const source = ruleSource(rule);
  const named = rests ? ordered.findIndex((m) => m.source === rests.source && m.record_id === rests.record_id) : -1;
  const at = named >= 0 ? named : source ? ordered.findIndex((m) => m.source === source && m.band !== "none") : -1;
  if (at > 0) ordered.unshift(...ordered.splice(at, 1));
  return { ordered, decides: at >= 0 ? 0 : -1 };
}

/** All cards, strongest first with the deciding one on top (marked), or a note that nothing matched. */
export function evidenceSection(matches: MatchEvidence[], pairs?: PairActions, rule?: string, rests?: RecordRef | null): HTMLElement {
  const { ordered, decides } = orderEvidence(matches, rule, rests);
  const cards = ordered.map((m, i) => {
    const card = evidenceCard(m, pairs);
    if (i === decides) {
      card.dataset.decides = "true";
      card.classList.add("decides");
      card.querySelector("header")?.append(tid(el("span", "decides-tag", t("review.decides")), "evidence-decides"));
    } else if (m.band === "match" && decides >= 0) {
      // A strong match that did not decide: say so, so nobody reads it as the reason.
      card.append(tid(el("p", "muted not-deciding", t("review.notDeciding")), "evidence-not-deciding"));
    }
    return card;
  });
  return el(
    "section",
    "card evidence-list",
    el("h3", undefined, t("review.evidence")),
    ...(cards.length ? cards : [el("p", "empty", t("review.noEvidence"))]),
  );
}
