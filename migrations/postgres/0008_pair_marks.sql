-- Remembered pairs are recorded changes too: a label saved, replaced or forgotten comes with its audit
-- entry (`pairs.*`) in the same transaction, enforced at commit as 0004 does for the other tables.
CREATE TRIGGER pair_labels_mark_insert AFTER INSERT ON pair_labels REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER pair_labels_mark_update AFTER UPDATE ON pair_labels REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
CREATE TRIGGER pair_labels_mark_delete AFTER DELETE ON pair_labels REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION dealgate_mark('other');
