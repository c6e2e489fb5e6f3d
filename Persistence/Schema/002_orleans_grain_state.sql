-- Grain state for Orleans' ADO.NET persistence provider. A grain's key is its type and id as the provider hashes and
-- splits them; a missing key extension is stored as '' so the whole key can be the primary key.

CREATE TABLE IF NOT EXISTS rc_grain_state (
    service_id      text        NOT NULL,
    grain_type_hash integer     NOT NULL,
    grain_id_hash   integer     NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    grain_type      text        NOT NULL,
    grain_key_ext   text        NOT NULL DEFAULT '',
    payload         bytea,
    version         integer     NOT NULL,
    modified_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type, grain_key_ext)
);

-- A write names the version it read (null: it read nothing). It returns the new version, or the old one (or null)
-- when another writer got there first, which the provider reports as an inconsistent state.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('WriteToStorageKey', '
WITH updated AS (
    UPDATE rc_grain_state SET payload = @PayloadBinary::bytea, version = version + 1, modified_at = now()
     WHERE @GrainStateVersion::integer IS NOT NULL
       AND service_id = @ServiceId::text AND grain_type_hash = @GrainTypeHash::integer
       AND grain_id_hash = @GrainIdHash::integer AND grain_id_n0 = @GrainIdN0::bigint
       AND grain_id_n1 = @GrainIdN1::bigint AND grain_type = @GrainTypeString::text
       AND grain_key_ext = coalesce(@GrainIdExtensionString::text, '''')
       AND version = @GrainStateVersion::integer
    RETURNING version),
inserted AS (
    INSERT INTO rc_grain_state (service_id, grain_type_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_type,
                                grain_key_ext, payload, version)
    SELECT @ServiceId::text, @GrainTypeHash::integer, @GrainIdHash::integer, @GrainIdN0::bigint, @GrainIdN1::bigint,
           @GrainTypeString::text, coalesce(@GrainIdExtensionString::text, ''''), @PayloadBinary::bytea, 1
     WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT coalesce((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion::integer)
       AS NewGrainStateVersion;'),

('ReadFromStorageKey', '
SELECT payload AS PayloadBinary, now() AS ReadAt, version AS Version
  FROM rc_grain_state
 WHERE service_id = @ServiceId::text AND grain_type_hash = @GrainTypeHash::integer
   AND grain_id_hash = @GrainIdHash::integer AND grain_id_n0 = @GrainIdN0::bigint
   AND grain_id_n1 = @GrainIdN1::bigint AND grain_type = @GrainTypeString::text
   AND grain_key_ext = coalesce(@GrainIdExtensionString::text, '''');'),

('ClearStorageKey', '
UPDATE rc_grain_state SET payload = NULL, version = version + 1, modified_at = now()
 WHERE service_id = @ServiceId::text AND grain_type_hash = @GrainTypeHash::integer
   AND grain_id_hash = @GrainIdHash::integer AND grain_id_n0 = @GrainIdN0::bigint
   AND grain_id_n1 = @GrainIdN1::bigint AND grain_type = @GrainTypeString::text
   AND grain_key_ext = coalesce(@GrainIdExtensionString::text, '''')
   AND version = @GrainStateVersion::integer
RETURNING version AS NewGrainStateVersion;'),

('DeleteStorageKey', '
DELETE FROM rc_grain_state
 WHERE service_id = @ServiceId::text AND grain_type_hash = @GrainTypeHash::integer
   AND grain_id_hash = @GrainIdHash::integer AND grain_id_n0 = @GrainIdN0::bigint
   AND grain_id_n1 = @GrainIdN1::bigint AND grain_type = @GrainTypeString::text
   AND grain_key_ext = coalesce(@GrainIdExtensionString::text, '''')
   AND version = @GrainStateVersion::integer
RETURNING version + 1 AS NewGrainStateVersion;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
