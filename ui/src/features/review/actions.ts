// Review actions: accept, override with a required reason, ask for information, extend protection, open a dispute;
// only those the API says the signed-in user may do to this item, and why the others are not offered.
import * as backend from "../../backend";
import { OUTCOMES, type Decision, type ItemRights, type Right, type Role } from "../../types";
import { attempt, type Ctx } from "../../ctx";
import { button, el, field, input, select, tid } from "../../dom";
import { outcomeOptions } from "../../format";
import { t, type Key } from "../../i18n";

/** Re-evaluates whether each button may be pressed (a required text may be blank). */
const rules = new WeakMap<HTMLButtonElement, () => void>();

/** Disables `b` whenever `source` holds only blanks. */
function requireText(b: HTMLButtonElement, ...sources: (HTMLInputElement | HTMLTextAreaElement)[]): void {
  const check = () => (b.disabled = sources.some((s) => s.value.trim() === ""));
  for (const s of sources) s.addEventListener("input", check);
  rules.set(b, check);
  check();
}

/** Why `right` is not offered, in the user's language. */
export function whyNot(right: Right, role: Role | null): string {
  const why = right.why_not ?? "role";
  return t(`why.${why}` as Key, { role: role ? t(`role.${role}` as Key) : "—" });
}

/** The actions panel; `done` reloads the review after a successful change. */
export function actionsPanel(
  ctx: Ctx,
  id: string,
  decision: Decision | null,
  rights: ItemRights,
  done: (notice: string) => void,
): HTMLElement {
  const run = async (label: string, work: () => Promise<unknown>, b: HTMLButtonElement): Promise<void> => {
    b.disabled = true;
    const result = await attempt(ctx, label, work);
    b.disabled = false;
    rules.get(b)?.();
    if (result !== undefined) done(`${label} · ${t("review.saved")}`);
  };

  const acceptB = tid(button(t("review.accept"), () => void run(t("review.accept"), () => backend.accept(id), acceptB), "btn primary"), "review-accept");
  acceptB.disabled = !decision;

  // Override / ask for information share the reason box.
  const choices = OUTCOMES.filter((o) => o !== "review");
  const outcome = tid(select(outcomeOptions(choices), decision && decision.outcome !== "review" ? decision.outcome : "approved"), "review-override-outcome");
  const reason = tid(el("textarea", "reason"), "review-override-reason");
  reason.rows = 2;
  reason.placeholder = t("review.overrideReason");
  const overrideB = tid(
    button(t("review.overrideSubmit"), () => void run(t("review.override"), () => backend.overrideDecision(id, outcome.value as backend.Outcome, reason.value.trim()), overrideB)),
    "review-override-submit",
  );
  const infoB = tid(
    button(t("review.requestInfo"), () => void run(t("review.requestInfo"), () => backend.overrideDecision(id, "needs_info", reason.value.trim()), infoB)),
    "review-request-info",
  );
  requireText(overrideB, reason);
  requireText(infoB, reason);

  // Extend protection
  const days = tid(input("number", "30"), "review-extend-days");
  days.min = "1";
  const extendReason = tid(input("text", "", t("review.extendReason")), "review-extend-reason");
  const extendB = tid(
    button(t("review.extendSubmit"), () => {
      const n = Number(days.value);
      if (!Number.isInteger(n) || n < 1 || n > 365) {
        ctx.fail(t("review.extend"), { code: "invalid_input", message: `${t("review.extendDays")}: "${days.value}"` });
        return;
      }
      void run(t("review.extend"), () => backend.extendProtection(id, n, extendReason.value.trim()), extendB);
    }),
    "review-extend-submit",
  );
  requireText(extendB, extendReason);

  // Dispute
  const claim = tid(el("textarea", "reason"), "dispute-claim");
  claim.rows = 2;
  claim.placeholder = t("review.disputeClaim");
  const disputeB = tid(button(t("review.disputeSubmit"), () => void run(t("review.dispute"), () => backend.openDispute(id, claim.value.trim()), disputeB)), "dispute-submit");
  requireText(disputeB, claim);
  const disputeForm = el("div", "dispute-form", claim, disputeB);
  disputeForm.hidden = true;
  const openDisputeB = tid(
    button(t("review.dispute"), () => {
      disputeForm.hidden = false;
      claim.focus();
    }, "btn"),
    "review-open-dispute",
  );

  const ruleB = tid(button(t("review.ruleGo"), () => ctx.navigate("disputes"), "btn"), "review-rule");

  // Offered: what the API says would succeed. Not offered: each with why, in the user's language.
  const role = ctx.user()?.role ?? null;
  const sections: [keyof ItemRights, string, HTMLElement[]][] = [
    ["accept", t("review.accept"), [el("div", "action-row", acceptB)]],
    [
      "override_decision",
      t("review.override"),
      [
        el("h4", undefined, t("review.override")),
        el("div", "action-row", field(t("queue.outcome"), outcome), el("span", "spacer")),
        reason,
        el("div", "action-row", overrideB, infoB),
      ],
    ],
    [
      "extend",
      t("review.extend"),
      [
        el("h4", undefined, t("review.extend")),
        el("div", "action-row", field(t("review.extendDays"), days, "field narrow"), field(t("review.extendReason"), extendReason, "field grow"), extendB),
      ],
    ],
    ["open_dispute", t("review.dispute"), [el("h4", undefined, t("review.dispute")), el("div", "action-row", openDisputeB), disputeForm]],
    ["rule_dispute", t("review.ruleDispute"), [el("h4", undefined, t("review.ruleDispute")), el("div", "action-row", ruleB)]],
  ];
  const offered: HTMLElement[] = [];
  const notOffered: HTMLElement[] = [];
  for (const [key, label, parts] of sections) {
    if (rights[key].allowed) offered.push(...parts);
    else {
      const item = tid(el("li", undefined, el("strong", undefined, label), " — ", whyNot(rights[key], role)), "not-offered");
      item.dataset.action = key;
      item.dataset.why = rights[key].why_not ?? "";
      notOffered.push(item);
    }
  }
  const panel = tid(el("section", "card actions", ...offered), "review-actions");
  if (notOffered.length > 0) {
    panel.append(el("div", "not-offered", el("h4", undefined, t("review.notOffered")), el("ul", undefined, ...notOffered)));
  }
  return panel;
}
