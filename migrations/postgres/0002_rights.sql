-- Rights that hold against any client (team mode). Each person signs in as their own login, a member of
-- one group role; `users` (viewed as `dealgate_users`) maps the login to its DealGate role and regions.
-- The owner of the database (who runs these migrations) keeps every right; everyone else gets what
-- their group is granted, narrowed by row-level security to their regions. See ARCHITECTURE.md,
-- "Rights (team mode)".

-- Group roles are cluster-wide: created once, by the first database that needs them.
DO $$
DECLARE r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['dealgate_admin', 'dealgate_sales_ops', 'dealgate_channel_manager', 'dealgate_regional_head'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', r);
            EXCEPTION WHEN duplicate_object OR unique_violation THEN
                NULL; -- another database's migration created it meanwhile
            END;
        END IF;
    END LOOP;
END $$;

CREATE VIEW dealgate_users AS SELECT name AS login, role, regions FROM users;

-- Who is acting: the login (session_user, which SET ROLE and security-definer functions do not change).
CREATE FUNCTION dealgate_is_owner() RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT session_user::text = pg_get_userbyid(relowner)::text FROM pg_class WHERE oid = 'public.audit_log'::regclass
$$;

CREATE FUNCTION dealgate_role() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT role FROM public.users WHERE name = session_user::text
$$;

CREATE FUNCTION dealgate_regions() RETURNS text[]
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT COALESCE((SELECT regions FROM public.users WHERE name = session_user::text), '{}')
$$;

CREATE FUNCTION dealgate_region_of(registration text) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT region FROM public.registrations WHERE registration_id = registration
$$;

-- Whether the login may act on something in `region` as one of `roles`: the owner and admins anywhere;
-- others only in a region of theirs (a login with no regions has none; no region is nobody's but an admin's).
CREATE FUNCTION dealgate_may(region text, roles text[]) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    SELECT dealgate_is_owner() OR dealgate_role() = 'admin'
        OR (region IS NOT NULL AND dealgate_role() = ANY (roles) AND region = ANY (dealgate_regions()))
$$;

-- Points registrations at their new decisions and copies the queue columns from those decisions' rows
-- (the only way an app role changes them): each id must be a decision of that registration newer than
-- its current one, and a proposal never replaces a person's decision (accepted, overridden, ruled).
-- `ats`: when a person first decided it, kept only where none is recorded yet.
CREATE FUNCTION dealgate_point(rids text[], ids bigint[], ats timestamptz[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    bad text;
BEGIN
    SELECT v.rid INTO bad
      FROM unnest(rids, ids) AS v(rid, id)
      LEFT JOIN public.decisions d ON d.id = v.id AND d.registration_id = v.rid
      LEFT JOIN public.registrations r ON r.registration_id = v.rid
     WHERE d.id IS NULL OR d.id <= COALESCE(r.decision_id, 0)
        OR (d.status = 'proposed' AND r.q_status IN ('accepted', 'overridden', 'ruled') AND NOT dealgate_is_owner())
     LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'registration %: not a newer decision of it, or a proposal over a person''s decision', bad
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    UPDATE public.registrations r
       SET decision_id = d.id, q_outcome = d.outcome, q_status = d.status, q_score = d.top_score,
           q_until = d.protection_until, first_decided_at = COALESCE(r.first_decided_at, v.at)
      FROM unnest(rids, ids, ats) AS v(rid, id, at)
      JOIN public.decisions d ON d.id = v.id
     WHERE r.registration_id = v.rid;
END $$;

-- The audit log: every insert must continue the chain (seq = the last entry's + 1, prev_hash = its hash),
-- in the name of the login that writes it (the owner may write for others, as solo tools and the check
-- do); after each statement the head row names the last entry. The head is moved once per statement,
-- not per row: a row updated 100,000 times in one transaction leaves as many versions to walk past.
-- Updates, deletes and truncation are refused to everyone but the owner.
CREATE FUNCTION dealgate_audit_append() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    last_seq bigint;
    last_hash text;
BEGIN
    -- The lock every write transaction of the app takes first (ASCII "dealgate"): a writer that skipped
    -- it still appends one at a time.
    PERFORM pg_advisory_xact_lock(7234295494659372133);
    -- A row trigger sees the rows its statement inserted before this one.
    SELECT seq, hash INTO last_seq, last_hash FROM public.audit_log ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
        last_seq := 0;
        last_hash := repeat('0', 64);
    END IF;
    IF NEW.seq IS DISTINCT FROM last_seq + 1 OR NEW.prev_hash IS DISTINCT FROM last_hash THEN
        RAISE EXCEPTION 'audit entry % does not continue the chain (the last is % with hash %)', NEW.seq, last_seq, last_hash
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.actor IS DISTINCT FROM session_user::text AND NOT dealgate_is_owner() THEN
        RAISE EXCEPTION 'an audit entry names who signed in (%), not %', session_user, NEW.actor
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;

CREATE FUNCTION dealgate_audit_move_head() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    INSERT INTO public.audit_head (id, seq, hash)
        SELECT 1, seq, hash FROM public.audit_log ORDER BY seq DESC LIMIT 1
        ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash;
    RETURN NULL;
END $$;

CREATE TRIGGER audit_log_append BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION dealgate_audit_append();
CREATE TRIGGER audit_log_head AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION dealgate_audit_move_head();

CREATE FUNCTION dealgate_audit_refuse() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
    IF NOT dealgate_is_owner() THEN
        RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER audit_log_refuse BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION dealgate_audit_refuse();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION dealgate_audit_refuse();
CREATE TRIGGER audit_head_refuse BEFORE DELETE ON audit_head FOR EACH ROW EXECUTE FUNCTION dealgate_audit_refuse();
CREATE TRIGGER audit_head_no_truncate BEFORE TRUNCATE ON audit_head FOR EACH STATEMENT EXECUTE FUNCTION dealgate_audit_refuse();

-- Privileges: reading is open to every DealGate role (a check compares against everything); writing is
-- by role.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO dealgate_admin, dealgate_sales_ops, dealgate_channel_manager, dealgate_regional_head;
GRANT EXECUTE ON FUNCTION dealgate_is_owner(), dealgate_role(), dealgate_regions(), dealgate_region_of(text),
    dealgate_may(text, text[]), dealgate_point(text[], bigint[], timestamptz[])
    TO dealgate_admin, dealgate_sales_ops, dealgate_channel_manager, dealgate_regional_head;
GRANT SELECT ON follow_ups, head_accounts, registrations, decisions, disputes, users, dealgate_users, settings,
    imports, audit_log, audit_head TO dealgate_admin, dealgate_sales_ops, dealgate_channel_manager, dealgate_regional_head;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public
    TO dealgate_admin, dealgate_sales_ops, dealgate_channel_manager, dealgate_regional_head;
GRANT INSERT ON audit_log, imports, decisions
    TO dealgate_admin, dealgate_sales_ops, dealgate_channel_manager, dealgate_regional_head;
GRANT INSERT ON disputes TO dealgate_admin, dealgate_channel_manager, dealgate_regional_head;
GRANT INSERT, UPDATE ON follow_ups TO dealgate_admin, dealgate_sales_ops;
GRANT INSERT, UPDATE ON registrations TO dealgate_admin, dealgate_sales_ops, dealgate_channel_manager;
GRANT UPDATE ON disputes TO dealgate_admin, dealgate_regional_head;
GRANT INSERT, UPDATE, DELETE ON head_accounts TO dealgate_admin, dealgate_sales_ops, dealgate_regional_head;
GRANT INSERT ON settings TO dealgate_admin;
GRANT INSERT, UPDATE, DELETE ON users TO dealgate_admin;

-- Row-level security by region (the owner, who owns the tables, is not subject to it). Sales operations
-- import for every region.
ALTER TABLE registrations ENABLE ROW LEVEL SECURITY;
CREATE POLICY registrations_read ON registrations FOR SELECT USING (true);
CREATE POLICY registrations_import ON registrations FOR INSERT
    WITH CHECK (dealgate_may(region, '{channel_manager}') OR dealgate_role() = 'sales_ops');
CREATE POLICY registrations_change ON registrations FOR UPDATE
    USING (dealgate_may(region, '{channel_manager}') OR dealgate_role() = 'sales_ops')
    WITH CHECK (dealgate_may(region, '{channel_manager}') OR dealgate_role() = 'sales_ops');

ALTER TABLE decisions ENABLE ROW LEVEL SECURITY;
CREATE POLICY decisions_read ON decisions FOR SELECT USING (true);
-- A check's proposals by any DealGate user; rulings by the region's regional head; expiry by an admin;
-- accepts, overrides and extensions (which keep the decision's status) by a channel manager or regional
-- head of the region.
CREATE POLICY decisions_decide ON decisions FOR INSERT WITH CHECK (
    CASE status
        WHEN 'proposed' THEN dealgate_is_owner() OR dealgate_role() IS NOT NULL
        WHEN 'ruled' THEN dealgate_may(dealgate_region_of(registration_id), '{regional_head}')
        WHEN 'expired' THEN dealgate_may(NULL, '{}')
        ELSE dealgate_may(dealgate_region_of(registration_id), '{channel_manager,regional_head}')
    END
);

ALTER TABLE disputes ENABLE ROW LEVEL SECURITY;
CREATE POLICY disputes_read ON disputes FOR SELECT USING (true);
CREATE POLICY disputes_open ON disputes FOR INSERT
    WITH CHECK (dealgate_may(dealgate_region_of(registration_id), '{channel_manager,regional_head}'));
CREATE POLICY disputes_rule ON disputes FOR UPDATE
    USING (dealgate_may(dealgate_region_of(registration_id), '{regional_head}'))
    WITH CHECK (dealgate_may(dealgate_region_of(registration_id), '{regional_head}'));

ALTER TABLE head_accounts ENABLE ROW LEVEL SECURITY;
CREATE POLICY head_accounts_read ON head_accounts FOR SELECT USING (true);
CREATE POLICY head_accounts_add ON head_accounts FOR INSERT
    WITH CHECK (dealgate_may(region, '{regional_head}') OR dealgate_role() = 'sales_ops');
CREATE POLICY head_accounts_change ON head_accounts FOR UPDATE
    USING (dealgate_may(region, '{regional_head}') OR dealgate_role() = 'sales_ops')
    WITH CHECK (dealgate_may(region, '{regional_head}') OR dealgate_role() = 'sales_ops');
CREATE POLICY head_accounts_remove ON head_accounts FOR DELETE
    USING (dealgate_may(region, '{regional_head}') OR dealgate_role() = 'sales_ops');
