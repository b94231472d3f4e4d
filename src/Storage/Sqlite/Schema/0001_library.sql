-- The one-box library (Storage:Provider = Sqlite): grain states, reminders and the job index in one SQLite file.
-- Instants are UTC ticks (100-ns units since 0001-01-01), so they sort and compare exactly as DateTimeOffset does.

CREATE TABLE grain_states
(
    state_name TEXT    NOT NULL,
    grain_id   TEXT    NOT NULL,
    etag       TEXT    NOT NULL,
    data       BLOB    NOT NULL,
    PRIMARY KEY (state_name, grain_id)
) WITHOUT ROWID;

CREATE TABLE reminders
(
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    -- GrainId.GetUniformHashCode(): reminder services read rows by hash range.
    grain_hash    INTEGER NOT NULL,
    start_at      INTEGER NOT NULL,
    period_ticks  INTEGER NOT NULL,
    etag          TEXT    NOT NULL,
    PRIMARY KEY (grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX reminders_by_hash ON reminders (grain_hash);

CREATE TABLE jobs
(
    job_id           TEXT    NOT NULL PRIMARY KEY,
    owner            TEXT,
    task             TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    display_name     TEXT,
    search_text      TEXT    NOT NULL,
    -- search_text in upper case (invariant culture): SQLite's own LIKE folds ASCII letters only.
    search_folded    TEXT    NOT NULL,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    attempt          INTEGER NOT NULL,
    lease_expires_at INTEGER,
    audio_stored_at  INTEGER
);

CREATE INDEX jobs_newest_first ON jobs (created_at DESC, job_id DESC);
CREATE INDEX jobs_by_owner ON jobs (owner, created_at DESC, job_id DESC);
CREATE INDEX jobs_by_status ON jobs (status, created_at, job_id);
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE status = 'Processing';
CREATE INDEX jobs_audio_stored ON jobs (audio_stored_at) WHERE audio_stored_at IS NOT NULL;
