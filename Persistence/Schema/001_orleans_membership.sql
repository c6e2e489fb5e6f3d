-- Cluster membership for Orleans' ADO.NET clustering provider. The provider reads every statement it runs from
-- OrleansQuery (its one fixed name); the statements below bind its parameter names and return its column names.

CREATE TABLE IF NOT EXISTS OrleansQuery (
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);

CREATE TABLE IF NOT EXISTS rc_membership_version (
    deployment_id text        NOT NULL PRIMARY KEY,
    changed_at    timestamptz NOT NULL DEFAULT now(),
    version       integer     NOT NULL DEFAULT 0
);

CREATE TABLE IF NOT EXISTS rc_membership (
    deployment_id   text        NOT NULL REFERENCES rc_membership_version (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer,
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Both writers take the version row first: that serialises concurrent changes of one deployment, and an error after
-- it (a duplicate silo row, a missing row) rolls the version back with the rest of the call.
CREATE OR REPLACE FUNCTION rc_membership_insert(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_alive_time timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $body$
BEGIN
    UPDATE rc_membership_version SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment AND version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    INSERT INTO rc_membership (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
                               start_time, i_am_alive_time)
    VALUES (p_deployment, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
            p_start_time, p_alive_time);
    RETURN 1;
END
$body$;

CREATE OR REPLACE FUNCTION rc_membership_update(
    p_deployment text, p_address text, p_port integer, p_generation integer, p_status integer,
    p_suspect_times text, p_alive_time timestamptz, p_version integer)
RETURNS integer LANGUAGE plpgsql AS $body$
BEGIN
    UPDATE rc_membership_version SET version = version + 1, changed_at = now()
     WHERE deployment_id = p_deployment AND version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    UPDATE rc_membership SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_alive_time
     WHERE deployment_id = p_deployment AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'silo %:% generation % is not in the membership of %', p_address, p_port, p_generation, p_deployment;
    END IF;
    RETURN 1;
END
$body$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
WITH created AS (
    INSERT INTO rc_membership_version (deployment_id) VALUES (@DeploymentId::text)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1)
SELECT count(*)::integer FROM created;'),

('InsertMembershipKey', '
SELECT rc_membership_insert(@DeploymentId::text, @Address::text, @Port::integer, @Generation::integer,
    @SiloName::text, @HostName::text, @Status::integer, @ProxyPort::integer, @StartTime::timestamptz,
    @IAmAliveTime::timestamptz, @Version::integer);'),

('UpdateMembershipKey', '
SELECT rc_membership_update(@DeploymentId::text, @Address::text, @Port::integer, @Generation::integer,
    @Status::integer, @SuspectTimes::text, @IAmAliveTime::timestamptz, @Version::integer);'),

('UpdateIAmAlivetimeKey', '
UPDATE rc_membership SET i_am_alive_time = @IAmAliveTime::timestamptz
 WHERE deployment_id = @DeploymentId::text AND address = @Address::text
   AND port = @Port::integer AND generation = @Generation::integer;'),

('MembershipReadRowKey', '
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
       v.version AS Version
  FROM rc_membership_version v
  LEFT JOIN rc_membership m
    ON m.deployment_id = v.deployment_id AND m.address = @Address::text
   AND m.port = @Port::integer AND m.generation = @Generation::integer
 WHERE v.deployment_id = @DeploymentId::text;'),

('MembershipReadAllKey', '
SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
       m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
       m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime,
       v.version AS Version
  FROM rc_membership_version v
  LEFT JOIN rc_membership m ON m.deployment_id = v.deployment_id
 WHERE v.deployment_id = @DeploymentId::text;'),

('DeleteMembershipTableEntriesKey', '
DELETE FROM rc_membership_version WHERE deployment_id = @DeploymentId::text;'),

('GatewaysQueryKey', '
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
  FROM rc_membership
 WHERE deployment_id = @DeploymentId::text AND status = @Status::integer AND proxy_port > 0;'),

-- Status 3 is Active: a silo that still counts itself active is never cleaned away.
('CleanupDefunctSiloEntriesKey', '
DELETE FROM rc_membership
 WHERE deployment_id = @DeploymentId::text AND i_am_alive_time < @IAmAliveTime::timestamptz AND status <> 3;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
