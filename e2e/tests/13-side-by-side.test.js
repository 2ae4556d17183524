// E2E 13 (in Chinese): the review sets the record its decision rests on beside the registration, field by field,
// under a line on who engaged the customer first; a dispute card shows both sides and links to its review;
// a regional head is offered remove only on their own region's head accounts.
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, waitTestId, withApp } from "../lib/harness.js";
import { go, loadDemo, openReview, switchUser, type } from "../lib/steps.js";

const CO_SELL = "R0003"; // demo: 星澜, visited by direct 12 days ago, registered 8 days ago
const DUPLICATE = "R0009"; // demo: 砚池 again, a day after R0008 by another partner
const CLAIM = "E2E 13: 伙伴已完成方案，直营只拜访过一次";

/** The side-by-side's cells: field code → [this registration, the other record]. */
async function sideCells(browser) {
  return browser.execute(() => {
    const out = {};
    for (const tr of document.querySelectorAll('[data-testid="review-side"] tr[data-field]')) {
      out[tr.getAttribute("data-field")] = [tr.querySelector(".ours")?.textContent ?? "", tr.querySelector(".theirs")?.textContent ?? ""];
    }
    return out;
  });
}

async function sideFor(browser, id) {
  await openReview(browser, id);
  const side = await waitTestId(browser, "review-side");
  await browser.waitUntil(async () => (await browser.$("h2").getText()).includes(id), { timeout: 10000 });
  return side;
}

test("side by side, the first-engaged line, a dispute's link to its review, head-account rights", { timeout: 240000 }, async () => {
  await withApp("side-by-side", async ({ browser, shot }) => {
    await loadDemo(browser);
    await switchUser(browser, "wang.qudao");

    // A co-sell: direct's visit beside the partner's registration; direct was first by 4 days.
    const side = await sideFor(browser, CO_SELL);
    assert.equal(await side.getAttribute("data-source"), "follow_up");
    const cells = await sideCells(browser);
    for (const field of ["customer", "who", "region", "amount", "stage", "dates"]) {
      assert.ok(cells[field], `the side-by-side has a ${field} row`);
    }
    for (const field of ["customer", "who", "region", "stage", "dates"]) {
      assert.notEqual(cells[field][1].trim(), "—", `the follow-up's ${field} is shown: ${JSON.stringify(cells)}`);
    }
    assert.ok(cells.customer[1].includes("星澜"), `the follow-up's account: ${cells.customer[1]}`);
    const first = byTestId(browser, "side-first");
    assert.equal(await first.getAttribute("data-first"), "counterpart");
    assert.equal(await first.getAttribute("data-days"), "4");
    assert.ok((await first.getText()).includes("4"), `the line names the days: ${await first.getText()}`);
    assert.equal(await browser.$('[data-testid="evidence-card"][data-decides="true"]').isExisting(), true);
    assert.ok((await byTestId(browser, "review-version").getText()).startsWith("v"), "the decision's version by number");
    await shot("review-co-sell");

    // A duplicate: the earlier registration of the same customer by another partner, a day before.
    const dup = await sideFor(browser, DUPLICATE);
    assert.equal(await dup.getAttribute("data-source"), "registration");
    assert.ok((await dup.getText()).includes("R0008"), "the earlier registration's id heads its column");
    const dupCells = await sideCells(browser);
    assert.notEqual(dupCells.amount[1].trim(), "—", "the other registration's amount");
    assert.notEqual(dupCells.who[0], dupCells.who[1], "two different partners");
    assert.equal(await byTestId(browser, "side-first").getAttribute("data-first"), "counterpart");
    assert.equal(await byTestId(browser, "side-first").getAttribute("data-days"), "1");
    await shot("review-duplicate");

    // A dispute on the co-sell: its card shows the claim and the contested decision's evidence, and opens the review.
    await openReview(browser, CO_SELL);
    await (await waitTestId(browser, "review-open-dispute")).click();
    await type(browser, "dispute-claim", CLAIM);
    await (await waitTestId(browser, "dispute-submit")).click();
    await browser.waitUntil(async () => (await byTestId(browser, "screen-review").getText()).includes(CLAIM), { timeout: 15000 });
    await go(browser, "disputes");
    const card = browser.$(`[data-testid="dispute-row"]`);
    await card.waitForDisplayed({ timeout: 15000, timeoutMsg: "no dispute card" });
    assert.ok((await card.getText()).includes(CO_SELL));
    assert.equal(await byTestId(browser, "dispute-card-claim").getText(), CLAIM);
    assert.equal(await byTestId(browser, "dispute-counterpart").getAttribute("data-source"), "follow_up");
    assert.ok((await byTestId(browser, "dispute-contested-version").getText()).includes("v1"));
    assert.equal(await browser.$('[data-testid="dispute-decision"] [data-outcome]').getAttribute("data-outcome"), "co_sell");
    await shot("dispute-card");
    await (await waitTestId(browser, "dispute-open-review")).click();
    await waitTestId(browser, "review-side");
    await browser.waitUntil(async () => (await browser.$("h2").getText()).includes(CO_SELL), { timeout: 10000 });
    assert.ok((await byTestId(browser, "screen-review").getText()).includes(CLAIM), "the review lists the dispute");
    await shot("dispute-to-review");

    // The 华东 head: remove on 华东's accounts only, and a note saying why the others have none.
    await switchUser(browser, "li.huadong");
    await go(browser, "heads");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="heads-row"]')).length > 0, { timeout: 15000 });
    const rows = await browser.execute(() => Array.from(document.querySelectorAll('[data-testid="heads-row"]')).map((r) => ({
      region: r.getAttribute("data-region"),
      remove: !!r.querySelector('[data-testid="heads-remove"]'),
      why: r.querySelector('[data-testid="heads-no-remove"]')?.getAttribute("title") ?? "",
    })));
    assert.ok(rows.some((r) => r.region === "华东") && rows.some((r) => r.region !== "华东"), JSON.stringify(rows));
    for (const r of rows) {
      assert.equal(r.remove, r.region === "华东", `remove offered only on 华东: ${JSON.stringify(r)}`);
      if (!r.remove) assert.ok(r.why.includes(r.region), `why names the region: ${JSON.stringify(r)}`);
    }
    assert.equal(await byTestId(browser, "heads-note").isDisplayed(), true);
    await shot("heads-regional-head");
  });
});
