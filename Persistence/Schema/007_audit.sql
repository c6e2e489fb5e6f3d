-- Operator actions (isolate, reset, resolve): who (the key's name, never the key), what, on which target, how it
-- ended. Rows are only ever added; seq keeps the order of entries written in the same instant.
CREATE TABLE IF NOT EXISTS operator_audit (
    seq       bigserial   NOT NULL PRIMARY KEY,
    entry_id  text        NOT NULL UNIQUE,
    at        timestamptz NOT NULL,
    key_name  text        NOT NULL,
    action    text        NOT NULL,
    route     text        NOT NULL,
    target    text        NOT NULL,
    status    integer     NOT NULL,
    result    text        NOT NULL,
    detail    text        NULL
);

CREATE INDEX IF NOT EXISTS operator_audit_at ON operator_audit (at DESC, seq DESC);
