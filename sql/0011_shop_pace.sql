-- TikTok's per-shop rate limit kept by every sync worker on every host together: each shop's next free call slot,
-- in milliseconds of the database's clock (one clock for all hosts). backend/src/sync/pace.c explains the reservation.
CREATE TABLE shop_pace (
  shop_cipher  VARCHAR(191) NOT NULL PRIMARY KEY,
  next_ms      BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
