-- Evidence for honor hours and makeup requests (photos, scanned certificates, PDFs).
CREATE TABLE evidence_files
(
  id           UUID PRIMARY KEY,
  uploaded_by  UUID        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  file_name    TEXT        NOT NULL,
  content_type TEXT        NOT NULL,
  size_bytes   INT         NOT NULL,
  content      BYTEA       NOT NULL,
  uploaded_at  TIMESTAMPTZ NOT NULL
);
ALTER TABLE hours_entries ADD COLUMN evidence_file_id UUID REFERENCES evidence_files (id);
ALTER TABLE makeup_requests ADD COLUMN evidence_file_id UUID REFERENCES evidence_files (id);
