// E2E 12 (in Chinese): a dispute in a region without a regional head is escalated: it is in the admin's inbox,
// marked as escalated, not in the 华东 head's; Settings flags the region; the admin rules on it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, waitTestId, withApp } from "../lib/harness.js";
import { choose, go, LOADED_ROW, loadDemo, openReview, showAll, showTab, switchUser, type } from "../lib/steps.js";

test("a dispute from a region without a head goes to an admin", { timeout: 240000 }, async () => {
  await withApp("escalation", async ({ browser, shot }) => {
    await loadDemo(browser);
    // A 西南 registration: the demo has no regional head for 西南.
    await switchUser(browser, "wang.qudao");
    await go(browser, "queue");
    await showAll(browser);
    await choose(browser, "queue-filter-region", "西南");
    await browser.waitUntil(async () => {
      const ids = await browser.execute((sel) => Array.from(document.querySelectorAll(sel)).map((r) => r.textContent), LOADED_ROW);
      return ids.length > 0 && ids.every((t) => t.includes("西南"));
    }, { timeout: 15000, timeoutMsg: "no 西南 registrations" });
    const id = await browser.$(LOADED_ROW).getAttribute("data-registration-id");
    await choose(browser, "queue-filter-region", "");

    await openReview(browser, id);
    assert.equal(await browser.$('[data-testid="review-rule"]').isExisting(), false, "no ruling for a channel manager");
    await (await waitTestId(browser, "review-open-dispute")).click();
    await type(browser, "dispute-claim", "我方三月已拜访该客户，直营无有效跟进");
    await (await waitTestId(browser, "dispute-submit")).click();
    await browser.waitUntil(async () => (await byTestId(browser, "screen-review").getText()).includes("我方三月已拜访"), { timeout: 15000 });
    await shot("review-channel-manager");

    // The 华东 head does not see it among the disputes awaiting them.
    await switchUser(browser, "li.huadong");
    await go(browser, "queue");
    const headCount = await showTab(browser, "disputes");
    await waitTestId(browser, "inbox-disputes");
    assert.equal(await browser.$(`[data-testid="inbox-dispute-row"][data-registration-id="${id}"]`).isExisting(), false);
    assert.equal(headCount, 0);
    await shot("head-inbox");

    // The admin does, marked as escalated.
    await switchUser(browser, "admin");
    await go(browser, "queue");
    const adminCount = await showTab(browser, "disputes");
    assert.equal(adminCount, 1);
    const row = browser.$(`[data-testid="inbox-dispute-row"][data-registration-id="${id}"]`);
    await row.waitForExist({ timeout: 15000, timeoutMsg: "the escalated dispute is not in the admin's inbox" });
    assert.equal(await row.getAttribute("data-escalated"), "true");
    assert.ok(await row.$('[data-testid="dispute-escalated"]').isExisting(), "the row says it was escalated");
    await shot("admin-inbox-escalated");

    // Settings flags the regions without a head.
    await go(browser, "settings");
    const flag = await waitTestId(browser, "settings-no-head");
    await browser.waitUntil(async () => ((await flag.getAttribute("data-regions")) ?? "").includes("西南"), { timeout: 10000 });
    await shot("settings-no-head");

    // The admin rules on it.
    await go(browser, "disputes");
    const card = browser.$('[data-testid="dispute-row"]');
    await card.waitForDisplayed({ timeout: 15000 });
    assert.ok(await browser.$('[data-testid="dispute-escalated"]').isExisting(), "the disputes screen marks it too");
    await card.click();
    await choose(browser, "dispute-rule-outcome", "approved");
    await type(browser, "dispute-rationale", "区域无负责人，管理员裁决：伙伴先接触");
    await (await waitTestId(browser, "dispute-rule-submit")).click();
    await go(browser, "queue");
    await browser.waitUntil(async () => (await showTab(browser, "disputes")) === 0, { timeout: 15000, timeoutMsg: "the ruled dispute is still awaiting" });
    await shot("admin-inbox-after-ruling");
  });
});
