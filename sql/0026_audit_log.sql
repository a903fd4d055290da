-- phase: expand
-- The audit log: who changed what in a merchant's data and when, each row written in the transaction of its change.
-- The actor is a person (signed in, or through one of their API tokens), TikTok (changes the sync worker makes on
-- its behalf) or the system (scheduled housekeeping); before/after hold the changed fields as JSON, never secrets.
CREATE TABLE audit_log (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  merchant_id BIGINT UNSIGNED NOT NULL,
  at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  actor ENUM('user','api_token','tiktok','system') NOT NULL,
  user_id BIGINT UNSIGNED NULL,
  api_token_id BIGINT UNSIGNED NULL,
  entity VARCHAR(40) NOT NULL,
  entity_id BIGINT UNSIGNED NULL,
  action VARCHAR(40) NOT NULL,
  before_json JSON NULL,
  after_json JSON NULL,
  request_id VARCHAR(32) NULL,
  PRIMARY KEY (id),
  -- the list pages newest first by id within a merchant; each filter narrows that walk
  KEY ix_audit_merchant (merchant_id, id),
  KEY ix_audit_user (merchant_id, user_id, id),
  KEY ix_audit_entity (merchant_id, entity, id),
  -- the date range and the retention's deletion
  KEY ix_audit_at (merchant_id, at),
  CONSTRAINT fk_audit_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- How long a merchant's audit rows are kept; the sync worker deletes older ones in small batches.
ALTER TABLE merchants ADD COLUMN audit_retention_days SMALLINT UNSIGNED NOT NULL DEFAULT 365
  COMMENT 'audit_log rows older than this many days are deleted';
