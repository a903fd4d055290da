-- phase: expand
-- Images sellers upload through POST /product/202309/images/upload: what the sandbox issued (the uri is the image id
-- later calls name), so a call naming an image this shop never uploaded is refused as TikTok refuses it.
CREATE TABLE images (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  shop_id     BIGINT UNSIGNED NOT NULL,
  uri         VARCHAR(100) NOT NULL,
  use_case    VARCHAR(32) NOT NULL,
  mime_type   VARCHAR(32) NOT NULL,
  width       INT UNSIGNED NOT NULL,
  height      INT UNSIGNED NOT NULL,
  size        INT UNSIGNED NOT NULL,
  create_time BIGINT NOT NULL,                       -- the sandbox clock
  UNIQUE KEY uq_images_uri (uri),
  KEY ix_images_shop (shop_id, id),
  CONSTRAINT fk_images_shop FOREIGN KEY (shop_id) REFERENCES shops (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A fault aimed at one call: the next fail_count calls to paths starting with fail_path answer 36009003 (tests make
-- one step of a job fail without touching the steps before it).
ALTER TABLE control
  ADD COLUMN fail_path  VARCHAR(200) NOT NULL DEFAULT '',
  ADD COLUMN fail_count INT NOT NULL DEFAULT 0;
