// Disputes: each side's claim and evidence, overdue ones flagged, and the regional head's ruling with a rationale.
//
// The opener's claim is set beside the contested version and its counterpart, with a link to the review.
import * as backend from "../../backend";
import { OUTCOMES, type Counterpart, type Decision, type Dispute, type DisputeView, type Registration } from "../../types";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { button, el, field, input, select, tid } from "../../dom";
import { formatDate, formatDay, formatMoney, kindLabel, outcomeBadge, outcomeLabel, outcomeOptions, ruleLabel } from "../../format";
import { firstEngagedLine } from "../review/side";
import { t } from "../../i18n";

/** A dispute with its view's figures beside its own fields. */
export type DisputeItem = Dispute & Omit<DisputeView, "dispute">;

/** The view's dispute lifted beside overdue/days_open/registration/decision (a flat answer passes through). */
export function flatten(view: DisputeView | DisputeItem): DisputeItem {
  if (!("dispute" in view)) return view;
  const { dispute, ...rest } = view;
  return { ...dispute, ...rest };
}

/** The side of whoever opened the dispute: their claim, over the registration it is about. */
function openerSide(d: DisputeItem, reg: Registration | null): HTMLElement {
  const facts = reg
    ? [reg.partner, reg.amount === null ? null : formatMoney(reg.amount), `${t("review.submitted")} ${formatDay(reg.submitted_at)}`]
    : [d.registration_id];
  return tid(
    el(
      "div",
      "side",
      el("h4", undefined, t("disputes.opener", { who: d.opened_by })),
      tid(el("p", "claim", d.claim), "dispute-card-claim"),
      el("p", "muted", `${t("disputes.partnerSide")} · ${facts.filter(Boolean).join(" · ")}`),
    ),
    "dispute-opener",
  );
}

/** The record the contested decision rests on, in a few facts, under the first-engaged line. */
function counterpartFacts(reg: Registration | null, c: Counterpart): HTMLElement {
  const who = c.source === "registration" ? c.partner : c.owner;
  const facts = [c.customer_name, who, c.region, c.stage, c.engaged_on ? formatDay(c.engaged_on) : null].filter(Boolean).join(" · ");
  const box = tid(
    el(
      "div",
      "dispute-evidence",
      el("h5", undefined, t("disputes.evidence")),
      el("p", undefined, el("span", `source-tag source-${c.source}`, kindLabel(c.source)), " ", el("span", "mono", c.record_id), " ", facts),
    ),
    "dispute-counterpart",
  );
  box.dataset.source = c.source;
  if (reg) box.append(firstEngagedLine(reg, c));
  return box;
}

/** The side of the decision contested (by its version number), with its strongest evidence. */
function decisionSide(d: DisputeItem): HTMLElement {
  const decision: Decision | null = d.contested ?? d.decision ?? null;
  const side = tid(el("div", "side", el("h4", undefined, t("disputes.decisionSide"))), "dispute-decision");
  if (!decision) return side;
  if (d.contested_version) {
    side.append(tid(el("p", "muted", t("version.contested", { version: `v${d.contested_version}` })), "dispute-contested-version"));
  }
  side.append(
    el("p", undefined, outcomeBadge(decision.outcome), " ", el("span", "rule", ruleLabel(decision.rule))),
    el("p", undefined, decision.summary),
  );
  if (d.counterpart) side.append(counterpartFacts(d.registration, d.counterpart));
  const others = decision.matches.filter((m) => !(d.counterpart && m.source === d.counterpart.source && m.record_id === d.counterpart.record_id));
  if (others.length) {
    side.append(el("ul", "matches", ...others.slice(0, 3).map((m) => el("li", undefined, `${kindLabel(m.source)} · ${m.name} · ${m.score.toFixed(2)}`))));
  }
  return side;
}

function ruleForm(ctx: Ctx, d: DisputeItem, done: (outcome: backend.Outcome) => void): HTMLElement {
  const outcome = tid(select(outcomeOptions(OUTCOMES.filter((o) => o !== "review")), d.decision?.outcome ?? "approved"), "dispute-rule-outcome");
  const rationale = tid(el("textarea"), "dispute-rationale");
  rationale.rows = 2;
  rationale.placeholder = t("disputes.rationale");
  const submit = tid(
    button(t("disputes.submit"), async () => {
      submit.disabled = true;
      const ruled = await attempt(ctx, t("disputes.rule"), () => backend.ruleDispute(d.id, outcome.value as backend.Outcome, rationale.value.trim()));
      submit.disabled = rationale.value.trim() === "";
      if (ruled) done(outcome.value as backend.Outcome);
    }, "btn primary"),
    "dispute-rule-submit",
  );
  const check = () => (submit.disabled = rationale.value.trim() === "");
  rationale.addEventListener("input", check);
  check();
  const form = el("div", "rule-form", el("h4", undefined, t("disputes.rule")), el("div", "form-row", field(t("queue.outcome"), outcome)), rationale, el("div", "form-row", submit));
  form.addEventListener("click", (e) => e.stopPropagation());
  return form;
}

