-- Each record's name as the matcher took it apart (its name key, written by the import beside the
-- name), so an index build reads names already normalised. NULL or a key of another normaliser
-- version or another name: the name is normalised afresh.
ALTER TABLE follow_ups ADD COLUMN name_key TEXT;
ALTER TABLE head_accounts ADD COLUMN name_key TEXT;
ALTER TABLE registrations ADD COLUMN name_key TEXT;
