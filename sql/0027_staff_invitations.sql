-- phase: expand
-- One-time tokens of staff sign-up and password reset, each kept only as the SHA-256 of the token (hex), so that the
-- database alone cannot be used to take an account. An invitation is pending until it is accepted or revoked; a
-- merchant has at most one pending invitation per address (a re-invite revokes the old one in the same transaction).
CREATE TABLE staff_invitations (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  merchant_id BIGINT UNSIGNED NOT NULL,
  email VARCHAR(254) NOT NULL,
  role ENUM('manager', 'warehouse', 'accountant') NOT NULL,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  invited_by BIGINT UNSIGNED NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at DATETIME NOT NULL,
  accepted_at DATETIME NULL,
  accepted_user_id BIGINT UNSIGNED NULL,
  revoked_at DATETIME NULL,
  pending_email VARCHAR(254) AS (IF(accepted_at IS NULL AND revoked_at IS NULL, email, NULL)) PERSISTENT,
  PRIMARY KEY (id),
  UNIQUE KEY uq_staff_invitations_token (token_hash),
  UNIQUE KEY uq_staff_invitations_pending (merchant_id, pending_email),
  KEY ix_staff_invitations_merchant (merchant_id, id),
  CONSTRAINT fk_staff_invitations_merchant FOREIGN KEY (merchant_id) REFERENCES merchants (id),
  CONSTRAINT fk_staff_invitations_inviter FOREIGN KEY (invited_by) REFERENCES users (id),
  CONSTRAINT fk_staff_invitations_user FOREIGN KEY (accepted_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A reset link is valid for an hour and used once; asking again leaves older links valid until they expire.
CREATE TABLE password_resets (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  user_id BIGINT UNSIGNED NOT NULL,
  token_hash CHAR(64) CHARACTER SET ascii NOT NULL,
  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  expires_at DATETIME NOT NULL,
  used_at DATETIME NULL,
  PRIMARY KEY (id),
  UNIQUE KEY uq_password_resets_token (token_hash),
  KEY ix_password_resets_user (user_id, created_at),
  CONSTRAINT fk_password_resets_user FOREIGN KEY (user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Reset requests counted per client address (the answer never says whether an address exists, so the limit is the
-- client's, not the e-mail's).
CREATE TABLE password_reset_clients (
  client VARCHAR(64) NOT NULL,
  requests INT UNSIGNED NOT NULL,
  window_start DATETIME NOT NULL,
  PRIMARY KEY (client)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- When the person last used the app (touched at most once a minute by the request's authentication), shown to the
-- owner in the staff list.
ALTER TABLE users ADD COLUMN last_seen_at DATETIME NULL;
