-- A change and its audit entry are written together or not at all, enforced by the database (team mode),
-- and a regional head's decisions are rulings or extensions only. See ARCHITECTURE.md, "Rights (team mode)".
--
-- Every write statement on a recorded table adds its row count to a per-transaction tally (`tx_marks`,
-- statement triggers over transition tables); audit entries add theirs by kind of action. At commit a
-- deferred constraint trigger compares the tallies and refuses the transaction when they disagree:
--   decisions inserted        = entries that make a decision (check.propose, decide.*, extend, expire, dispute.rule)
--   disputes inserted         = dispute.open entries
--   disputes updated          = dispute.rule entries
--   any other recorded change (imports, follow-ups, registrations added, head accounts, settings, users)
--                            <=> at least one entry of any other action
-- Entries of `audit.*` actions (audit.export) and `dispute.overdue` (a notice of the clock) record no
-- change and stand alone. Applies to every login but
-- the database's owner, who is the trust anchor here as for updating the log (the store's own test suite
-- runs as the owner and writes free-standing entries).

CREATE TABLE tx_marks (
    tx   xid8 NOT NULL,
    what text COLLATE "C" NOT NULL,
    n    bigint NOT NULL,
    PRIMARY KEY (tx, what)
);

-- Adds the statement's rows (transition table `changed`) to this transaction's tally under TG_ARGV[0];
-- audit entries are tallied by their action's kind.
CREATE FUNCTION dealgate_mark() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF dealgate_is_owner() THEN
        RETURN NULL;
    END IF;
    IF TG_ARGV[0] = 'entries' THEN
        INSERT INTO public.tx_marks (tx, what, n)
            SELECT pg_current_xact_id(), kind, count(*)
              FROM (SELECT CASE
                        WHEN action IN ('check.propose', 'decide.accept', 'decide.override', 'extend', 'expire')
                            THEN 'entries.decision'
                        WHEN action = 'dispute.open' THEN 'entries.dispute_open'
                        WHEN action = 'dispute.rule' THEN 'entries.dispute_rule'
                        WHEN action LIKE 'audit.%' OR action = 'dispute.overdue' THEN NULL
                        ELSE 'entries.other'
                    END AS kind
                      FROM changed) e
             WHERE kind IS NOT NULL
             GROUP BY kind
        ON CONFLICT (tx, what) DO UPDATE SET n = tx_marks.n + excluded.n;
        -- A ruling makes a decision too.
        INSERT INTO public.tx_marks (tx, what, n)
            SELECT pg_current_xact_id(), 'entries.decision', count(*) FROM changed WHERE action = 'dispute.rule'
            HAVING count(*) > 0
        ON CONFLICT (tx, what) DO UPDATE SET n = tx_marks.n + excluded.n;
    ELSE
        INSERT INTO public.tx_marks (tx, what, n)
            SELECT pg_current_xact_id(), TG_ARGV[0], count(*) FROM changed HAVING count(*) > 0
        ON CONFLICT (tx, what) DO UPDATE SET n = tx_marks.n + excluded.n;
    END IF;
    RETURN NULL;
END $$;

-- Runs at commit (deferred), once per tally row; the first run checks the whole transaction and clears it.
CREATE FUNCTION dealgate_marks_settle() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    m jsonb;
    decisions bigint;
    decision_entries bigint;
    other bigint;
    other_entries bigint;
