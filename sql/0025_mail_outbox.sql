-- phase: expand
-- E-mail waiting to go out: a request queues a row in its own transaction and never waits on SMTP; the sync workers
-- send it (claimed under a lease, so several workers never send one mail twice) and retry a failed send with backoff.
-- The variables hold the mail's link, whose token is a secret: they are emptied once the mail is sent or given up.
CREATE TABLE mail_outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  merchant_id BIGINT UNSIGNED NOT NULL,
  recipient VARCHAR(254) NOT NULL,
  language ENUM('vi','en') NOT NULL DEFAULT 'vi',
  kind VARCHAR(32) NOT NULL COMMENT 'the template: invitation, password_reset, reconnect',
  vars TEXT DEFAULT NULL COMMENT 'the template''s values as a JSON object; NULL once sent or given up',
  status ENUM('queued','sending','sent','failed') NOT NULL DEFAULT 'queued',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  lease_owner VARCHAR(96) DEFAULT NULL,
  lease_expires_at DATETIME DEFAULT NULL,
  last_error_code VARCHAR(64) DEFAULT NULL COMMENT 'why the last attempt failed (curl_smtp_*, template_invalid ...)',
  message_id VARCHAR(128) DEFAULT NULL,
  sent_at DATETIME DEFAULT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  KEY ix_mail_outbox_due (status, next_attempt_at),
  KEY ix_mail_outbox_lease (status, lease_expires_at),
  KEY ix_mail_outbox_merchant (merchant_id, id),
  CONSTRAINT fk_mail_outbox_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
