CREATE TABLE audit_log
(
  id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  actor_id    UUID,
  action      TEXT        NOT NULL,
  target_type TEXT        NOT NULL,
  target_id   TEXT        NOT NULL,
  details     JSONB       NOT NULL DEFAULT '{}',
  recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, recorded_at DESC);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, recorded_at DESC);

-- The audit log is append-only.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END $$;
CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
