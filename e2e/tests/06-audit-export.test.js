// E2E 6: the audit screen exports the log to a typed path; the file exists and holds the demo's entries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { withApp, waitTestId } from "../lib/harness.js";
import { choose, go, loadDemo, type } from "../lib/steps.js";

test("the audit export writes a CSV file", { timeout: 120000 }, async () => {
  await withApp("audit-export", async ({ browser, shot, tmp }) => {
    await loadDemo(browser);
    await go(browser, "audit");
    await browser.waitUntil(async () => (await browser.$$('[data-testid="audit-row"]').length) > 0, {
      timeout: 15000,
      timeoutMsg: "the audit log shows no rows after the demo",
    });
    const verify = browser.$('[data-testid="audit-verify-status"]');
    await browser.waitUntil(async () => (await verify.getAttribute("data-status")) !== null, {
      timeout: 15000,
      timeoutMsg: "the chain verification never finished",
    });
    assert.equal(await verify.getAttribute("data-status"), "intact", `the demo's audit chain: ${await verify.getText()}`);
    await shot("audit");

    const out = path.join(tmp, "审计导出 audit.csv"); // a non-ASCII path with a space
    await choose(browser, "audit-export-format", "csv");
    await type(browser, "audit-export-path", out);
    await (await waitTestId(browser, "audit-export-run")).click();
    const result = browser.$('[data-testid="audit-export-result"]');
    await browser.waitUntil(async () => /\S/.test(await result.getText()), {
      timeout: 20000,
      timeoutMsg: "audit-export-result never reported the export",
    });
    await shot("audit-exported");

    assert.ok(existsSync(out), `the export did not write ${out}; the screen says: ${await result.getText()}`);
    const lines = readFileSync(out, "utf8").replace(/^\uFEFF/, "").split(/\r?\n/).filter((l) => l.trim());
    const exported = Number((await result.getText()).replace(/,/g, "").match(/\d+/)?.[0]);
    assert.ok(exported >= 10, `the demo's entries are exported: ${await result.getText()}`);
    assert.ok(lines.length - 1 >= exported, `a header and ${exported} entries expected, got ${lines.length} line(s)`);
    // Actions are written in the export's language ("check proposed" / "查重建议"), not as codes.
    assert.ok(lines.slice(1).some((l) => /check proposed|查重建议/i.test(l)), "the file holds the check's entries");
  });
});
