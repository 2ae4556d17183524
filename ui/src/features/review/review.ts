// The review screen: a registration beside its evidence, the current decision, actions, history and disputes.
//
// Versions are numbered v1, v2… within the registration; with nothing matched there is no evidence column, one line
// instead. The side-by-side with the decision's counterpart, under the first-engaged line, is `side.ts`.
import * as backend from "../../backend";
import type { Decision, MatchEvidence, PairVerdict, Registration, ReviewView } from "../../backend";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { button, el, row, table, tid } from "../../dom";
import { formatDate, formatDay, formatMoney, formatTime, outcomeBadge, outcomeLabel, ruleLabel, statusLabel, tierLabel } from "../../format";
import { t, type Key } from "../../i18n";
import { actionsPanel } from "./actions";
import { evidenceSection } from "./evidence";
import { sideBySide } from "./side";

/** A decision's number within its registration ("v2"), from its place in the history; `#id` when not there. */
export function versionLabel(history: Decision[], id: number): string {
  const at = history.findIndex((d) => d.id === id);
  return at >= 0 ? `v${at + 1}` : `#${id}`;
}

function registrationCard(r: Registration): HTMLElement {
  const lines: [Key, string | null][] = [
    ["review.customer", r.customer_name],
    ["review.partner", r.partner],
    ["review.tier", tierLabel(r.partner_tier)],
    ["review.region", r.region],
    ["review.submitted", formatTime(r.submitted_at)],
    ["review.contact", [r.contact_name, r.contact_phone, r.contact_email].filter(Boolean).join(" · ") || null],
    ["review.product", r.product],
    ["review.amount", r.amount === null ? null : formatMoney(r.amount)],
    ["review.expectedClose", r.expected_close ? formatDay(r.expected_close) : null],
    ["review.uscc", r.uscc],
    ["review.website", r.website],
  ];
  const dl = el("dl", "facts");
  for (const [key, value] of lines) dl.append(el("dt", undefined, t(key)), el("dd", undefined, value ?? "—"));
  const card = el("section", "card registration", el("h3", undefined, `${t("review.registration")} · ${r.registration_id}`), dl);
  if (r.warnings.length) {
    card.append(
      el("h4", undefined, t("review.warnings")),
      el("ul", "warnings", ...r.warnings.map((w) => el("li", undefined, `${w.field}: “${w.value}” — ${w.problem}`))),
    );
  }
  return card;
}

function decisionCard(d: Decision | null, history: Decision[], noEvidence: boolean): HTMLElement {
  const outcome = tid(el("span", "current-outcome"), "review-outcome");
  if (!d) {
    outcome.textContent = t("review.notChecked");
    return el("section", "card decision", el("h3", undefined, t("review.outcome")), outcome);
  }
  outcome.dataset.outcome = d.outcome;
  const version = tid(el("span", "version-tag", versionLabel(history, d.id)), "review-version");
  outcome.append(outcomeBadge(d.outcome), el("span", "status", statusLabel(d.status)), version);
  const dl = el(
    "dl",
    "facts",
    el("dt", undefined, t("review.rule")),
    el("dd", "rule", ruleLabel(d.rule)),
    el("dt", undefined, t("review.protection")),
    el("dd", undefined, d.protection_until ? formatDay(d.protection_until) : "—"),
  );
  const card = el("section", "card decision", el("h3", undefined, t("review.outcome")), outcome, el("p", "summary", d.summary), dl);
  // Nothing matched: one line here instead of an evidence column of its own.
  if (noEvidence) card.append(tid(el("p", "muted no-evidence", t("side.noEvidence")), "review-no-evidence"));
  return card;
}

