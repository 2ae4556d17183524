-- Logins of team mode: the owner (first admin) and admins create, re-role, remove and re-password
-- people's logins only through these functions. They run as the database owner (security definer; the
-- owner has CREATEROLE), so admins need no CREATEROLE of their own, and they touch only logins that are
-- DealGate users (never the owner, a superuser or any other role of the cluster). Names may be Chinese;
-- odd ones (spaces, quotes, control characters, reserved prefixes) are refused, and all are quoted with %I.

CREATE FUNCTION dealgate_login_target(login text) RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF login IS NULL OR login = '' OR octet_length(login) > 63 OR login ~ '[[:cntrl:][:space:]"''\\;/:]'
       OR login ~* '^(pg_|dealgate_|public$)' THEN
        RAISE EXCEPTION 'login name %: at most 63 bytes, no spaces, quotes, backslashes or ;/: and not starting with pg_ or dealgate_', login
            USING ERRCODE = 'invalid_name';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles
                WHERE rolname = login
                  AND (rolsuper OR rolname = (SELECT pg_get_userbyid(relowner)::text FROM pg_class
                                               WHERE oid = 'public.audit_log'::regclass))) THEN
        RAISE EXCEPTION 'login %: the database owner and superusers are not managed by DealGate', login
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$;

CREATE FUNCTION dealgate_login_admin() RETURNS void
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF NOT (dealgate_is_owner() OR dealgate_role() IS NOT DISTINCT FROM 'admin') THEN
        RAISE EXCEPTION 'managing users needs an admin (or the database owner); % is not one', session_user
            USING ERRCODE = 'insufficient_privilege';
    END IF;
END $$;

-- Creates the login (a password is needed then) or, for a DealGate user's existing login, moves it to
-- the group of `role` and sets the password when one is given.
CREATE FUNCTION dealgate_login_save(login text, role text, password text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
    g text;
BEGIN
    PERFORM dealgate_login_admin();
    PERFORM dealgate_login_target(login);
    IF role IS NULL OR role NOT IN ('admin', 'sales_ops', 'channel_manager', 'regional_head') THEN
        RAISE EXCEPTION 'role %: expected admin, sales_ops, channel_manager or regional_head', role
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF password = '' THEN
        RAISE EXCEPTION 'an empty password is refused' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = login) THEN
        IF password IS NULL THEN
            RAISE EXCEPTION 'a new login % needs a password', login USING ERRCODE = 'invalid_parameter_value';
        END IF;
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', login, password);
    ELSIF NOT EXISTS (SELECT 1 FROM public.users WHERE name = login) THEN
        RAISE EXCEPTION 'a role named % exists already and is not a DealGate user', login
            USING ERRCODE = 'duplicate_object';
    ELSIF password IS NOT NULL THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', login, password);
    END IF;
    FOREACH g IN ARRAY ARRAY['dealgate_admin', 'dealgate_sales_ops', 'dealgate_channel_manager', 'dealgate_regional_head'] LOOP
        IF g <> 'dealgate_' || role AND pg_has_role(login, g, 'MEMBER') THEN
            EXECUTE format('REVOKE %I FROM %I', g, login);
        END IF;
    END LOOP;
    EXECUTE format('GRANT %I TO %I', 'dealgate_' || role, login);
END $$;

-- Drops a DealGate user's login.
CREATE FUNCTION dealgate_login_remove(login text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    PERFORM dealgate_login_admin();
    PERFORM dealgate_login_target(login);
    IF NOT EXISTS (SELECT 1 FROM public.users WHERE name = login) THEN
        RAISE EXCEPTION 'no DealGate user named %', login USING ERRCODE = 'undefined_object';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = login) THEN
        EXECUTE format('DROP ROLE %I', login);
    END IF;
END $$;

-- Sets a DealGate user's password: their own, or anyone's for an admin.
CREATE FUNCTION dealgate_login_password(login text, password text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
BEGIN
    IF login IS DISTINCT FROM session_user::text THEN
        PERFORM dealgate_login_admin();
    END IF;
    PERFORM dealgate_login_target(login);
    IF NOT EXISTS (SELECT 1 FROM public.users WHERE name = login) THEN
        RAISE EXCEPTION 'no DealGate user named %', login USING ERRCODE = 'undefined_object';
    END IF;
    IF password IS NULL OR password = '' THEN
        RAISE EXCEPTION 'an empty password is refused' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', login, password);
END $$;

REVOKE ALL ON FUNCTION dealgate_login_target(text), dealgate_login_admin(), dealgate_login_save(text, text, text),
    dealgate_login_remove(text), dealgate_login_password(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dealgate_login_save(text, text, text), dealgate_login_remove(text)
    TO dealgate_admin;
GRANT EXECUTE ON FUNCTION dealgate_login_password(text, text)
    TO dealgate_admin, dealgate_sales_ops, dealgate_channel_manager, dealgate_regional_head;
