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
