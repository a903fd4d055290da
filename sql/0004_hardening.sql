-- Hardening: failed logins counted per client address too; sync errors stored as stable codes.

CREATE TABLE login_client_failures (
  client        VARCHAR(64) NOT NULL PRIMARY KEY,   -- the address nginx passes (REMOTE_ADDR)
  failures      INT UNSIGNED NOT NULL,
  window_start  DATETIME NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE connections ADD COLUMN last_error_code VARCHAR(64) NULL AFTER last_error;
ALTER TABLE sync_jobs ADD COLUMN error_code VARCHAR(64) NULL AFTER error;
