// The table of current decisions: registration, outcome badge, rule, summary and the strongest match.
import type { Decision, Outcome } from "../../backend";
import { el } from "../../dom";

/** Outcome labels, Chinese first; the badge's colour comes from the `outcome-<name>` class. */
export const OUTCOME_LABELS: Record<Outcome, string> = {
  approved: "通过 / Approved",
  co_sell: "联合销售 / Co-sell",
  direct_retained: "直销保留 / Direct retained",
  duplicate: "重复报备 / Duplicate",
  needs_info: "待补充 / Needs info",
  review: "人工复核 / Review",
};

const COLUMNS = ["报备编号 / Registration", "结果 / Outcome", "规则 / Rule", "说明 / Summary", "最佳匹配 / Top match"];

function badge(outcome: Outcome): HTMLElement {
  const span = el("span", `badge outcome-${outcome}`, OUTCOME_LABELS[outcome] ?? outcome);
  span.dataset.outcome = outcome;
  return span;
}

function topMatch(d: Decision): HTMLElement {
  const m = d.matches[0];
  if (!m) return el("td", "top-match none", "—");
  return el("td", "top-match", m.name, " ", el("span", "score", m.score.toFixed(2)));
}

function row(d: Decision): HTMLTableRowElement {
  const tr = el(
    "tr",
    undefined,
    el("td", "registration", d.registration_id),
    el("td", undefined, badge(d.outcome)),
    el("td", "rule", d.rule),
    el("td", "summary", d.summary),
    topMatch(d),
  );
  tr.dataset.registration = d.registration_id;
  return tr;
}

/** The decisions section: a table, or a note when there are none. */
export function renderDecisions(list: Decision[]): HTMLElement {
  const title = el("h2", undefined, `当前决定 / Current decisions (${list.length})`);
  if (list.length === 0) {
    return el("section", "decisions", title, el("p", "empty", "暂无决定 / No decisions yet"));
  }
  const head = el("thead", undefined, el("tr", undefined, ...COLUMNS.map((c) => el("th", undefined, c))));
  return el("section", "decisions", title, el("table", undefined, head, el("tbody", undefined, ...list.map(row))));
}
