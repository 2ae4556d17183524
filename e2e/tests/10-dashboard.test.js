// E2E 10: the dashboard's numbers and bars open the queue on exactly the registrations they count (run in Chinese).
import { test } from "node:test";
import assert from "node:assert/strict";
import { byTestId, waitTestId, withApp } from "../lib/harness.js";
import { go, loadDemo, LOADED_ROW, queueRows, queueTotal } from "../lib/steps.js";

/** Waits until the queue is filtered to `expected` rows and they are all loaded; returns them. */
async function queueOf(browser, expected, what) {
  await waitTestId(browser, "queue-drill");
  await browser.waitUntil(async () => (await queueTotal(browser)) === expected && (await browser.$$(LOADED_ROW)).length >= Math.min(expected, 5), {
    timeout: 20000,
    timeoutMsg: `${what}: the queue did not show ${expected} rows (total ${await queueTotal(browser)})`,
  });
  return queueRows(browser);
}

/** The partner table as the dashboard shows it: name, checked, duplicates per row. */
async function partnerTable(browser) {
  return browser.execute(() => [...document.querySelectorAll('[data-testid="dashboard-partner"]')].map((tr) => ({
    partner: tr.getAttribute("data-partner"),
    checked: Number(tr.querySelector('[data-testid="dashboard-partner-checked"]').textContent.replace(/\D/g, "")),
    duplicates: Number(tr.querySelector('[data-testid="dashboard-partner-duplicates"]').textContent.replace(/\D/g, "")),
  })));
}

async function openDashboard(browser) {
  await go(browser, "dashboard");
  await waitTestId(browser, "dashboard-checked", 30000);
  await browser.waitUntil(async () => (await browser.$$('[data-testid="dashboard-partner-chart"] svg path')).length > 0, {
    timeout: 15000, timeoutMsg: "the partner chart drew nothing",
  });
}

test("a dashboard number and a dashboard bar open the queue on exactly their registrations", { timeout: 240000 }, async () => {
  await withApp("dashboard", async ({ browser, shot }) => {
    await loadDemo(browser);
    await openDashboard(browser);
    const text = await byTestId(browser, "screen-dashboard").getText();
    assert.match(text, /撞单率 = /, "the duplicate rate is defined in words");
    await shot("dashboard");

    // A number: the partner with the most duplicates, its duplicates cell.
    const partners = await partnerTable(browser);
    assert.ok(partners.length > 0, "the demo has partners");
    const top = [...partners].sort((a, b) => b.duplicates - a.duplicates)[0];
    assert.ok(top.duplicates > 0, `some partner of the demo has a duplicate: ${JSON.stringify(partners)}`);
    await browser.execute((p) => {
      const tr = [...document.querySelectorAll('[data-testid="dashboard-partner"]')].find((r) => r.getAttribute("data-partner") === p);
      tr.querySelector('[data-testid="dashboard-partner-duplicates"]').click();
    }, top.partner);
    await waitTestId(browser, "screen-queue");
    const dups = await queueOf(browser, top.duplicates, `${top.partner}'s duplicates`);
    for (const r of dups) {
      assert.equal(r.outcome, "duplicate", `row ${r.id}`);
      assert.ok(r.text.includes(top.partner), `row ${r.id} belongs to ${top.partner}`);
    }
    await shot("queue-partner-duplicates");

    // A number: the outcome list's count for co-sell.
    await openDashboard(browser);
    const coSell = await byTestId(browser, "screen-dashboard").$('[data-testid="dashboard-outcome"][data-outcome="co_sell"]');
    const coSellCount = Number((await coSell.getText()).replace(/\D/g, ""));
    await coSell.click();
    const coSellRows = await queueOf(browser, coSellCount, "co-sell");
    for (const r of coSellRows) assert.equal(r.outcome, "co_sell", `row ${r.id}`);

    // A bar: a real click on the partner chart's first duplicate segment (ECharts hit-tests it).
    await openDashboard(browser);
    const clicked = await browser.execute(() => {
      const box = document.querySelector('[data-testid="dashboard-partner-chart"]');
      box.scrollIntoView({ block: "start" });
      const red = [...box.querySelectorAll("path")].filter((p) => /^(#dc2626|rgb\(220,\s*38,\s*38\))$/i.test(p.getAttribute("fill") ?? ""));
      // The legend's swatch is red too; the bars lie below the legend, in the grid.
      const gridTop = box.getBoundingClientRect().top + 36;
      const bars = red.map((p) => p.getBoundingClientRect()).filter((r) => r.width > 0 && r.top > gridTop).sort((a, b) => a.top - b.top);
      if (bars.length === 0) return null;
      const r = bars[0];
      return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
    });
    assert.ok(clicked, "the partner chart has a duplicate segment");
    await browser.action("pointer").move({ x: clicked.x, y: clicked.y, origin: "viewport" }).down().up().perform();
    // The chart lists partners in the table's order (highest duplicate rate first): its top red segment is the first row's.
    const first = partners[0];
    const barRows = await queueOf(browser, first.duplicates, "the first partner's duplicate segment");
    for (const r of barRows) {
      assert.equal(r.outcome, "duplicate", `row ${r.id}`);
      assert.ok(r.text.includes(first.partner), `row ${r.id} belongs to ${first.partner}`);
    }
    await shot("queue-bar");
  });
});
