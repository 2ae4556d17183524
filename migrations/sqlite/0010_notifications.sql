-- Group-robot notifications: messages queued from the audit log (the outbox: every event is an audit
-- entry written in the change's own transaction) and their delivery attempts; `notify_cursor` is the
-- last audit seq already turned into messages (or passed over while no webhook was set).
CREATE TABLE notify_cursor (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
);
-- It starts at the log's head: what happened before the database had notifications is not announced.
INSERT INTO notify_cursor (id, seq) SELECT 1, COALESCE((SELECT seq FROM audit_head WHERE id = 1), 0);

CREATE TABLE notifications (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,
    first_seq       INTEGER NOT NULL,
    last_seq        INTEGER NOT NULL,
    text            TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    delivered_at    TEXT,
    last_error      TEXT
);
CREATE INDEX notifications_pending ON notifications (next_attempt_at) WHERE delivered_at IS NULL;
