-- phase: expand
-- The merchants' link locks: link changes of one merchant run one at a time by taking this row, not the merchant's
-- own row, which every insert of a row referring to the merchant (audit_log, export_slips, ...) reads under a
-- shared lock; a link holding the merchant's row deadlocked with a slip or receipt that held stock_push rows and
-- then wrote its audit row. Nothing refers to this table, so only link changes wait for it.
CREATE TABLE link_locks (
  merchant_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
