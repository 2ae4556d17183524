// Hand-written SVG charts: horizontal bars and stacked monthly columns, with text labels (no chart library).

const NS = "http://www.w3.org/2000/svg";

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

export const OUTCOME_COLORS: Record<string, string> = {
  approved: "#16a34a",
  co_sell: "#2563eb",
  direct_retained: "#7c3aed",
  duplicate: "#dc2626",
  needs_info: "#d97706",
  review: "#ea580c",
};

export interface Bar {
  label: string;
  value: number;
  /** Shown after the bar; defaults to the value. */
  text?: string;
  color?: string;
}

/** Horizontal bars scaled to the largest value (or `max`). */
export function barChart(bars: Bar[], max?: number): SVGSVGElement {
  const rowH = 24;
  const labelW = 150;
  const barW = 300;
  const width = labelW + barW + 70;
  const top = Math.max(max ?? 0, ...bars.map((b) => b.value), 1e-9);
  const root = svg("svg", { class: "chart bars", viewBox: `0 0 ${width} ${Math.max(1, bars.length) * rowH + 4}`, role: "img" });
  bars.forEach((b, i) => {
    const y = i * rowH + 2;
    const w = Math.max(1, (b.value / top) * barW);
    const g = svg("g", { "data-label": b.label, "data-value": b.value });
    g.append(
      svg("text", { x: labelW - 6, y: y + 15, "text-anchor": "end" }, b.label.length > 12 ? `${b.label.slice(0, 11)}…` : b.label),
      svg("rect", { x: labelW, y: y + 3, width: w, height: rowH - 8, rx: 3, fill: b.color ?? "#3b82f6" }),
      svg("text", { x: labelW + w + 6, y: y + 15 }, b.text ?? String(b.value)),
    );
    root.append(g);
  });
  return root;
}

/** Columns per month, stacked by series, with month labels under them. */
export function stackedColumns(months: string[], series: { key: string; color: string }[], value: (month: string, key: string) => number): SVGSVGElement {
  const colW = 36;
  const gap = 14;
  const chartH = 160;
  // At least a few months wide, so one month of data does not stretch into a giant column.
  const width = Math.max(6, months.length) * (colW + gap) + 40;
  const totals = months.map((m) => series.reduce((sum, s) => sum + value(m, s.key), 0));
  const top = Math.max(1, ...totals);
  const root = svg("svg", { class: "chart columns", viewBox: `0 0 ${width} ${chartH + 36}`, role: "img" });
  root.append(svg("line", { x1: 30, x2: width, y1: chartH, y2: chartH, stroke: "#d1d5db" }));
  root.append(svg("text", { x: 0, y: 12 }, String(top)));
  months.forEach((m, i) => {
    const x = 36 + i * (colW + gap);
    let y = chartH;
    const g = svg("g", { "data-month": m, "data-total": totals[i] ?? 0 });
    for (const s of series) {
      const v = value(m, s.key);
      if (v <= 0) continue;
      const h = (v / top) * (chartH - 10);
      y -= h;
      const rect = svg("rect", { x, y, width: colW, height: h, fill: s.color });
      rect.append(svg("title", {}, `${m} ${s.key}: ${v}`));
      g.append(rect);
    }
    g.append(svg("text", { x: x + colW / 2, y: chartH + 14, "text-anchor": "middle" }, m.slice(2)));
    g.append(svg("text", { x: x + colW / 2, y: y - 3, "text-anchor": "middle" }, String(totals[i] ?? 0)));
    root.append(g);
  });
  return root;
}
