// Outcome colours shared by the dashboard's charts and its lists (kept apart so the lists need not load the chart library).
import type { Outcome } from "../../types";

/** One colour per outcome, told apart at a glance (also by people with red-green weakness: blue, purple, teal). */
export const OUTCOME_COLORS: Record<Outcome, string> = {
  approved: "#16a34a",
  co_sell: "#2563eb",
  direct_retained: "#7c3aed",
  duplicate: "#dc2626",
  needs_info: "#d97706",
  review: "#0891b2",
};
