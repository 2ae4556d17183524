// Intake tests: typing a head account's name shows the conflict before saving; saving sends the form; a bad value is shown beside it.
import { afterEach, describe, expect, it } from "vitest";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { RegistrationForm } from "../../backend";
import { baseHandlers, byId, edit, start, waitFor, type Handler } from "../../testing";

afterEach(() => clearMocks());

const decision = (outcome: string, recordId: string) => ({
  id: 0, registration_id: "H20261206120000", outcome, rule: outcome === "direct_retained" ? "1-head-account" : "5-approve",
  summary: outcome === "direct_retained" ? "head account of 华东" : "no conflict", lead: null, direct_owner: null,
  protection_until: null, settings_version: 3, as_of: "2026-12-06", status: "proposed", actor: "", reason: null,
  created_at: "2026-12-06T12:00:00",
  matches: recordId ? [{ source: "head_account", record_id: recordId, name: "杭州云帆数据科技有限公司", score: 0.97, band: "match",
    evidence: { query_normalized: "", candidate_normalized: "", query_core: "", candidate_core: "", reasons: [], context: {} } }] : [],
});

function registered(form: RegistrationForm, outcome: string, recordId: string) {
  return { registration: { registration_id: "H20261206120000", partner: form.partner }, decision: decision(outcome, recordId), stored: false, warnings: [] };
}

async function openIntake(extra: Record<string, Handler> = {}) {
  const ctx = await start({ ...baseHandlers(), ...extra });
  byId(ctx.root, "nav-intake").click();
  await waitFor(() => expect(byId(ctx.root, "screen-intake")).toBeTruthy());
  return ctx;
}

describe("the new registration form", () => {
  it("shows a head account's conflict as the customer name is typed, before saving", async () => {
    const { root, calls } = await openIntake({
      propose_registration: (args) => {
        const form = (args as { form: RegistrationForm }).form;
        return form.customer_name.includes("云帆") ? registered(form, "direct_retained", "H01") : registered(form, "approved", "");
      },
    });
    edit(byId<HTMLInputElement>(root, "intake-partner"), "丁方伙伴");
    edit(byId<HTMLInputElement>(root, "intake-customer_name"), "杭州云帆");
    await waitFor(() => expect(byId(root, "intake-outcome").textContent).toBe("直销保留"), { timeout: 2000 });
    expect(byId(root, "intake-match").textContent).toContain("H01");
    const asked = calls.filter((c) => c.command === "propose_registration");
    expect((asked[asked.length - 1]?.payload as { form: RegistrationForm }).form).toMatchObject({ partner: "丁方伙伴", customer_name: "杭州云帆", registration_id: "" });
    expect(calls.some((c) => c.command === "register")).toBe(false);
  });

  it("saves the form as typed and says what was stored", async () => {
    const { root, calls } = await openIntake({
      propose_registration: (args) => registered((args as { form: RegistrationForm }).form, "approved", ""),
      register: (args) => ({ ...registered((args as { form: RegistrationForm }).form, "approved", ""), stored: true }),
    });
    edit(byId<HTMLInputElement>(root, "intake-partner"), "丁方伙伴");
    edit(byId<HTMLInputElement>(root, "intake-customer_name"), "成都新客户有限公司");
    edit(byId<HTMLInputElement>(root, "intake-amount"), "12万");
    byId(root, "intake-save").click();
    await waitFor(() => expect(calls.find((c) => c.command === "register")?.payload).toMatchObject({
      form: { partner: "丁方伙伴", customer_name: "成都新客户有限公司", amount: "12万" },
    }));
    await waitFor(() => expect(byId<HTMLInputElement>(root, "intake-partner").value).toBe(""));
  });

  it("shows an invalid value's message beside the form while typing", async () => {
    const { root } = await openIntake({
      propose_registration: () => {
        throw { code: "invalid_input", message: "form line 2, column 13 (amount): \"很多\" is not a number; expected a number such as 120000 or 12万" };
      },
    });
    edit(byId<HTMLInputElement>(root, "intake-partner"), "丁方伙伴");
    edit(byId<HTMLInputElement>(root, "intake-customer_name"), "成都新客户");
    await waitFor(() => expect(byId(root, "intake-invalid").textContent).toContain("expected a number"), { timeout: 2000 });
  });
});
