// The import panel: kind, path (typed or chosen), preview with column mapping, import with progress and the check as part of it; the report (counts, changes, bad rows, a link to the rows in the queue) goes where the eye is.
import * as backend from "../../backend";
import type { ImportCheck, ImportPreview, ImportReport, RecordKind, RowError } from "../../types";
import { attempt, type Ctx } from "../../ctx";
import { button, el, field, input, row, select, table, tid } from "../../dom";
import { fieldLabel, formatNumber, kindLabel, outcomeLabel, statusLabel } from "../../format";
import { openQueueFiltered } from "../queue/queue";
import { t } from "../../i18n";
import { renderProgress } from "../progress/progress";

const KINDS: RecordKind[] = ["registration", "follow_up", "head_account"];

/** The rows a report rejected, whichever field carries them. */
export function reportErrors(report: ImportReport): RowError[] {
  return report.errors;
}

function previewView(p: ImportPreview, mappingSelects: Map<string, HTMLSelectElement>): HTMLElement {
  const fieldOptions: [string, string][] = [["", t("data.ignore")], ...p.fields.map((f): [string, string] => [f.field, f.required ? t("field.required", { field: fieldLabel(f.field) }) : fieldLabel(f.field)])];
  const mappingRows = p.mapping.map((m) => {
    const s = tid(select(fieldOptions, m.field ?? ""), "import-mapping");
    s.dataset.header = m.header;
    mappingSelects.set(m.header, s);
    const tr = row(m.header, s);
    if (m.field === null) tr.classList.add("unknown");
    return tr;
  });
  const sample = table(p.headers, p.sample.map((cells) => row(...cells)), "grid sample");
  return tid(
    el(
      "div",
      "preview",
      el("p", "encoding", t("data.encoding", { enc: p.encoding, n: formatNumber(p.rows_estimate) })),
      ...(p.missing?.length ? [el("p", "stale-warning", t("data.missing", { fields: p.missing.map(fieldLabel).join(", ") }))] : []),
      el("h4", undefined, t("data.mapping")),
      table([t("data.errColumn"), t("data.field")], mappingRows, "grid mapping"),
      el("div", "sample-wrap", sample),
    ),
    "import-preview",
  );
}

/** The most ids the report's queue link carries (a larger import is opened by the queue's own filters). */
export const LINK_IDS = 10000;

function checkView(c: ImportCheck): HTMLElement {
  const counts = c.by_outcome.map((o) => `${outcomeLabel(o.outcome)} ${formatNumber(o.count)}`).join("，");
  const changed = c.changed.map((x) => {
    const li = el("li", undefined, el("span", "mono", x.registration_id), `：${outcomeLabel(x.before)} → ${outcomeLabel(x.after)}（${x.why}）`);
    li.dataset.registrationId = x.registration_id;
    li.dataset.before = x.before;
    li.dataset.after = x.after;
    return tid(li, "import-changed");
  });
  const kept = c.kept.map((k) => {
    const now = k.would_be ? t("data.keptNow", { outcome: outcomeLabel(k.would_be), why: k.why ?? "" }) : t("data.keptSame");
    const li = el("li", undefined, el("span", "mono", k.registration_id), `：${outcomeLabel(k.outcome)}（${statusLabel(k.status)}，${k.by}）· ${now}`);
    li.dataset.registrationId = k.registration_id;
    li.dataset.outcome = k.outcome;
    if (k.would_be) li.dataset.wouldBe = k.would_be;
    return tid(li, "import-kept");
  });
  const more = c.changed.length < c.changed_total || c.kept.length < c.kept_total;
  return tid(
    el(
      "div",
      "import-check",
      el("p", undefined, t("data.checked", { n: formatNumber(c.checked), counts: counts || "—" })),
      ...(c.changed_total ? [el("h4", undefined, t("data.changed", { n: formatNumber(c.changed_total) })), el("ul", undefined, ...changed)] : []),
      ...(c.kept_total ? [el("h4", undefined, t("data.kept", { n: formatNumber(c.kept_total) })), el("ul", undefined, ...kept)] : []),
      ...(more ? [el("p", "muted", t("data.listed", { n: c.changed.length }))] : []),
    ),
    "import-check",
  );
}

