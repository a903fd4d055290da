-- TikTok's per-shop rate limit (50 calls a second per API path and shop): every shop-scoped call counted per second,
-- calls past the limit answered 429 / 36009002 and counted as throttled; GET /sandbox/shops/{shop_id}/calls reports them.
CREATE TABLE shop_calls (
  shop_id    BIGINT UNSIGNED NOT NULL,
  path       VARCHAR(191) NOT NULL,
  second     BIGINT NOT NULL COMMENT 'unix time of the server, seconds (not the sandbox clock)',
  calls      INT UNSIGNED NOT NULL DEFAULT 0,
  throttled  INT UNSIGNED NOT NULL DEFAULT 0,
  PRIMARY KEY (shop_id, path, second)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE rate_limit (
  id          TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  per_second  INT UNSIGNED NOT NULL DEFAULT 50 COMMENT '0: no limit'
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO rate_limit (id) VALUES (1);
