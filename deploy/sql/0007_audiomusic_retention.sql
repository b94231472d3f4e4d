-- Retention (Storage:Retention): when a completed job's audio was stored, until it is deleted. The retention sweep
-- reads the oldest first, so its cost follows the jobs that still hold audio, not every job ever made.
ALTER TABLE audiomusic_jobs ADD COLUMN audio_stored_at timestamptz NULL;

-- Jobs completed before this column existed hold their audio since their last update.
UPDATE audiomusic_jobs SET audio_stored_at = updated_at WHERE status = 'Completed';

CREATE INDEX ix_audiomusic_jobs_audio_stored ON audiomusic_jobs (audio_stored_at, job_id) WHERE audio_stored_at IS NOT NULL;
