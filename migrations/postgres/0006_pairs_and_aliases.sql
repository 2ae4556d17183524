-- Pairs of names a reviewer said are (`same`) or are not (`different`) one company: a check decides
-- such a pair that way without asking again. One row per pair of names (`pair_key`, made by the API from
-- both names' matching keys); labelling a pair again replaces its row. Every change is audited.
CREATE TABLE pair_labels (
    id              bigserial PRIMARY KEY,
    pair_key        text NOT NULL UNIQUE,
    verdict         text NOT NULL CHECK (verdict IN ('same', 'different')),
    left_name       text NOT NULL,
    right_name      text NOT NULL,
    source          text NOT NULL,
    record_id       text NOT NULL,
    registration_id text NOT NULL,
    region          text,
    actor           text NOT NULL,
    created_at      timestamptz NOT NULL
);

-- Rights: everyone reads (a check applies every label); the people who may decide a registration label
-- its pairs and undo labels in their regions — channel managers there, admins anywhere (a label with no
-- region is an admin's). A label names who made it: the signed-in login (the owner may write for others).
REVOKE ALL ON pair_labels FROM PUBLIC;
GRANT SELECT ON pair_labels TO dealgate_admin, dealgate_sales_ops, dealgate_channel_manager, dealgate_regional_head;
GRANT INSERT, UPDATE, DELETE ON pair_labels TO dealgate_admin, dealgate_channel_manager;
GRANT USAGE ON SEQUENCE pair_labels_id_seq TO dealgate_admin, dealgate_channel_manager;
ALTER TABLE pair_labels ENABLE ROW LEVEL SECURITY;
CREATE POLICY pair_labels_read ON pair_labels FOR SELECT USING (true);
CREATE POLICY pair_labels_add ON pair_labels FOR INSERT
    WITH CHECK (dealgate_may(region, '{channel_manager}') AND (actor = session_user::text OR dealgate_is_owner()));
CREATE POLICY pair_labels_change ON pair_labels FOR UPDATE
    USING (dealgate_may(region, '{channel_manager}'))
    WITH CHECK (dealgate_may(region, '{channel_manager}') AND (actor = session_user::text OR dealgate_is_owner()));
CREATE POLICY pair_labels_forget ON pair_labels FOR DELETE USING (dealgate_may(region, '{channel_manager}'));

-- Former names (曾用名, a JSON array of text; NULL: none) and the group (所属集团) of head accounts and
-- follow-ups: a registration naming a former name matches the account. Rights as on the rest of the row.
ALTER TABLE follow_ups ADD COLUMN former_names text, ADD COLUMN group_name text;
ALTER TABLE head_accounts ADD COLUMN former_names text, ADD COLUMN group_name text;
