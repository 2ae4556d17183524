// The three imported sources: how many rows each holds and when it was last imported.
import type { RecordKind, SourceStatus } from "../../backend";
import { el } from "../../dom";

const LABELS: Record<RecordKind, string> = {
  follow_up: "直销跟进 / Follow-ups",
  head_account: "头部客户 / Head accounts",
  registration: "伙伴报备 / Registrations",
};

/** `2026-11-20T08:05:00Z` → local `2026-11-20 16:05`; unparsable text is shown as it is. */
export function formatTime(rfc3339: string): string {
  const date = new Date(rfc3339);
  if (Number.isNaN(date.getTime())) return rfc3339;
  const pad = (n: number) => String(n).padStart(2, "0");
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}

/** True when no source holds any row (the demo can run). */
export function isEmpty(list: SourceStatus[]): boolean {
  return list.every((s) => s.rows === 0);
}

/** One card per source. */
export function renderSources(list: SourceStatus[]): HTMLElement {
  const cards = list.map((s) => {
    const card = el(
      "div",
      "source",
      el("h3", undefined, LABELS[s.kind] ?? s.kind),
      el("p", "rows", el("strong", undefined, s.rows.toLocaleString("en-US")), " 行 / rows"),
      el(
        "p",
        "last-import",
        "最近导入 / Last import: ",
        s.last_import_at ? formatTime(s.last_import_at) : "从未 / never",
      ),
    );
    card.dataset.kind = s.kind;
    if (s.last_file) card.title = s.last_file;
    return card;
  });
  return el("section", "sources", el("h2", undefined, "数据源 / Sources"), el("div", "source-cards", ...cards));
}
