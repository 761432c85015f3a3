-- Roster imports in the background (identity/RosterImports): how far each has come, so
-- that the console's page on any node can show it. The roster itself (names, ID numbers)
-- stays in the memory of the node that imports it and is never stored here; a problem's
-- message names the line and the rule, not the person. No key to accounts: like the audit
-- log's actor, the staff member's id outlives an erasure. An import's record is deleted
-- 30 days after it finished or last gave news (identity/RosterImportRetention); the audit
-- log keeps its tallies.
CREATE TABLE roster_imports (
    id UUID PRIMARY KEY,
    staff_id UUID NOT NULL,
    lines INTEGER NOT NULL CHECK (lines >= 0),
    lines_done INTEGER NOT NULL DEFAULT 0 CHECK (lines_done >= 0),
    created INTEGER NOT NULL DEFAULT 0 CHECK (created >= 0),
    already_registered INTEGER NOT NULL DEFAULT 0 CHECK (already_registered >= 0),
    status TEXT NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'INTERRUPTED')),
    started_at TIMESTAMPTZ NOT NULL,
    heartbeat_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);

CREATE TABLE roster_import_problems (
    import_id UUID NOT NULL REFERENCES roster_imports (id) ON DELETE CASCADE,
    line INTEGER NOT NULL,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (import_id, line)
);
