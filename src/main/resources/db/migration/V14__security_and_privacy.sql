-- Unknown sign-in codes per subject ('account:<id>' or 'address:<ip>') and 10-minute
-- window, for the code preview and check-in alike (RULES §5; issue: code enumeration).
CREATE TABLE check_in_code_guesses
(
  subject      TEXT        NOT NULL,
  window_start TIMESTAMPTZ NOT NULL,
  misses       INT         NOT NULL,
  PRIMARY KEY (subject, window_start)
);
DROP TABLE check_in_code_misses;

-- Evidence files are sealed with the PII key like every other personal datum. Files stored
-- before this version stay readable (sealed = false) until the re-encryption command
-- seals them. Content may be erased by retention or by the volunteer's erasure.
ALTER TABLE evidence_files ADD COLUMN sealed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE evidence_files ADD COLUMN pii_key_id TEXT;
ALTER TABLE evidence_files ALTER COLUMN content DROP NOT NULL;
ALTER TABLE evidence_files ADD COLUMN erased_at TIMESTAMPTZ;

-- Which PII key sealed a row (NULL: before key identifiers), so that re-encryption after a
-- key rotation finds what is left to do and can resume where it stopped.
ALTER TABLE accounts ADD COLUMN pii_key_id TEXT;
ALTER TABLE id_photo_reviews ADD COLUMN pii_key_id TEXT;
ALTER TABLE id_photo_reviews ALTER COLUMN photo_sealed DROP NOT NULL;
ALTER TABLE id_photo_reviews ADD COLUMN photo_erased_at TIMESTAMPTZ;

-- Erasure on the volunteer's request (PIPL Art. 47): ID number and phone gone, name
-- pseudonymised; the row stays so that the ledger keeps its hours.
ALTER TABLE accounts ALTER COLUMN id_number_sealed DROP NOT NULL;
ALTER TABLE accounts ADD COLUMN erased_at TIMESTAMPTZ;
ALTER TABLE id_photo_reviews ALTER COLUMN new_phone_sealed DROP NOT NULL;
