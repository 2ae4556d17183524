// Source cards: rows held and last import of each source, stale ones (old or never imported) visibly warned.
import type { SourceStatus } from "../../backend";
import { el } from "../../dom";
import { formatNumber, formatTime, kindLabel } from "../../format";
import { t } from "../../i18n";

/** Stale when the backend says so, or when never imported. */
export function isStale(s: SourceStatus): boolean {
  return s.stale === true || s.last_import_at === null;
}

export function sourceCards(list: SourceStatus[]): HTMLElement {
  return el(
    "div",
    "source-cards",
    ...list.map((s) => {
      const card = el(
        "div",
        "card source-card",
        el("h3", undefined, kindLabel(s.kind)),
        el("p", "rows", el("strong", undefined, formatNumber(s.rows)), " ", t("data.rows", { n: "" }).trim()),
        el("p", "muted last-import", t("data.lastImport", { at: s.last_import_at ? formatTime(s.last_import_at) : t("common.never") })),
      );
      card.dataset.kind = s.kind;
      if (s.last_file) card.title = s.last_file;
      if (isStale(s)) {
        card.classList.add("stale");
        card.dataset.stale = "true";
        card.append(el("p", "stale-warning", `⚠ ${t("data.stale")}`));
      }
      return card;
    }),
  );
}
