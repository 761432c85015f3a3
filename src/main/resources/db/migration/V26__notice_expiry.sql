-- A notice may expire (notice/NoticeRetention): a reminder's notice 30 days after the
-- reminder's moment, like the reminder's own record. Other notices stay until erasure.
ALTER TABLE notices ADD COLUMN expires_at TIMESTAMPTZ;
CREATE INDEX notices_expiry_idx ON notices (expires_at) WHERE expires_at IS NOT NULL;
