// A virtualised list: fixed-height rows, only the visible window in the DOM, pages fetched on demand as it scrolls.
//
// The selection is marked in place for j/k, and the rows are loaded before a Home/End/Page jump lands.
import { el } from "../../dom";

export interface VirtualListOptions<T> {
  rowHeight: number;
  pageSize: number;
  /** Fetches rows `[offset, offset + limit)` and the total under the current query. */
  fetch(offset: number, limit: number): Promise<{ total: number; rows: T[] }>;
  /** Draws row `index`; `item` is undefined while its page loads. */
  renderRow(item: T | undefined, index: number, selected: boolean): HTMLElement;
  onTotal(total: number): void;
  onError(reason: unknown): void;
}

export interface VirtualList<T> {
  root: HTMLElement;
  /** Drops every loaded page and starts again from the top (the query changed). */
  reset(): void;
  /** Reloads the loaded pages in place (a row changed). */
  reload(): void;
  /** Draws the loaded rows again without fetching (a mark on them changed). */
  redraw(): void;
  total(): number;
  selected(): number;
  item(index: number): T | undefined;
  select(index: number): void;
  /** Rows that fit in the viewport (a page for PageDown / PageUp). */
  visibleRows(): number;
  /** Loads the rows around `index` first, then selects it: a jump (Home / End) lands on drawn rows, never blanks. */
  jump(index: number): Promise<void>;
}

const OVERSCAN = 5;
/** Used when the viewport has no layout yet (e.g. in tests). */
const FALLBACK_HEIGHT = 480;

export function createVirtualList<T>(options: VirtualListOptions<T>): VirtualList<T> {
  const { rowHeight, pageSize } = options;
  const viewport = el("div", "vlist-viewport");
  viewport.tabIndex = 0;
  const spacer = el("div", "vlist-spacer");
  const layer = el("div", "vlist-rows");
  spacer.append(layer);
  viewport.append(spacer);

  const pages = new Map<number, T[] | "loading">();
  let total = 0;
  let generation = 0;
  let selectedIndex = -1;
  /** After a reset the next page tells its total even when it equals the last query's (the caller cleared it). */
  let announce = false;

  const height = () => viewport.clientHeight || FALLBACK_HEIGHT;
  const itemAt = (index: number): T | undefined => {
    const page = pages.get(Math.floor(index / pageSize));
    return page && page !== "loading" ? page[index % pageSize] : undefined;
  };

  const inflight = new Map<number, Promise<void>>();
  /** Fetches `page` unless it is loaded or loading; `draw` false leaves drawing to the caller (a jump). */
  const load = (page: number, draw = true): Promise<void> => {
    if (pages.has(page)) return inflight.get(page) ?? Promise.resolve();
    pages.set(page, "loading");
    const gen = generation;
    const done = options.fetch(page * pageSize, pageSize).then(
      (result) => {
        inflight.delete(page);
        if (gen !== generation) return;
        pages.set(page, result.rows);
        if (result.total !== total || announce) {
          announce = false;
          total = result.total;
          spacer.style.height = `${total * rowHeight}px`;
          options.onTotal(total);
        }
        if (draw) render();
      },
      (reason) => {
        inflight.delete(page);
        if (gen !== generation) return;
        pages.delete(page);
        options.onError(reason);
      },
    );
    inflight.set(page, done);
    return done;
  };

  const render = (): void => {
    const top = viewport.scrollTop;
    const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
    const last = Math.min(total, Math.ceil((top + height()) / rowHeight) + OVERSCAN);
    for (let p = Math.floor(first / pageSize); p <= Math.floor(Math.max(first, last - 1) / pageSize); p++) load(p);
    const rows: HTMLElement[] = [];
    drawn.clear();
    for (let i = first; i < last; i++) {
      const node = options.renderRow(itemAt(i), i, i === selectedIndex);
      node.style.position = "absolute";
      node.style.top = `${i * rowHeight}px`;
      node.style.height = `${rowHeight}px`;
      rows.push(node);
      drawn.set(i, node);
    }
    drawnRange = [first, last];
    layer.replaceChildren(...rows);
  };
  /** The rows in the DOM by index, and the drawn window [first, last). */
  const drawn = new Map<number, HTMLElement>();
  let drawnRange: [number, number] = [0, 0];
  const mark = (index: number, on: boolean): void => {
    const node = drawn.get(index);
    if (!node) return;
    node.classList.toggle("selected", on);
    node.setAttribute("aria-selected", String(on));
  };

  let frame = false;
  viewport.addEventListener("scroll", () => {
    if (frame) return;
    frame = true;
    queueMicrotask(() => {
      frame = false;
      render();
    });
  });

  const list: VirtualList<T> = {
    root: viewport,
    reset() {
      generation++;
      announce = true;
      pages.clear();
      selectedIndex = -1;
      viewport.scrollTop = 0;
      load(0);
      render();
    },
    reload() {
      generation++;
      pages.clear();
      if (total === 0) load(0);
      render();
    },
    redraw: () => render(),
    total: () => total,
    selected: () => selectedIndex,
    item: itemAt,
    select(index) {
      if (total === 0) return;
      const before = selectedIndex;
      selectedIndex = Math.max(0, Math.min(total - 1, index));
      const y = selectedIndex * rowHeight;
      const top = viewport.scrollTop;
      let scrollTo = top;
      if (y < top) scrollTo = y;
      else if (y + rowHeight > top + height()) scrollTo = y + rowHeight - height();
      // Within the drawn window and no scroll: only the two rows' marks change (j/k within one frame).
      if (scrollTo === top && drawn.has(selectedIndex) && selectedIndex >= drawnRange[0] && selectedIndex < drawnRange[1]) {
        mark(before, false);
        mark(selectedIndex, true);
        return;
      }
      viewport.scrollTop = scrollTo;
      render();
    },
    visibleRows: () => Math.max(1, Math.floor(height() / rowHeight)),
    async jump(index) {
      if (total === 0) return;
      const target = Math.max(0, Math.min(total - 1, index));
      const firstPage = Math.floor(Math.max(0, target - list.visibleRows() - OVERSCAN) / pageSize);
      const lastPage = Math.floor(Math.min(total - 1, target + list.visibleRows() + OVERSCAN) / pageSize);
      const waits: Promise<void>[] = [];
      for (let p = firstPage; p <= lastPage; p++) waits.push(load(p, false));
      await Promise.all(waits);
      list.select(target);
    },
  };
  return list;
}