function disputeRow(ctx: Ctx, d: DisputeItem, selected: boolean, pick: () => void, done: (outcome: backend.Outcome) => void): HTMLElement {
  const head = el(
    "header",
    "form-row",
    el("strong", "mono", d.registration_id),
    el("span", undefined, d.registration?.customer_name ?? ""),
    el("span", "muted", d.region ?? ""),
    el("span", "muted", t("disputes.daysOpen", { n: d.days_open })),
    el("span", "muted", `${t("disputes.due")} ${formatDate(d.due_at)}`),
  );
  const open = tid(button(t("disputes.openReview"), () => ctx.navigate("review", d.registration_id), "btn small open-review"), "dispute-open-review");
  open.addEventListener("click", (e) => e.stopPropagation());
  if (d.overdue) head.append(el("span", "overdue-tag", t("disputes.overdue")));
  if (d.escalated) head.append(tid(el("span", "escalated", t("inbox.escalated")), "dispute-escalated"));
  head.append(open);
  const card = tid(el("article", "card dispute", head, el("div", "dispute-sides", openerSide(d, d.registration), decisionSide(d))), "dispute-row");
  card.dataset.disputeId = String(d.id);
  if (d.overdue) card.dataset.overdue = "true";
  if (d.status === "ruled") {
    card.append(
      el("p", "ruling", t("disputes.ruled", { outcome: d.ruling ? outcomeLabel(d.ruling) : "—", by: d.ruled_by ?? "" }), " — ", d.rationale ?? ""),
    );
  } else if (selected) {
    card.classList.add("selected");
    // The ruling form only for who may rule here (the server checks again): an admin, or a head of the region.
    const user = ctx.user();
    const mayRule = user?.role === "admin" || (user?.role === "regional_head" && !!d.region && user.regions.includes(d.region));
    if (mayRule) card.append(ruleForm(ctx, d, done));
    else {
      const why = user?.role === "regional_head" ? "why.region" : user ? "why.role" : "why.no_user";
      card.append(tid(el("p", "muted", t(why, { role: user ? t(`role.${user.role}`) : "—" })), "dispute-not-offered"));
    }
  }
  card.addEventListener("click", () => {
    if (!selected) pick();
  });
  return card;
}

/** The disputes screen. */
export function disputesScreen(ctx: Ctx): Screen {
  const openOnly = tid(input("checkbox"), "disputes-open-only");
  openOnly.checked = true;
  const list = el("div", "dispute-list", el("p", "loading", t("app.loading")));
  let views: DisputeItem[] = [];
  let selectedId: number | null = null;

  const render = (): void => {
    if (views.length === 0) {
      list.replaceChildren(el("p", "empty", t("disputes.empty")));
      return;
    }
    if (selectedId === null || !views.some((v) => v.id === selectedId)) selectedId = views.find((v) => v.status === "open")?.id ?? null;
    list.replaceChildren(
      ...views.map((v) =>
        disputeRow(ctx, v, v.id === selectedId, () => {
          selectedId = v.id;
          render();
        }, (outcome) => {
          ctx.notify(t("disputes.ruled", { outcome: outcomeLabel(outcome), by: ctx.user()?.name ?? "" }));
          void load();
        }),
      ),
    );
  };
  const load = async (): Promise<void> => {
    const result = await attempt(ctx, t("disputes.title"), () => backend.disputes(openOnly.checked));
    views = (result ?? []).map(flatten);
    render();
  };
  openOnly.addEventListener("change", () => void load());
  void load();
  return {
    root: tid(
      el(
        "section",
        "screen disputes",
        el("div", "screen-title", el("h2", undefined, t("disputes.title")), el("span", "spacer"), el("label", "check", openOnly, t("disputes.openOnly"))),
        list,
      ),
      "screen-disputes",
    ),
  };
}
