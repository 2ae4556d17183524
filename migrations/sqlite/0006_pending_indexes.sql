-- Indexes a large batch of decisions dropped and has not yet created again: the batch writer records
-- them here in its own transaction and creates them after it commits; opening the database creates
-- any still listed (the process stopped in between), so a listed index is never lost.
CREATE TABLE pending_indexes (
    name TEXT PRIMARY KEY,
    sql  TEXT NOT NULL
);
