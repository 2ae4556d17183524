// A virtualised list: fixed-height rows, only the visible window in the DOM, pages fetched on demand as it scrolls.
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
  total(): number;
  selected(): number;
  item(index: number): T | undefined;
  select(index: number): void;
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

  const height = () => viewport.clientHeight || FALLBACK_HEIGHT;
  const itemAt = (index: number): T | undefined => {
    const page = pages.get(Math.floor(index / pageSize));
    return page && page !== "loading" ? page[index % pageSize] : undefined;
  };

  const load = (page: number): void => {
    if (pages.has(page)) return;
    pages.set(page, "loading");
    const gen = generation;
    options.fetch(page * pageSize, pageSize).then(
      (result) => {
        if (gen !== generation) return;
        pages.set(page, result.rows);
        if (result.total !== total) {
          total = result.total;
          spacer.style.height = `${total * rowHeight}px`;
          options.onTotal(total);
        }
        render();
      },
      (reason) => {
        if (gen !== generation) return;
        pages.delete(page);
        options.onError(reason);
      },
    );
  };

  const render = (): void => {
    const top = viewport.scrollTop;
    const first = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
    const last = Math.min(total, Math.ceil((top + height()) / rowHeight) + OVERSCAN);
    for (let p = Math.floor(first / pageSize); p <= Math.floor(Math.max(first, last - 1) / pageSize); p++) load(p);
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const node = options.renderRow(itemAt(i), i, i === selectedIndex);
      node.style.position = "absolute";
      node.style.top = `${i * rowHeight}px`;
      node.style.height = `${rowHeight}px`;
      rows.push(node);
    }
    layer.replaceChildren(...rows);
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
    total: () => total,
    selected: () => selectedIndex,
    item: itemAt,
    select(index) {
      if (total === 0) return;
      selectedIndex = Math.max(0, Math.min(total - 1, index));
      const y = selectedIndex * rowHeight;
      if (y < viewport.scrollTop) viewport.scrollTop = y;
      else if (y + rowHeight > viewport.scrollTop + height()) viewport.scrollTop = y + rowHeight - height();
      render();
    },
  };
  return list;
}
