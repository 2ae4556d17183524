// Test fixtures (pure data, no test framework): users, sources, queue rows, a registration and decisions.
import type { ConnectionView, Decision, ItemRights, QueueRow, Registration, SourceStatus, User, WhyNot } from "./backend";

export const USERS: User[] = [
  { name: "admin", role: "admin", regions: [] },
  { name: "王经理", role: "channel_manager", regions: ["华东"] },
];
/** The app on this machine's database file. */
export const LOCAL: ConnectionView = {
  mode: "local",
  database: "/home/li/.local/share/dealgate/dealgate.db",
  team: null,
  keyring: "not_saved",
  problem: null,
};
/** The app on a team database, signed in as a channel manager. */
export const TEAM: ConnectionView = {
  mode: "team",
  database: "postgres://wang.qudao@db.team.internal:5432/dealgate",
  team: { host: "db.team.internal", port: 5432, database: "dealgate", user: "wang.qudao", sslmode: null },
  keyring: "saved",
  problem: null,
};
export const FILLED: SourceStatus[] = [
  { kind: "follow_up", rows: 309, last_import_at: "2026-11-20T08:05:00Z", last_file: "fu.csv", stale: false },
  { kind: "head_account", rows: 4, last_import_at: "2026-01-20T08:05:01Z", last_file: "ha.csv", stale: true },
  { kind: "registration", rows: 2, last_import_at: "2026-11-20T08:05:02Z", last_file: "rg.csv", stale: false },
];

export function queueRow(i: number, overrides: Partial<QueueRow> = {}): QueueRow {
  return {
    registration_id: `R${String(i).padStart(6, "0")}`,
    customer_name: `客户${i}科技有限公司`,
    partner: "甲伙伴",
    region: "华东",
    submitted_at: "2026-11-01T09:00:00Z",
    age_days: 3,
    outcome: "review",
    status: "proposed",
    top_match_name: null,
    top_match_source: null,
    top_score: null,
    protection_until: null,
    sla: null,
    ...overrides,
  };
}

export const REGISTRATION: Registration = {
  registration_id: "R0001",
  partner: "甲伙伴",
  partner_tier: "gold",
  submitted_at: "2026-11-01T09:00:00",
  customer_name: "杭州云帆数据科技有限公司",
  uscc: null,
  website: "yunfan.example.cn",
  contact_name: "李四",
  contact_phone: null,
  contact_email: null,
  region: "华东",
  product: "CRM",
  amount: 120000,
  expected_close: "2026-12-31",
  warnings: [],
};

export function decisionOf(overrides: Partial<Decision> = {}): Decision {
  return {
    id: 1,
    registration_id: "R0001",
    outcome: "direct_retained",
    rule: "1-head-account",
    summary: "head account of 华东",
    lead: null,
    direct_owner: null,
    settings_version: 1,
    protection_until: null,
    matches: [],
    as_of: "2026-11-20",
    status: "proposed",
    actor: "system",
    reason: null,
    created_at: "2026-11-20T10:00:00",
    ...overrides,
  };
}

/** What a user may do to an item: everything, except the actions named with why not. */
export function rights(refused: Partial<Record<keyof ItemRights, WhyNot>> = {}): ItemRights {
  const right = (k: keyof ItemRights) => (refused[k] ? { allowed: false, why_not: refused[k] } : { allowed: true, why_not: null });
  return {
    accept: right("accept"),
    override_decision: right("override_decision"),
    extend: right("extend"),
    open_dispute: right("open_dispute"),
    rule_dispute: right("rule_dispute"),
  };
}
