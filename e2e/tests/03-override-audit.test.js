// E2E 3: a channel manager reviews a registration, overrides the proposal with a reason, and the audit log shows it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp, waitTestId, byTestId } from "../lib/harness.js";
import { choose, go, loadDemo, openReview, switchUser, type } from "../lib/steps.js";

const REG = "R0017"; // demo: an approved registration in 华东
const REASON = "E2E: customer confirmed the partner leads jointly with direct";

test("a registration is reviewed and overridden with a reason; the audit log shows it", { timeout: 120000 }, async () => {
  await withApp("override", async ({ browser, shot }) => {
    await loadDemo(browser);
    await switchUser(browser, "wang.qudao");
    await openReview(browser, REG);
    const outcome = await waitTestId(browser, "review-outcome");
    assert.equal(await outcome.getAttribute("data-outcome"), "approved", `${REG} is proposed for approval in the demo`);
    await shot("review");

    await choose(browser, "review-override-outcome", "co_sell");
    await type(browser, "review-override-reason", REASON);
    await (await waitTestId(browser, "review-override-submit")).click();
    await browser.$('[data-testid="review-outcome"][data-outcome="co_sell"]').waitForExist({
      timeout: 15000,
      timeoutMsg: "the review outcome did not become co_sell after the override",
    });
    assert.ok((await byTestId(browser, "screen-review").getText()).includes(REASON), "the history shows the reason");
    assert.equal(await byTestId(browser, "error-banner").isDisplayed(), false, "no error after overriding");
    await shot("review-overridden");

    await go(browser, "audit");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="audit-row"]').length) > 0, {
      timeout: 15000,
      timeoutMsg: "the audit log shows no rows",
    });
    const texts = await browser.execute(() =>
      Array.from(document.querySelectorAll('[data-testid="audit-row"]')).map((r) => r.textContent ?? ""));
    // The action is named in the UI's language ("Overridden" / "改判"), never as its code.
    const entry = texts.find((t) => t.includes(REG) && /overridden|改判/i.test(t));
    assert.ok(entry, `no audit row names the override of ${REG}:\n${texts.slice(0, 3).map((t) => JSON.stringify(t)).join("\n")}`);
    assert.ok(entry.includes("wang.qudao"), `the override entry names its actor: ${entry}`);
    await shot("audit");
  });
});
