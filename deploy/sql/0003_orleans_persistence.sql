-- Grain state for AddAdoNetGrainStorage (Invariant "Npgsql"). Orleans identifies a state by the hashes, the numeric and
-- string parts of the grain id, the grain type and the service id; the ETag is the integer "version".
CREATE TABLE orleans_storage
(
    grain_id_hash             integer      NOT NULL,
    grain_id_n0               bigint       NOT NULL,
    grain_id_n1               bigint       NOT NULL,
    grain_type_hash           integer      NOT NULL,
    grain_type_string         varchar(512) NOT NULL,
    grain_id_extension_string varchar(512) NULL,
    service_id                varchar(150) NOT NULL,
    payload_binary            bytea        NULL,
    modified_on               timestamptz  NOT NULL DEFAULT now(),
    version                   integer      NOT NULL
);

-- One row per grain state, enforced by the database (NULLS NOT DISTINCT needs PostgreSQL 15), so two activations
-- racing to write a never-written state cannot both succeed. The leading hashes also serve every lookup below.
CREATE UNIQUE INDEX ux_orleans_storage_grain ON orleans_storage
    (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, service_id, grain_type_string, grain_id_extension_string)
    NULLS NOT DISTINCT;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', $q$
SELECT payload_binary AS "PayloadBinary", now() AS "ReadOn", version AS "Version"
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString;
$q$),

-- A known version updates the row only if it is still current; no version inserts the first row only if none exists.
-- The single result row carries the new version, or the caller's version unchanged when the write lost a race, which
-- Orleans reports as an InconsistentStateException.
('WriteToStorageKey', $q$
WITH updated AS (
    UPDATE orleans_storage
    SET payload_binary = @PayloadBinary, modified_on = now(), version = version + 1
    WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND service_id = @ServiceId AND grain_type_string = @GrainTypeString
      AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version),
inserted AS (
    INSERT INTO orleans_storage (grain_id_hash, grain_id_n0, grain_id_n1, grain_type_hash, grain_type_string,
                                 grain_id_extension_string, service_id, payload_binary, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString,
           @GrainIdExtensionString, @ServiceId, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version)
SELECT COALESCE((SELECT version FROM updated), (SELECT version FROM inserted), @GrainStateVersion)
       AS "NewGrainStateVersion";
$q$),

-- Clearing keeps the row (with no payload) so the version keeps increasing across clear/write cycles.
('ClearStorageKey', $q$
UPDATE orleans_storage
SET payload_binary = NULL, modified_on = now(), version = version + 1
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING version AS "NewGrainStateVersion";
$q$),

-- Used instead of ClearStorageKey when DeleteStateOnClear is set. Orleans checks the returned value against
-- ETag + 1, as for a clear.
('DeleteStorageKey', $q$
DELETE FROM orleans_storage
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId AND grain_type_string = @GrainTypeString
  AND grain_id_extension_string IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING version + 1 AS "NewGrainStateVersion";
$q$);
