-- A refused line of a roster import keeps its number, code and the key of its message:
-- the message is told in the language of whoever reads it (identity/RosterImport.told),
-- not in the language of the staff member who started the import.
ALTER TABLE roster_import_problems ADD COLUMN message_key TEXT;
UPDATE roster_import_problems
SET message_key = CASE code
    WHEN 'TOO_MANY_LINES' THEN 'roster.TOO_MANY_LINES'
    WHEN 'VALIDATION_FAILED' THEN 'roster.VALIDATION_FAILED'
    ELSE 'error.' || code END;
ALTER TABLE roster_import_problems ALTER COLUMN message_key SET NOT NULL;
ALTER TABLE roster_import_problems DROP COLUMN message;
