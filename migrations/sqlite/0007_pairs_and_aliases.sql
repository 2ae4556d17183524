-- Pairs of names a reviewer said are (`same`) or are not (`different`) one company: a check decides
-- such a pair that way without asking again. One row per pair of names (`pair_key`, made by the API from
-- both names' matching keys); labelling a pair again replaces its row. Every change is audited.
CREATE TABLE pair_labels (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    pair_key        TEXT NOT NULL UNIQUE,
    verdict         TEXT NOT NULL CHECK (verdict IN ('same', 'different')),
    left_name       TEXT NOT NULL,
    right_name      TEXT NOT NULL,
    source          TEXT NOT NULL,
    record_id       TEXT NOT NULL,
    registration_id TEXT NOT NULL,
    region          TEXT,
    actor           TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

-- Former names (曾用名, a JSON array of text; NULL: none) and the group (所属集团) of head accounts and
-- follow-ups: a registration naming a former name matches the account.
ALTER TABLE follow_ups ADD COLUMN former_names TEXT;
ALTER TABLE follow_ups ADD COLUMN group_name TEXT;
ALTER TABLE head_accounts ADD COLUMN former_names TEXT;
ALTER TABLE head_accounts ADD COLUMN group_name TEXT;
