-- The queue's filter and sort columns kept on each registration (copied from its current decision whenever
-- one is recorded), so paging, counting and the dashboard read one indexed table: the current outcome,
-- status, top score and protection end, and when a person first decided it.

ALTER TABLE registrations ADD COLUMN q_outcome TEXT;
ALTER TABLE registrations ADD COLUMN q_status TEXT;
ALTER TABLE registrations ADD COLUMN q_score REAL;
ALTER TABLE registrations ADD COLUMN q_until TEXT;
ALTER TABLE registrations ADD COLUMN first_decided_at TEXT;

UPDATE registrations
   SET (q_outcome, q_status, q_score, q_until) =
       (SELECT d.outcome, d.status, d.top_score, d.protection_until FROM decisions d WHERE d.id = registrations.decision_id)
 WHERE decision_id IS NOT NULL;

UPDATE registrations
   SET first_decided_at =
       (SELECT MIN(d.created_at) FROM decisions d
         WHERE d.registration_id = registrations.registration_id AND d.status IN ('accepted', 'overridden', 'ruled'));

DROP INDEX decisions_outcome;
DROP INDEX decisions_score;
CREATE INDEX registrations_q_status ON registrations (q_status, submitted_at);
CREATE INDEX registrations_q_outcome ON registrations (q_outcome, submitted_at);
CREATE INDEX registrations_q_score ON registrations (q_score, registration_id);
CREATE INDEX registrations_q_until ON registrations (q_until);