function reportView(ctx: Ctx, report: ImportReport): HTMLElement {
  const errors = reportErrors(report);
  const rejected = report.rejected_rows;
  const ids = report.registration_ids;
  const link = ids.length > 0 && ids.length <= LINK_IDS
    ? [tid(button(t("data.openNew", { n: formatNumber(ids.length) }), () => openQueueFiltered(ctx, {}, { label: t("data.drill", { file: report.file }), registration_ids: ids }), "btn primary"), "import-open-queue")]
    : [];
  const check = report.check ? [checkView(report.check)] : report.kind === "registration" ? [el("p", "muted", t("data.notChecked"))] : [];
  const rows = errors.map((e) =>
    tid(row(String(e.line), e.column ?? (e.column_number === null ? "—" : `#${e.column_number}`), e.value, e.problem, e.expected), "import-error-row"),
  );
  return tid(
    el(
      "section",
      "card report",
      el("div", "report-head", el("p", "summary", t("data.report", { inserted: report.inserted, updated: report.updated, rejected })), ...link),
      el("p", "muted mono", report.file),
      ...check,
      rows.length
        ? table([t("data.errLine"), t("data.errColumn"), t("data.errValue"), t("data.errProblem"), t("data.errExpected")], rows)
        : el("p", "empty", t("data.noErrors")),
    ),
    "import-report",
  );
}

/**
 * The panel; `imported` runs after a successful import (to refresh the source cards), `show` puts the
 * report (or nothing) where the eye is: the top of the screen.
 */
export function importPanel(ctx: Ctx, imported: () => void, show: (report: HTMLElement | null) => void): HTMLElement {
  const kind = tid(select(KINDS.map((k): [string, string] => [k, kindLabel(k)]), "registration"), "import-kind");
  const path = tid(input("text", "", "C:\\exports\\报备.csv"), "import-path");
  const check = tid(input("checkbox"), "import-check-box");
  check.checked = true;
  const checkField = el("label", "field check", check, t("data.checkAfter"));
  checkField.title = t("data.checkHint");
  const showCheck = () => (checkField.hidden = kind.value !== "registration");
  kind.addEventListener("change", showCheck);
  showCheck();
  path.classList.add("path");
  const out = el("div", "import-output");
  const mapping = new Map<string, HTMLSelectElement>();
  let previewed: { path: string; kind: string } | null = null;

  const choose = button(t("data.choose"), async () => {
    const chosen = await attempt(ctx, t("data.choose"), () =>
      backend.chooseOpenPath([{ name: "CSV / Excel", extensions: ["csv", "txt", "xlsx", "xlsm", "xlsb", "xls", "ods"] }]),
    );
    if (chosen) path.value = chosen;
  });
  const previewB = tid(
    button(t("data.preview"), async () => {
      const p = path.value.trim();
      if (!p) return ctx.fail(t("data.preview"), { code: "invalid_input", message: t("data.path") });
      previewB.disabled = true;
      const preview = await attempt(ctx, t("data.preview"), () => backend.importPreview(p, kind.value as RecordKind));
      previewB.disabled = false;
      mapping.clear();
      previewed = null;
      if (!preview) return out.replaceChildren();
      previewed = { path: p, kind: kind.value };
      out.replaceChildren(previewView(preview, mapping));
    }),
    "import-preview-button",
  );
  const runB = tid(
    button(t("data.run"), async () => {
      const p = path.value.trim();
      if (!p) return ctx.fail(t("data.run"), { code: "invalid_input", message: t("data.path") });
      const useMapping = previewed && previewed.path === p && previewed.kind === kind.value && mapping.size > 0;
      const columns = useMapping
        ? [...mapping].filter(([, s]) => s.value !== "").map(([header, s]) => ({ header, field: s.value }))
        : null;
      runB.disabled = true;
      const progress = renderProgress(() => void attempt(ctx, t("common.cancel"), backend.cancelJob), "import-progress");
      show(null);
      out.append(progress.root);
      const checkIt = kind.value === "registration" && check.checked;
      const report = await attempt(ctx, t("data.run"), () => backend.importFile(p, kind.value as RecordKind, columns, progress.update, checkIt));
      runB.disabled = false;
      progress.root.remove();
      if (!report) return;
      show(reportView(ctx, report));
      imported();
    }, "btn primary"),
    "import-run",
  );

  return el(
    "section",
    "card import",
    el("h3", undefined, t("data.import")),
    el("div", "form-row", field(t("data.kind"), kind), field(t("data.path"), path, "field grow"), choose, previewB, checkField, runB),
    out,
  );
}
