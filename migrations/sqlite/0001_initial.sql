-- DealGate schema for the embedded SQLite database: imported records, decisions, disputes, users,
-- versioned settings and the hash-chained audit log.

CREATE TABLE follow_ups (
    record_id     TEXT PRIMARY KEY,
    account_name  TEXT NOT NULL,
    uscc          TEXT,
    website       TEXT,
    phone         TEXT,
    region        TEXT,
    owner         TEXT,
    activity_date TEXT NOT NULL,
    activity_type TEXT NOT NULL,
    stage         TEXT,
    warnings      TEXT,
    imported_at   TEXT NOT NULL
);

CREATE TABLE head_accounts (
    account_id   TEXT PRIMARY KEY,
    region       TEXT NOT NULL,
    account_name TEXT NOT NULL,
    uscc         TEXT,
    website      TEXT,
    owner        TEXT,
    warnings     TEXT,
    imported_at  TEXT NOT NULL
);

CREATE TABLE registrations (
    registration_id TEXT PRIMARY KEY,
    partner         TEXT NOT NULL,
    partner_tier    TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    customer_name   TEXT NOT NULL,
    uscc            TEXT,
    website         TEXT,
    contact_name    TEXT,
    contact_phone   TEXT,
    contact_email   TEXT,
    region          TEXT,
    product         TEXT,
    amount          REAL,
    expected_close  TEXT,
    warnings        TEXT,
    imported_at     TEXT NOT NULL,
    decision_id     INTEGER
);
CREATE INDEX registrations_submitted ON registrations (submitted_at, registration_id);

-- Every version of every decision; registrations.decision_id points at the current one.
CREATE TABLE decisions (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    registration_id  TEXT NOT NULL REFERENCES registrations (registration_id),
    outcome          TEXT NOT NULL,
    rule             TEXT NOT NULL,
    summary          TEXT NOT NULL,
    lead             TEXT,
    direct_owner     TEXT,
    protection_until TEXT,
    matches          TEXT NOT NULL,
    settings_version INTEGER NOT NULL,
    as_of            TEXT NOT NULL,
    status           TEXT NOT NULL,
    actor            TEXT NOT NULL,
    reason           TEXT,
    created_at       TEXT NOT NULL
);
CREATE INDEX decisions_registration ON decisions (registration_id, id);

CREATE TABLE disputes (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    registration_id TEXT NOT NULL REFERENCES registrations (registration_id),
    decision_id     INTEGER NOT NULL REFERENCES decisions (id),
    region          TEXT,
    opened_by       TEXT NOT NULL,
    claim           TEXT NOT NULL,
    opened_at       TEXT NOT NULL,
    due_at          TEXT NOT NULL,
    status          TEXT NOT NULL,
    ruled_by        TEXT,
    ruling          TEXT,
    rationale       TEXT,
    ruled_at        TEXT
);

CREATE TABLE users (
    name       TEXT PRIMARY KEY,
    role       TEXT NOT NULL,
    regions    TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE settings (
    version    INTEGER PRIMARY KEY,
    body       TEXT NOT NULL,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL
);

-- One row per import run: what each source holds and how fresh it is.
CREATE TABLE imports (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    kind      TEXT NOT NULL,
    file      TEXT NOT NULL,
    rows_read INTEGER NOT NULL,
    inserted  INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    rejected  INTEGER NOT NULL,
    warnings  INTEGER NOT NULL,
    actor     TEXT NOT NULL,
    at        TEXT NOT NULL
);

CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    region    TEXT,
    partner   TEXT,
    outcome   TEXT,
    rule      TEXT,
    payload   TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);

-- The last (seq, hash) written: deleting the tail of audit_log cannot go unnoticed.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
