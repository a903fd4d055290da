-- phase: expand
-- Photos the merchant gives when TikTok requires them to reject a return (a received package): kept in the media
-- store, private to the merchant, one row each in the order given, with what TikTok answered when the answer job
-- uploaded it (so a retried job never uploads it twice). An answer job the worker gave up on leaves the request
-- waiting for an answer again ('failed', with its code). Only a return receipt that is not cancelled stands for the
-- goods of its return (a generated column, NULL once cancelled, carries the unique key).

CREATE TABLE after_sales_images (
  id            BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  merchant_id   BIGINT UNSIGNED NOT NULL,
  request_id    BIGINT UNSIGNED NOT NULL,
  position      TINYINT UNSIGNED NOT NULL COMMENT 'the order the merchant gave them in',
  media_key     VARCHAR(200) NOT NULL COMMENT 'private/after-sales/<merchant>/<sha256>.<ext> in the media store',
  content_type  VARCHAR(32) NOT NULL,
  size          INT UNSIGNED NOT NULL,
  tiktok_uri    VARCHAR(200) NULL COMMENT 'the image id TikTok issued on upload; NULL until uploaded',
  tiktok_width  INT UNSIGNED NULL,
  tiktok_height INT UNSIGNED NULL,
  created_at    DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (id),
  UNIQUE KEY uq_after_sales_images_position (request_id, position),
  KEY ix_after_sales_images_merchant (merchant_id, id),
  CONSTRAINT fk_after_sales_images_request FOREIGN KEY (request_id) REFERENCES after_sales_requests (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE after_sales_requests
  MODIFY COLUMN answer_state ENUM('none','sending','refused','failed') NOT NULL DEFAULT 'none'
    COMMENT 'failed: the answer job gave up (answer_code says why); the merchant may answer again';

ALTER TABLE stock_receipts
  ADD COLUMN active_after_sales_id BIGINT UNSIGNED AS (IF(status = 'posted', after_sales_id, NULL)) VIRTUAL
    COMMENT 'after_sales_id while the receipt is not cancelled: one live receipt per return',
  ADD UNIQUE KEY uq_stock_receipts_active_after_sales (active_after_sales_id),
  DROP KEY uq_stock_receipts_after_sales,
  ADD KEY ix_stock_receipts_after_sales (after_sales_id);
