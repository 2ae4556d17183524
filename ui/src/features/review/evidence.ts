// Evidence cards: one per matched head account, direct follow-up or other partner's registration, with reasons
// and "same company" / "different company" buttons that later checks remember.
import type { MatchEvidence, PairLabel, PairVerdict, Reason } from "../../backend";
import { button, el, tid } from "../../dom";
import { featureLabel, kindLabel, settingValue } from "../../format";
import { t, type Key } from "../../i18n";

const CONTEXT_LABELS: Record<string, Key> = {
  owner: "review.owner",
  stage: "review.stage",
  partner: "review.partner",
  region: "review.region",
  submitted_at: "review.submitted",
};

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
    lines.push(el("div", "ctx", el("span", "caption", label ? t(label) : key), value));
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

/** All cards, or a note that nothing matched. */
export function evidenceSection(matches: MatchEvidence[], pairs?: PairActions): HTMLElement {
  return el(
    "section",
    "card evidence-list",
    el("h3", undefined, t("review.evidence")),
    ...(matches.length ? matches.map((m) => evidenceCard(m, pairs)) : [el("p", "empty", t("review.noEvidence"))]),
  );
}