BEGIN
    SELECT jsonb_object_agg(what, n) INTO m FROM public.tx_marks WHERE tx = pg_current_xact_id();
    IF m IS NULL THEN
        RETURN NULL;
    END IF;
    DELETE FROM public.tx_marks WHERE tx = pg_current_xact_id();
    decisions := COALESCE((m ->> 'decisions')::bigint, 0);
    decision_entries := COALESCE((m ->> 'entries.decision')::bigint, 0);
    IF decisions <> decision_entries THEN
        RAISE EXCEPTION 'a decision and its audit entry go together: % decision(s) but % entr(y/ies) recording one',
            decisions, decision_entries USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF COALESCE((m ->> 'disputes.open')::bigint, 0) <> COALESCE((m ->> 'entries.dispute_open')::bigint, 0) THEN
        RAISE EXCEPTION 'a dispute and its audit entry go together: % dispute(s) opened but % dispute.open entr(y/ies)',
            COALESCE((m ->> 'disputes.open')::bigint, 0), COALESCE((m ->> 'entries.dispute_open')::bigint, 0)
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF COALESCE((m ->> 'disputes.rule')::bigint, 0) <> COALESCE((m ->> 'entries.dispute_rule')::bigint, 0) THEN
        RAISE EXCEPTION 'a ruling and its audit entry go together: % dispute(s) updated but % dispute.rule entr(y/ies)',
            COALESCE((m ->> 'disputes.rule')::bigint, 0), COALESCE((m ->> 'entries.dispute_rule')::bigint, 0)
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    other := COALESCE((m ->> 'other')::bigint, 0);
    other_entries := COALESCE((m ->> 'entries.other')::bigint, 0);
    IF (other > 0) <> (other_entries > 0) THEN
        RAISE EXCEPTION 'a change and its audit entry go together: % row(s) changed, % entr(y/ies) recording a change',
            other, other_entries USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER tx_marks_settle AFTER INSERT ON tx_marks DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION dealgate_marks_settle();

CREATE TRIGGER audit_log_mark AFTER INSERT ON audit_log REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('entries');
CREATE TRIGGER decisions_mark AFTER INSERT ON decisions REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('decisions');
CREATE TRIGGER disputes_mark_open AFTER INSERT ON disputes REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('disputes.open');
CREATE TRIGGER disputes_mark_rule AFTER UPDATE ON disputes REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('disputes.rule');
CREATE TRIGGER imports_mark AFTER INSERT ON imports REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER follow_ups_mark_insert AFTER INSERT ON follow_ups REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER follow_ups_mark_update AFTER UPDATE ON follow_ups REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER follow_ups_mark_delete AFTER DELETE ON follow_ups REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
-- Registrations are updated by dealgate_point with every decision; only rows added count here.
CREATE TRIGGER registrations_mark_insert AFTER INSERT ON registrations REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER registrations_mark_delete AFTER DELETE ON registrations REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER head_accounts_mark_insert AFTER INSERT ON head_accounts REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER head_accounts_mark_update AFTER UPDATE ON head_accounts REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER head_accounts_mark_delete AFTER DELETE ON head_accounts REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER settings_mark AFTER INSERT ON settings REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER users_mark_insert AFTER INSERT ON users REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER users_mark_update AFTER UPDATE ON users REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER users_mark_delete AFTER DELETE ON users REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');

-- A regional head's decision other than a ruling is an extension: the registration's current decision
-- with the same outcome and status and a later protection end. Accepting and overriding are a channel
-- manager's (the API refuses them too; this is the same rule for a client that skips the API).
CREATE FUNCTION dealgate_is_extension(p_registration text, p_outcome text, p_status text, p_until date) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT EXISTS (
        SELECT 1 FROM public.registrations r JOIN public.decisions d ON d.id = r.decision_id
         WHERE r.registration_id = p_registration AND d.outcome = p_outcome AND d.status = p_status
           AND d.protection_until IS NOT NULL AND p_until > d.protection_until)
$$;

DROP POLICY decisions_decide ON decisions;
CREATE POLICY decisions_decide ON decisions FOR INSERT WITH CHECK (
    CASE status
        WHEN 'proposed' THEN dealgate_is_owner() OR dealgate_role() IS NOT NULL
        WHEN 'ruled' THEN dealgate_may(dealgate_region_of(registration_id), '{regional_head}')
        WHEN 'expired' THEN dealgate_may(NULL, '{}')
        ELSE dealgate_may(dealgate_region_of(registration_id), '{channel_manager}')
            OR (dealgate_may(dealgate_region_of(registration_id), '{regional_head}')
                AND dealgate_is_extension(registration_id, outcome, status, protection_until))
    END
);

REVOKE ALL ON tx_marks FROM PUBLIC;
REVOKE ALL ON FUNCTION dealgate_mark(), dealgate_marks_settle() FROM PUBLIC;
REVOKE ALL ON FUNCTION dealgate_is_extension(text, text, text, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dealgate_is_extension(text, text, text, date)
    TO dealgate_admin, dealgate_sales_ops, dealgate_channel_manager, dealgate_regional_head;
