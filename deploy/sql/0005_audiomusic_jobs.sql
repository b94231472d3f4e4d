-- The job index (IJobIndex): a queryable copy of each job's headline fields, written by the job grain on every state
-- change. Grain state stays the source of truth; this table serves listings, counts and the recovery sweep.
-- Job ids compare byte-wise (COLLATE "C") so the keyset order matches the ordinal order the cursor encodes,
-- whatever the database's default collation is.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE audiomusic_jobs
(
    job_id           text COLLATE "C" NOT NULL,
    owner            text NULL,
    task             text NOT NULL,
    status           text NOT NULL,
    display_name     text NULL,
    search_text      text NOT NULL,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    attempt          integer NOT NULL,
    lease_expires_at timestamptz NULL,
    CONSTRAINT pk_audiomusic_jobs PRIMARY KEY (job_id)
);

-- Newest-first listing, overall and per owner: (created_at, job_id) is the keyset the cursor continues from.
CREATE INDEX ix_audiomusic_jobs_newest ON audiomusic_jobs (created_at DESC, job_id DESC);
CREATE INDEX ix_audiomusic_jobs_owner_newest ON audiomusic_jobs (owner, created_at DESC, job_id DESC);

-- Rebuilding the dispatch queue reads pending jobs oldest first; the recovery sweep reads leases of running jobs.
CREATE INDEX ix_audiomusic_jobs_pending ON audiomusic_jobs (created_at, job_id) WHERE status = 'Pending';
CREATE INDEX ix_audiomusic_jobs_leases ON audiomusic_jobs (lease_expires_at) WHERE status = 'Processing';

-- Case-insensitive substring search (ILIKE '%text%') can use trigrams instead of scanning every row.
CREATE INDEX ix_audiomusic_jobs_search ON audiomusic_jobs USING gin (search_text gin_trgm_ops);
