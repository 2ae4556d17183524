-- Desktop-app support: each decision keeps its strongest match (name, source, score) on its own row so the
-- queue pages, filters and sorts 100,000 registrations in SQL without reading the evidence JSON; and indexes
-- for the queue's filters, the disputes view, the audit log by registration and head accounts by region.

ALTER TABLE decisions ADD COLUMN top_name TEXT;
ALTER TABLE decisions ADD COLUMN top_source TEXT;
ALTER TABLE decisions ADD COLUMN top_score REAL;

-- Evidence is stored strongest first, so the first element is the top match.
UPDATE decisions
   SET top_name = json_extract(matches, '$[0].name'),
       top_source = json_extract(matches, '$[0].source'),
       top_score = json_extract(matches, '$[0].score')
 WHERE json_array_length(matches) > 0;

CREATE INDEX registrations_region ON registrations (region, submitted_at);
CREATE INDEX registrations_partner ON registrations (partner, submitted_at);
CREATE INDEX registrations_customer ON registrations (customer_name);
CREATE INDEX registrations_decision ON registrations (decision_id);
CREATE INDEX decisions_outcome ON decisions (outcome, status);
CREATE INDEX decisions_score ON decisions (top_score);
CREATE INDEX disputes_status ON disputes (status, registration_id);
CREATE INDEX audit_log_subject ON audit_log (subject, seq);
CREATE INDEX head_accounts_region ON head_accounts (region, account_id);
