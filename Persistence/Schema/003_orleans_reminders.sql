-- Reminders for Orleans' ADO.NET reminder provider: one row per (grain, reminder name), found by grain hash ranges.

CREATE TABLE IF NOT EXISTS rc_reminders (
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    period        bigint      NOT NULL,
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);

CREATE INDEX IF NOT EXISTS rc_reminders_by_hash ON rc_reminders (service_id, grain_hash);

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('UpsertReminderRowKey', '
INSERT INTO rc_reminders (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId::text, @GrainId::text, @ReminderName::text, @StartTime::timestamptz, @Period::bigint,
        @GrainHash::integer, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
   SET start_time = excluded.start_time, period = excluded.period, grain_hash = excluded.grain_hash,
       version = rc_reminders.version + 1
RETURNING version AS Version;'),

('ReadReminderRowsKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
  FROM rc_reminders
 WHERE service_id = @ServiceId::text AND grain_id = @GrainId::text;'),

('ReadReminderRowKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
  FROM rc_reminders
 WHERE service_id = @ServiceId::text AND grain_id = @GrainId::text AND reminder_name = @ReminderName::text;'),

-- A hash range that does not wrap around: (begin, end].
('ReadRangeRows1Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
  FROM rc_reminders
 WHERE service_id = @ServiceId::text AND grain_hash > @BeginHash::integer AND grain_hash <= @EndHash::integer;'),

-- A hash range that wraps around the end of the ring.
('ReadRangeRows2Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime, period AS Period, version AS Version
  FROM rc_reminders
 WHERE service_id = @ServiceId::text AND (grain_hash > @BeginHash::integer OR grain_hash <= @EndHash::integer);'),

('DeleteReminderRowKey', '
WITH removed AS (
    DELETE FROM rc_reminders
     WHERE service_id = @ServiceId::text AND grain_id = @GrainId::text
       AND reminder_name = @ReminderName::text AND version = @Version::integer
    RETURNING 1)
SELECT count(*)::integer FROM removed;'),

('DeleteReminderRowsKey', '
DELETE FROM rc_reminders WHERE service_id = @ServiceId::text;')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
