-- The recovery history: one row per recorded attempt, appended in group-committed batches, never updated.
CREATE TABLE IF NOT EXISTS recovery_performance (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    record_id       uuid             NOT NULL UNIQUE,
    strategy_id     text             NOT NULL,
    strategy_name   text             NOT NULL,
    error_type      text             NOT NULL,
    execution_time  double precision NOT NULL,  -- seconds
    success         boolean          NOT NULL,
    "timestamp"     timestamptz      NOT NULL,
    hardware_id     text,
    affected_tasks  integer          NOT NULL,
    recovered_tasks integer          NOT NULL,
    resource_usage  jsonb,                      -- {"before": {...}, "after": {...}}
    impact_score    double precision NOT NULL,
    stability_score double precision,
    context         jsonb            NOT NULL,  -- component, worker, whether the attempt resolved its error
    error_id        text             NOT NULL,
    level           smallint         NOT NULL,
    attempt         integer          NOT NULL,
    worker_id       text,
    component       text             NOT NULL,
    resolved_error  boolean          NOT NULL,
    timed_out       boolean          NOT NULL,
    recorded_at     timestamptz      NOT NULL DEFAULT now()
);

-- History pages (newest first, optionally by type and strategy) and a statistics grain's rebuild (its pair's latest rows).
CREATE INDEX IF NOT EXISTS recovery_performance_by_time ON recovery_performance ("timestamp" DESC);
CREATE INDEX IF NOT EXISTS recovery_performance_by_type ON recovery_performance (error_type, "timestamp" DESC);
CREATE INDEX IF NOT EXISTS recovery_performance_by_pair ON recovery_performance (error_type, strategy_id, id DESC);
CREATE INDEX IF NOT EXISTS recovery_performance_by_strategy ON recovery_performance (strategy_id, "timestamp" DESC);
CREATE INDEX IF NOT EXISTS recovery_performance_by_error ON recovery_performance (error_id, attempt);

-- Hourly totals per (type, strategy, level) and all-time totals per (type, strategy, machine), kept in the same
-- statement as the rows they count: metrics, trends and rebuilds read these instead of scanning the history.
CREATE TABLE IF NOT EXISTS recovery_hourly (
    bucket        timestamptz      NOT NULL,
    error_type    text             NOT NULL,
    strategy_id   text             NOT NULL,
    level         smallint         NOT NULL,
    executions    bigint           NOT NULL,
    successes     bigint           NOT NULL,
    resolved      bigint           NOT NULL,
    total_seconds double precision NOT NULL,
    total_impact  double precision NOT NULL,
    PRIMARY KEY (error_type, strategy_id, bucket, level)
);

CREATE INDEX IF NOT EXISTS recovery_hourly_by_bucket ON recovery_hourly (bucket);
CREATE INDEX IF NOT EXISTS recovery_hourly_by_strategy ON recovery_hourly (strategy_id, bucket);

CREATE TABLE IF NOT EXISTS recovery_hardware (
    error_type  text   NOT NULL,
    strategy_id text   NOT NULL,
    hardware_id text   NOT NULL,
    executions  bigint NOT NULL,
    successes   bigint NOT NULL,
    PRIMARY KEY (error_type, strategy_id, hardware_id)
);
