-- What a notice was made for (an event's own key): a redelivered event, or one handed to
-- its listener again after a failure, tells nobody twice.
ALTER TABLE notices ADD COLUMN source TEXT;
CREATE UNIQUE INDEX notices_source_idx ON notices (account_id, source) WHERE source IS NOT NULL;
