-- The error list people read (GET /api/errors, the status counts): each error's row carries its summary next to its
-- state, written by the same statement, so the list is exactly as current as the acknowledged state. Rows from before
-- this version have no summary until a silo fills it in (ErrorListBackfill) or the error changes.
ALTER TABLE error_state
    ADD COLUMN IF NOT EXISTS error_type       text,
    ADD COLUMN IF NOT EXISTS severity         text,
    ADD COLUMN IF NOT EXISTS component        text,
    ADD COLUMN IF NOT EXISTS operation        text,
    ADD COLUMN IF NOT EXISTS message          text,
    ADD COLUMN IF NOT EXISTS status           text,
    ADD COLUMN IF NOT EXISTS level            smallint,
    ADD COLUMN IF NOT EXISTS aggregated_count bigint,
    ADD COLUMN IF NOT EXISTS first_seen       timestamptz,
    ADD COLUMN IF NOT EXISTS last_seen        timestamptz,
    ADD COLUMN IF NOT EXISTS regressions      integer,
    ADD COLUMN IF NOT EXISTS revision         bigint;

-- Lists run most recently seen first, then by id in byte order (the "C" collation), the key of their pages.
CREATE INDEX IF NOT EXISTS error_state_recent ON error_state (last_seen DESC, error_id COLLATE "C");
CREATE INDEX IF NOT EXISTS error_state_by_status ON error_state (status, last_seen DESC, error_id COLLATE "C");
CREATE INDEX IF NOT EXISTS error_state_by_type ON error_state (error_type, last_seen DESC, error_id COLLATE "C");
CREATE INDEX IF NOT EXISTS error_state_by_component ON error_state (component, last_seen DESC, error_id COLLATE "C");

-- Retention deletes an error's grain snapshot by its key (a string-keyed grain's key is the extension column).
CREATE INDEX IF NOT EXISTS rc_grain_state_by_key ON rc_grain_state (grain_key_ext);
