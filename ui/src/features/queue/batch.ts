// Batch accept: the proposals picked in the queue, accepted in one call after an undo window (undo writes nothing);
// the backend writes each as its own audited decision and reports each, so a refused one is named and the rest stand.
import * as backend from "../../backend";
import type { Ctx } from "../../ctx";
import { button, el, tid } from "../../dom";
import { t } from "../../i18n";

/** How long the undo lasts before the decisions are written. */
export let UNDO_MS = 5000;

/** Shortens the undo window (tests). */
export function setUndoMs(ms: number): void {
  UNDO_MS = ms;
}

export interface Batch {
  /** The bar with the accept button and, while waiting, the undo. */
  root: HTMLElement;
  picked(): ReadonlySet<string>;
  toggle(id: string): void;
  pickAll(ids: string[]): void;
  /** Writes what waits at once (the screen is left): a person's batch is never silently dropped. */
  flush(): void;
}

/** The batch bar; `written` is called after the backend answered (reload the list and counts). */
export function createBatch(ctx: Ctx, loadedIds: () => string[], written: () => void, changed: () => void): Batch {
  const picked = new Set<string>();
  let waiting: { ids: string[]; timer: ReturnType<typeof setTimeout> } | null = null;

  const acceptB = tid(button("", () => start(), "btn primary"), "batch-accept");
  const undoBar = tid(el("div", "toast undo"), "batch-undo-bar");
  undoBar.hidden = true;
  const undoText = el("span", undefined);
  const undoB = tid(button(t("batch.undo"), () => undo(), "btn"), "batch-undo");
  undoBar.append(undoText, undoB);

  const paint = (): void => {
    acceptB.textContent = t("batch.accept", { n: picked.size });
    acceptB.disabled = picked.size === 0 || waiting !== null;
  };

  const write = async (ids: string[]): Promise<void> => {
    undoBar.hidden = true;
    waiting = null;
    let results: backend.BatchResult[] | undefined;
    try {
      results = await backend.acceptMany(ids);
    } catch (reason) {
      ctx.fail(t("batch.accept", { n: ids.length }), reason);
    }
    if (results) {
      const refused = results.filter((r) => r.error);
      for (const r of refused) ctx.fail(t("batch.refused", { id: r.registration_id }), r.error);
      ctx.notify(t("batch.done", { ok: results.length - refused.length, failed: refused.length }));
    }
    paint();
    written();
  };

  function start(): void {
    if (picked.size === 0 || waiting) return;
    const ids = [...picked];
    picked.clear();
    undoText.textContent = t("batch.pending", { n: ids.length });
    undoBar.hidden = false;
    waiting = { ids, timer: setTimeout(() => void write(ids), UNDO_MS) };
    paint();
    changed();
  }

  function undo(): void {
    if (!waiting) return;
    clearTimeout(waiting.timer);
    for (const id of waiting.ids) picked.add(id);
    waiting = null;
    undoBar.hidden = true;
    ctx.notify(t("batch.undone"));
    paint();
    changed();
  }

  paint();
  const pickAllB = tid(button(t("batch.pickAll"), () => batch.pickAll(loadedIds()), "btn"), "batch-pick-all");
  const root = tid(el("div", "batch-bar", pickAllB, acceptB, undoBar), "batch-bar");
  const batch: Batch = {
    root,
    picked: () => picked,
    toggle(id) {
      if (picked.has(id)) picked.delete(id);
      else picked.add(id);
      paint();
      changed();
    },
    pickAll(ids) {
      for (const id of ids) picked.add(id);
      paint();
      changed();
    },
    flush() {
      if (!waiting) return;
      clearTimeout(waiting.timer);
      void write(waiting.ids);
    },
  };
  return batch;
}
