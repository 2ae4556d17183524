// New registration: the intake form for a registration taken by phone or message, checked as it is typed.
import * as backend from "../../backend";
import type { RegistrationForm } from "../../types";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { button, debounce, el, field, input, tid } from "../../dom";
import { kindLabel } from "../../format";
import { t, type Key } from "../../i18n";

/** The expected close date is typed as 2026-06-30 (a date picker shows month/day/year under some locales). */
function dated(i: HTMLInputElement, key: string): HTMLInputElement {
  if (key === "expected_close") i.placeholder = "YYYY-MM-DD";
  return i;
}

const FIELDS: (keyof RegistrationForm)[] = [
  "partner", "partner_tier", "customer_name", "uscc", "website", "contact_name", "contact_phone", "contact_email",
  "region", "product", "amount", "expected_close",
];

/** Milliseconds of pause in typing before the form is checked. */
export const CHECK_AFTER_MS = 150;

export function intakeScreen(ctx: Ctx): Screen {
  const inputs = new Map(FIELDS.map((k) => [k, tid(dated(input("text"), k), `intake-${k}`)]));
  const proposal = tid(el("div", "intake-proposal"), "intake-proposal");
  const form = (): RegistrationForm => {
    const f = { registration_id: "" } as RegistrationForm;
    for (const [k, i] of inputs) f[k] = i.value.trim();
    return f;
  };
  let asked = 0;
  const check = debounce(async () => {
    const f = form();
    if (!f.partner || !f.customer_name) return proposal.replaceChildren();
    const mine = ++asked;
    try {
      const r = await backend.proposeRegistration(f);
      if (mine !== asked) return; // a later keystroke's check is on its way
      const d = r.decision;
      const top = d.matches[0];
      proposal.replaceChildren(
        el("span", "muted", t("intake.proposal")),
        tid(el("strong", `outcome ${d.outcome}`, t(`outcome.${d.outcome}` as Key)), "intake-outcome"),
        el("span", undefined, ` ${d.summary}`),
        ...(top ? [tid(el("div", "muted", `${kindLabel(top.source)} ${top.record_id} ${top.name} (${top.score.toFixed(2)})`), "intake-match")] : []),
      );
    } catch (e) {
      // While typing, an incomplete value is expected: say what is wrong beside the form, not as an error.
      if (mine === asked) proposal.replaceChildren(tid(el("div", "muted", backend.toShellError(e).message), "intake-invalid"));
    }
  }, CHECK_AFTER_MS);
  for (const i of inputs.values()) i.addEventListener("input", () => check());

  const save = tid(button(t("intake.save"), async () => {
    save.disabled = true;
    const r = await attempt(ctx, t("intake.save"), () => backend.register(form()));
    save.disabled = false;
    if (r === undefined) return;
    ctx.notify(t("intake.saved", { id: r.registration.registration_id, outcome: t(`outcome.${r.decision.outcome}` as Key) }));
    for (const i of inputs.values()) i.value = "";
    proposal.replaceChildren();
  }, "btn primary"), "intake-save");

  return {
    root: tid(
      el(
        "section",
        "screen intake",
        el("div", "screen-title", el("h2", undefined, t("intake.title"))),
        el(
          "section",
          "card intake-form",
          el("div", "form-row", ...[...inputs].map(([k, i]) => field(t(`intake.${k}` as Key), i))),
          proposal,
          el("div", "form-row", save),
        ),
      ),
      "screen-intake",
    ),
  };
}
