-- A decision's summary as a code and its parameters (JSON `{"code": ..., "args": {...}}`), worded in the
-- reader's language at the edge; NULL on decisions stored before summaries had codes (their English
-- `summary` is shown as it is).
ALTER TABLE decisions ADD COLUMN summary_code TEXT;
