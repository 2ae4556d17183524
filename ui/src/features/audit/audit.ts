// The audit log: search and filters, paging, the hash chain's verification badge, and export to CSV/XLSX/JSON.
import * as backend from "../../backend";
import { OUTCOMES, type AuditEntry, type AuditFilter, type ExportFormat, type Outcome } from "../../types";
import { attempt, type Ctx, type Screen } from "../../ctx";
import { button, dateInput, debounce, el, field, input, isDate, row, select, table, tid } from "../../dom";
import { actionLabel, detailsText, formatNumber, formatTime, outcomeLabel, ruleLabel } from "../../format";
import { lookup, t } from "../../i18n";

export const AUDIT_PAGE = 50;
/** The actions a person filters the log by. */
const ACTIONS = ["check.propose", "decide.accept", "decide.override", "extend", "expire", "dispute.open", "dispute.rule", "import", "head_account.add", "head_account.remove", "settings.update", "user.save", "user.remove", "audit.export"];
/** Export takes the filter without its paging. */
const ALL_ROWS = 2_147_483_647;

function entryRow(e: AuditEntry): HTMLTableRowElement {
  const tr = tid(
    row(
      String(e.seq),
      formatTime(e.at),
      e.actor,
      actionLabel(e.action),
      e.subject,
      [e.region, e.partner].filter(Boolean).join(" · "),
      e.outcome && (OUTCOMES as string[]).includes(e.outcome) ? outcomeLabel(e.outcome as Outcome) : e.outcome ?? "",
      e.rule ? ruleLabel(e.rule) : "",
      el("span", "mono hash", e.hash.slice(0, 10)),
    ),
    "audit-row",
  );
  tr.dataset.seq = String(e.seq);
  tr.title = detailsText(e.payload);
  return tr;
}

/** The audit screen. */
export function auditScreen(ctx: Ctx): Screen {
  const search = tid(input("search", "", t("audit.searchPlaceholder")), "audit-search");
  const action = tid(select([["", t("common.all")], ...ACTIONS.map((a): [string, string] => [a, actionLabel(a)])]), "audit-action");
  const actor = tid(input("text"), "audit-actor");
  const from = tid(dateInput("", t("date.placeholder")), "audit-from");
  const to = tid(dateInput("", t("date.placeholder")), "audit-to");
  let offset = 0;
  let total = 0;

  const filter = (): AuditFilter => {
    const f: AuditFilter = { offset, limit: AUDIT_PAGE };
    if (search.value.trim()) f.search = search.value.trim();
    if (action.value.trim()) f.action = action.value.trim();
    if (actor.value.trim()) f.actor = actor.value.trim();
    if (isDate(from.value)) f.from = from.value.trim();
    if (isDate(to.value)) f.to = to.value.trim();
    return f;
  };

  const body = el("div", "audit-table");
  const pageText = el("span", "page-text");
  const prev = button(t("common.prev"), () => {
    offset = Math.max(0, offset - AUDIT_PAGE);
    void load();
  }, "btn small");
  const next = button(t("common.next"), () => {
    offset += AUDIT_PAGE;
    void load();
  }, "btn small");
  const load = async (): Promise<void> => {
    const page = await attempt(ctx, t("audit.title"), () => backend.auditLog(filter()));
    if (!page) return;
    total = page.total;
    body.replaceChildren(
      table(
        [t("audit.seq"), t("audit.at"), t("audit.actor"), t("audit.action"), t("audit.subject"), t("queue.region"), t("audit.outcome"), t("audit.rule"), t("audit.hash")],
        page.rows.map(entryRow),
      ),
    );
    pageText.textContent = t("common.page", {
      from: total === 0 ? 0 : offset + 1,
      to: Math.min(total, offset + page.rows.length),
      total: formatNumber(total),
    });
    prev.disabled = offset === 0;
    next.disabled = offset + AUDIT_PAGE >= total;
  };
  const refilter = debounce(() => {
    offset = 0;
    void load();
  }, 250);
  for (const c of [search, action, actor]) c.addEventListener("input", refilter);
  for (const c of [from, to]) c.addEventListener("change", refilter);

  // Chain verification
  const status = tid(el("span", "verify-status", t("audit.checking")), "audit-verify-status");
  const problems = el("ul", "problems");
  const anchor = tid(el("code", "anchor"), "audit-anchor");
  const anchorLine = el("p", "anchor-line", el("span", undefined, t("audit.anchor")), anchor);
  anchorLine.title = t("audit.anchorHelp");
  anchorLine.hidden = true;
  const verify = async (): Promise<void> => {
    status.textContent = t("audit.checking");
    status.dataset.status = "checking";
    const outcome = await attempt(ctx, t("audit.verify"), backend.verifyAudit);
    if (!outcome) {
      status.textContent = "?";
      status.dataset.status = "error";
      return;
    }
    const broken = !outcome.intact;
    status.dataset.status = broken ? "broken" : "intact";
    status.textContent = broken ? t("audit.broken", { n: outcome.problems.length }) : t("audit.intact", { n: formatNumber(outcome.entries_checked) });
    problems.replaceChildren(...outcome.problems.map((p) => el("li", undefined, `#${p.seq} ${lookup(`tamper.${p.kind}`) ?? p.kind}: ${p.detail}`)));
    anchor.textContent = outcome.anchor ?? "";
    anchorLine.hidden = !outcome.anchor;
  };

  // Export
  const format = tid(select([["csv", "CSV"], ["xlsx", "XLSX"], ["json", "JSON"]], "csv"), "audit-export-format");
  const path = tid(input("text", "", "/path/to/audit.csv"), "audit-export-path");
  path.classList.add("path");
  const result = tid(el("p", "export-result"), "audit-export-result");
  const saveAs = button(t("audit.saveAs"), async () => {
    const chosen = await attempt(ctx, t("audit.saveAs"), () =>
      backend.chooseSavePath(path.value || `audit.${format.value}`, [{ name: format.value.toUpperCase(), extensions: [format.value] }]),
    );
    if (chosen) path.value = chosen;
  });
  const run = tid(
    button(t("audit.export"), async () => {
      if (!path.value.trim()) {
        ctx.fail(t("audit.export"), { code: "invalid_input", message: t("audit.path") });
        return;
      }
      run.disabled = true;
      result.textContent = "";
      const summary = await attempt(ctx, t("audit.export"), () =>
        backend.exportAudit(path.value.trim(), format.value as ExportFormat, { ...filter(), offset: 0, limit: ALL_ROWS }),
      );
      run.disabled = false;
      if (summary) result.textContent = t("audit.exported", { n: formatNumber(summary.entries), path: summary.path });
    }, "btn primary"),
    "audit-export-run",
  );

  void load();
  void verify();
  return {
    root: tid(
      el(
        "section",
        "screen audit",
        el("div", "screen-title", el("h2", undefined, t("audit.title")), status, button(t("audit.verify"), () => void verify(), "btn small")),
        anchorLine,
        problems,
        el(
          "div",
          "filters",
          field(t("common.search"), search, "field grow"),
          field(t("audit.action"), action),
          field(t("audit.actor"), actor),
          field(t("common.from"), from),
          field(t("common.to"), to),
        ),
        el(
          "section",
          "card export",
          el("h3", undefined, t("audit.export")),
          el("div", "form-row", field(t("audit.format"), format), field(t("audit.path"), path, "field grow"), saveAs, run),
          result,
        ),
        body,
        el("div", "pager", prev, pageText, next),
      ),
      "screen-audit",
    ),
  };
}
