-- TikTok shop connections (tokens sealed with AES-256-GCM), OAuth states, the job table, webhook receipts.
CREATE TABLE connections (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id         BIGINT UNSIGNED NOT NULL,
  channel             VARCHAR(16) NOT NULL DEFAULT 'tiktok',
  shop_id             VARCHAR(64) NOT NULL,
  shop_cipher         VARCHAR(255) NOT NULL,
  shop_name           VARCHAR(255) NOT NULL,
  shop_code           VARCHAR(64) NOT NULL DEFAULT '',
  region              VARCHAR(8) NOT NULL,
  seller_name         VARCHAR(255) NOT NULL DEFAULT '',
  open_id             VARCHAR(128) NOT NULL DEFAULT '',
  status              ENUM('active', 'reauth_required', 'disconnected') NOT NULL DEFAULT 'active',
  access_token_enc    TEXT NOT NULL,
  refresh_token_enc   TEXT NOT NULL,
  access_expires_at   DATETIME NOT NULL,
  refresh_expires_at  DATETIME NOT NULL,
  expiry_warning_at   DATETIME NULL COMMENT 'TikTok announced the authorization will expire (webhook type 7)',
  status_reason       VARCHAR(255) NULL,
  connected_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  disconnected_at     DATETIME NULL,
  last_synced_at      DATETIME NULL,
  last_checked_at     DATETIME NULL,
  last_error          VARCHAR(500) NULL,
  last_error_at       DATETIME NULL,
  UNIQUE KEY uq_connections_shop (merchant_id, channel, shop_id),
  KEY ix_connections_shop (channel, shop_id, status),
  KEY ix_connections_refresh (status, access_expires_at),
  CONSTRAINT fk_connections_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE oauth_states (
  nonce        CHAR(32) NOT NULL PRIMARY KEY,
  merchant_id  BIGINT UNSIGNED NOT NULL,
  user_id      BIGINT UNSIGNED NOT NULL,
  region       VARCHAR(8) NOT NULL,
  expires_at   DATETIME NOT NULL,
  used_at      DATETIME NULL,
  KEY ix_oauth_states_expiry (expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sync_jobs (
  id                BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  merchant_id       BIGINT UNSIGNED NOT NULL,
  connection_id     BIGINT UNSIGNED NOT NULL,
  kind              VARCHAR(32) NOT NULL,
  state             ENUM('queued', 'running', 'done', 'failed') NOT NULL DEFAULT 'queued',
  dedupe_key        VARCHAR(96) NULL COMMENT 'set while queued or running: one live job per key',
  payload           TEXT NULL,
  run_after         DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  attempts          INT UNSIGNED NOT NULL DEFAULT 0,
  lease_owner       VARCHAR(96) NULL,
  lease_expires_at  DATETIME NULL,
  progress_done     INT UNSIGNED NOT NULL DEFAULT 0,
  progress_total    INT UNSIGNED NOT NULL DEFAULT 0,
  error             VARCHAR(500) NULL,
  created_at        DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  started_at        DATETIME NULL,
  finished_at       DATETIME NULL,
  UNIQUE KEY uq_sync_jobs_dedupe (dedupe_key),
  KEY ix_sync_jobs_claim (state, run_after),
  KEY ix_sync_jobs_lease (state, lease_expires_at),
  KEY ix_sync_jobs_connection (merchant_id, connection_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE sync_job_runs (
  id           BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_id       BIGINT UNSIGNED NOT NULL,
  worker       VARCHAR(96) NOT NULL,
  started_at   DATETIME(3) NOT NULL,
  finished_at  DATETIME(3) NULL,
  outcome      VARCHAR(16) NULL,
  KEY ix_sync_job_runs_job (job_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE webhook_receipts (
  notification_id  VARCHAR(64) NOT NULL PRIMARY KEY,
  type             INT NOT NULL,
  shop_id          VARCHAR(64) NOT NULL,
  received_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  outcome          VARCHAR(32) NOT NULL,
  body             MEDIUMTEXT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
