// E2E 4: a channel manager opens a dispute on a registration; the regional head of its region rules it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { withApp, waitTestId, byTestId } from "../lib/harness.js";
import { choose, go, loadDemo, openReview, switchUser, type } from "../lib/steps.js";

const REG = "R0001"; // demo: kept for direct as a 华东 head account
const CLAIM = "E2E: our partner met this customer before it became a head account";
const RATIONALE = "E2E: both sides can win it together";

test("a dispute is opened and ruled by the regional head", { timeout: 120000 }, async () => {
  await withApp("dispute", async ({ browser, shot }) => {
    await loadDemo(browser);
    await switchUser(browser, "wang.qudao");
    await openReview(browser, REG);
    assert.equal(await (await waitTestId(browser, "review-outcome")).getAttribute("data-outcome"), "direct_retained");
    await (await waitTestId(browser, "review-open-dispute")).click();
    await type(browser, "dispute-claim", CLAIM);
    await shot("review-dispute-form");
    await (await waitTestId(browser, "dispute-submit")).click();
    await browser.waitUntil(async () => (await byTestId(browser, "screen-review").getText()).includes(CLAIM), {
      timeout: 15000,
      timeoutMsg: "the opened dispute's claim is not shown on the review",
    });
    await shot("review-disputed");

    await switchUser(browser, "li.huadong"); // regional head of 华东
    await go(browser, "disputes");
    const row = browser.$('[data-testid="dispute-row"]');
    await row.waitForDisplayed({ timeout: 15000, timeoutMsg: "the regional head sees no dispute" });
    assert.ok((await row.getText()).includes(REG), `the dispute row names ${REG}: ${await row.getText()}`);
    assert.ok(await row.getAttribute("data-dispute-id"), "dispute rows carry data-dispute-id");
    await shot("disputes");

    await row.click();
    await choose(browser, "dispute-rule-outcome", "co_sell");
    await type(browser, "dispute-rationale", RATIONALE);
    await (await waitTestId(browser, "dispute-rule-submit")).click();
    await browser.waitUntil(async () => (await byTestId(browser, "screen-disputes").getText()).includes(RATIONALE)
      || !(await browser.$('[data-testid="dispute-row"]').isExisting()), {
      timeout: 15000,
      timeoutMsg: "ruling the dispute showed neither the rationale nor removed it from the open list",
    });
    assert.equal(await byTestId(browser, "error-banner").isDisplayed(), false, "no error after ruling");
    await shot("disputes-ruled");

    await openReview(browser, REG);
    await browser.$('[data-testid="review-outcome"][data-outcome="co_sell"]').waitForExist({
      timeout: 15000,
      timeoutMsg: "the ruling did not become the registration's outcome",
    });
    await shot("review-ruled");
  });
});
