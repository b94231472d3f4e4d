-- Encoded audio of jobs (IArtifactStore), stored in the database so every API host can serve it.
-- An artifact's bytes live in fixed-size chunks of a blob; the artifact row points at its current blob. A write fills
-- a new blob and then repoints the row in the same transaction, so readers see either the old or the new artifact,
-- never a mix, and a range read fetches only the chunks it covers.
CREATE SEQUENCE audiomusic_artifact_blob_ids AS bigint;

CREATE TABLE audiomusic_artifacts
(
    artifact_key text COLLATE "C" NOT NULL,
    job_id       text COLLATE "C" NOT NULL,
    blob_id      bigint NOT NULL,
    length       bigint NOT NULL,
    chunk_size   integer NOT NULL,
    content_type text NOT NULL,
    created_at   timestamptz NOT NULL,
    CONSTRAINT pk_audiomusic_artifacts PRIMARY KEY (artifact_key),
    CONSTRAINT ux_audiomusic_artifacts_blob UNIQUE (blob_id)
);

CREATE INDEX ix_audiomusic_artifacts_job ON audiomusic_artifacts (job_id);

CREATE TABLE audiomusic_artifact_chunks
(
    blob_id     bigint NOT NULL,
    chunk_index integer NOT NULL,
    data        bytea NOT NULL,
    CONSTRAINT pk_audiomusic_artifact_chunks PRIMARY KEY (blob_id, chunk_index)
);

-- Audio is already compressed: storing chunks uncompressed saves the CPU of a futile compression attempt and lets
-- substring() read a slice of a chunk without fetching all of it.
ALTER TABLE audiomusic_artifact_chunks ALTER COLUMN data SET STORAGE EXTERNAL;