function historySection(history: Decision[]): HTMLElement {
  const rows = history.map((d, i) => {
    const current = i === history.length - 1;
    const tr = row(
      current ? `v${i + 1} · ${t("version.current")}` : `v${i + 1}`,
      outcomeLabel(d.outcome),
      statusLabel(d.status),
      ruleLabel(d.rule),
      d.actor ?? "",
      d.reason ?? "",
      formatTime(d.created_at),
      d.protection_until ? formatDay(d.protection_until) : "—",
    );
    tr.dataset.version = String(i + 1);
    tr.title = `#${d.id}`;
    return tid(tr, "history-row");
  });
  return el(
    "section",
    "card history",
    el("h3", undefined, t("review.history")),
    table([t("review.version"), t("review.outcome"), "", t("review.rule"), t("review.actor"), t("common.reason"), t("review.at"), t("review.protection")], rows),
  );
}

function disputesSection(view: ReviewView): HTMLElement {
  const rows = view.disputes.map((d) =>
    row(
      `#${d.id} → ${versionLabel(view.history, d.decision_id)}`,
      d.opened_by,
      d.claim,
      formatDate(d.due_at),
      d.ruling ? outcomeLabel(d.ruling) : d.status,
      d.rationale ?? "",
    ),
  );
  return el(
    "section",
    "card",
    el("h3", undefined, t("review.disputes")),
    rows.length
      ? table([t("review.version"), t("disputes.openedBy"), t("disputes.claim"), t("disputes.due"), t("disputes.rule"), t("disputes.rationale")], rows)
      : el("p", "empty", t("common.none")),
  );
}

/** The review screen for registration `id`; `focus` = "override" puts the cursor in the override reason. */
export function reviewScreen(ctx: Ctx, id?: string, focus?: string): Screen {
  const body = el("div", "review-body", el("p", "loading", t("app.loading")));
  const root = tid(
    el(
      "section",
      "screen review",
      el("div", "screen-title", button(t("review.back"), () => ctx.navigate("queue"), "btn ghost"), el("h2", undefined, `${t("review.title")} ${id ?? ""}`)),
      body,
    ),
    "screen-review",
  );
  const label = async (m: MatchEvidence, verdict: PairVerdict): Promise<void> => {
    if (!id) return;
    const saved = await attempt(ctx, t(`pairs.${verdict}`), () => backend.labelPair(id, m.source, m.record_id, verdict));
    if (saved !== undefined) void load(`${m.name} · ${t(`pairs.${verdict}`)} · ${t("pairs.saved")}`);
  };
  const load = async (notice?: string): Promise<void> => {
    if (!id) return;
    const [view, labels] = await Promise.all([
      attempt(ctx, t("review.title"), () => backend.review(id)),
      attempt(ctx, t("pairs.title"), backend.pairLabels),
    ]);
    if (!view) {
      body.replaceChildren();
      return;
    }
    const matches = view.decision?.matches ?? [];
    const noEvidence = !!view.decision && matches.length === 0;
    const actions = actionsPanel(ctx, id, view.decision, view.rights, (n) => void load(n));
    const decision = decisionCard(view.decision, view.history, noEvidence);
    // With evidence: the registration, decision and actions beside the evidence. Without: the registration
    // beside the decision and actions, so neither half of the page is left empty.
    const grid = matches.length
      ? el(
          "div",
          "review-grid",
          el("div", "review-left", registrationCard(view.registration), decision, actions),
          el("div", "review-right", evidenceSection(matches, view.decision ? {
            label: (m, v) => void label(m, v),
            remembered: (m) => (labels ?? []).find((p) => p.registration_id === id && p.source === m.source && p.record_id === m.record_id),
          } : undefined, view.decision?.rule, view.counterpart?.decides ? view.counterpart : null)),
        )
      : el("div", "review-grid compact", el("div", "review-left", registrationCard(view.registration)), el("div", "review-right", decision, actions));
    body.replaceChildren(
      ...(view.counterpart ? [sideBySide(view.registration, view.decision, view.counterpart)] : []),
      grid,
      historySection(view.history),
      disputesSection(view),
    );
    if (notice) ctx.notify(notice);
    if (focus === "override") {
      body.querySelector<HTMLElement>('[data-testid="review-override-reason"]')?.focus();
      focus = undefined;
    }
  };
  void load();
  return { root };
}
