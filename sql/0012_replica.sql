-- Read replicas: each merchant's last write as a GTID of the primary, so that a read of theirs goes to the replica
-- only once it has applied that write; and a heartbeat the sync workers write every second, whose age on the
-- replica is the replica's lag (GET /api/v1/health).
CREATE TABLE merchant_writes (
  merchant_id  BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  gtid         VARCHAR(64) NOT NULL COMMENT 'domain-server-sequence of the last write transaction of a request'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE replication_heartbeat (
  id    TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  beat  DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO replication_heartbeat (id, beat) VALUES (1, UTC_TIMESTAMP(6));
