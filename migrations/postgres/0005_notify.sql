-- Live refresh: every committed write tells the listening apps the audit chain's new head seq on the
-- channel `dealgate_changes`. The audit head moves once per write statement (0002_rights.sql), so this
-- statement trigger fires once per statement; PostgreSQL delivers a transaction's notifications when it
-- commits, and folds repeats of the same payload, so a rolled-back change tells nobody.
CREATE FUNCTION dealgate_notify_change() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM pg_notify('dealgate_changes', (SELECT seq FROM public.audit_head WHERE id = 1)::text);
    RETURN NULL;
END $$;

REVOKE ALL ON FUNCTION dealgate_notify_change() FROM PUBLIC;

CREATE TRIGGER audit_head_notify AFTER INSERT OR UPDATE ON audit_head
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_notify_change();

-- The head-account list's version (as migrations/sqlite/0007): moved by one in every transaction that
-- changes the list, however it was changed (an import, the app, psql), so a matching corpus cached in
-- another process learns that its head accounts are stale before its next check.
CREATE TABLE list_versions (
    list       text COLLATE "C" PRIMARY KEY,
    version    bigint NOT NULL,
    changed_in bigint
);
INSERT INTO list_versions (list, version) VALUES ('head_accounts', 0);

CREATE FUNCTION dealgate_head_accounts_moved() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    -- Once per transaction: an upsert fires both the INSERT and the UPDATE statement triggers.
    UPDATE public.list_versions SET version = version + 1, changed_in = txid_current()
        WHERE list = 'head_accounts' AND changed_in IS DISTINCT FROM txid_current();
    RETURN NULL;
END $$;

REVOKE ALL ON FUNCTION dealgate_head_accounts_moved() FROM PUBLIC;
REVOKE ALL ON list_versions FROM PUBLIC;
GRANT SELECT ON list_versions TO dealgate_admin, dealgate_sales_ops, dealgate_channel_manager, dealgate_regional_head;

CREATE TRIGGER head_accounts_moved AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON head_accounts
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_head_accounts_moved();
