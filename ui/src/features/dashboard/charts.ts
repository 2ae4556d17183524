// The dashboard's charts on ECharts (only the parts used: pie, bar, grid, tooltip, legend, SVG renderer); each click is handed to the caller.
import * as echarts from "echarts/core";
import { BarChart, PieChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { Outcome } from "../../types";
import { OUTCOME_COLORS } from "./colors";
import { el } from "../../dom";

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);


/** What was clicked: a data item (series and index), or a category axis label. */
export type ChartHit = { kind: "item"; series: number; index: number } | { kind: "axis"; value: string };

export interface Chart {
  root: HTMLElement;
  instance: echarts.ECharts;
  dispose(): void;
}

/** Width used until the box is laid out (tests have no layout). */
const FALLBACK_WIDTH = 640;

/** Draws `option` into a box `height` pixels high that follows its width; clicks go to `onHit`. */
export function mountChart(option: echarts.EChartsCoreOption, height: number, onHit: (hit: ChartHit) => void): Chart {
  const root = el("div", "chart-box");
  root.style.height = `${height}px`;
  const instance = echarts.init(root, undefined, { renderer: "svg", width: FALLBACK_WIDTH, height });
  instance.setOption({ animation: false, ...option });
  instance.on("click", (p) => {
    const e = p as { componentType?: string; seriesIndex?: number; dataIndex?: number; value?: unknown };
    if (e.componentType === "series" && e.seriesIndex !== undefined && e.dataIndex !== undefined) onHit({ kind: "item", series: e.seriesIndex, index: e.dataIndex });
    else if (e.componentType === "xAxis" || e.componentType === "yAxis") onHit({ kind: "axis", value: String(e.value) });
  });
  let observer: ResizeObserver | undefined;
  if (typeof ResizeObserver !== "undefined") {
    observer = new ResizeObserver(() => {
      if (root.clientWidth > 0) instance.resize({ width: root.clientWidth, height });
    });
    observer.observe(root);
  }
  return { root, instance, dispose: () => { observer?.disconnect(); instance.dispose(); } };
}

/** One slice per outcome, labelled with its share. */
export function outcomePie(slices: { outcome: Outcome; label: string; count: number }[]): echarts.EChartsCoreOption {
  return {
    tooltip: { trigger: "item", formatter: "{b}: {c} ({d}%)" },
    legend: { bottom: 0, type: "plain" },
    series: [{
      type: "pie",
      radius: ["35%", "65%"],
      center: ["50%", "45%"],
      // The share only: names and counts are in the list beside the chart (long names would be cut here).
      label: { formatter: "{d}%" },
      percentPrecision: 0,
      data: slices.map((s) => ({ name: s.label, value: s.count, itemStyle: { color: OUTCOME_COLORS[s.outcome] } })),
    }],
  };
}

export interface StackSeries {
  outcome: Outcome;
  label: string;
  values: number[];
}

/** Columns per category (months), stacked by outcome, with a value axis and rotated labels that stay readable at 24 and more. */
export function stackedColumns(categories: string[], series: StackSeries[]): echarts.EChartsCoreOption {
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 40, bottom: 56 },
    xAxis: { type: "category", data: categories, triggerEvent: true, axisLabel: { interval: 0, rotate: categories.length > 12 ? 45 : 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: series.map((s) => ({
      type: "bar",
      name: s.label,
      stack: "all",
      itemStyle: { color: OUTCOME_COLORS[s.outcome] },
      emphasis: { focus: "series" },
      data: s.values,
    })),
  };
}

/** Horizontal bars per category (partners), first at the top, stacked by outcome; labels truncated to `labelWidth`. */
export function stackedBars(categories: string[], series: StackSeries[], axisLabel: (category: string) => string, labelWidth = 200): echarts.EChartsCoreOption {
  return {
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
    legend: { top: 0 },
    grid: { left: labelWidth + 16, right: 24, top: 40, bottom: 24 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: {
      type: "category",
      inverse: true,
      data: categories,
      triggerEvent: true,
      axisLabel: { interval: 0, width: labelWidth, overflow: "truncate", formatter: axisLabel },
    },
    series: series.map((s) => ({
      type: "bar",
      name: s.label,
      stack: "all",
      barMaxWidth: 18,
      itemStyle: { color: OUTCOME_COLORS[s.outcome] },
      emphasis: { focus: "series" },
      data: s.values,
    })),
  };
}
