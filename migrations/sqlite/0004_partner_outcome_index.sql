-- The dashboard's conflict rate per partner reads partner and current outcome from this index alone.
CREATE INDEX registrations_partner_outcome ON registrations (partner, q_outcome);
