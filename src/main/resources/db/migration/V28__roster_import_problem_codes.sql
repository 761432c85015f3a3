-- A refused line of a roster import keeps its number and code only: the message is told
-- from the code in the language of whoever reads it (identity/RosterImport.message), not
-- in the language of the staff member who started the import.
ALTER TABLE roster_import_problems DROP COLUMN message;
