-- The head-account list's version: every transaction that changes the list (an import, an account added
-- or removed by hand) moves it by one, so a matching corpus cached in another process learns that its head
-- accounts are stale before its next check (imports are also seen by their id; hand edits only by this).
CREATE TABLE list_versions (
    list    TEXT PRIMARY KEY,
    version INTEGER NOT NULL
);
INSERT INTO list_versions (list, version) VALUES ('head_accounts', 0);
