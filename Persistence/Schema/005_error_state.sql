-- The latest state of every error, replaced on each change in group-committed batches: an error grain answers only
-- after its row here has committed. Orleans' grain storage keeps a lazy snapshot; the newer version wins on activation.
CREATE TABLE IF NOT EXISTS error_state (
    error_id   text        NOT NULL PRIMARY KEY,
    version    bigint      NOT NULL,
    state      bytea       NOT NULL,
    written_at timestamptz NOT NULL DEFAULT now()
);
