-- phase: expand
-- TikTok's Return and Refund API in the sandbox: the buyers' cancellation and return requests (one table, `kind`
-- tells them apart because they share their life: a deadline, a seller's answer, lines of the order), the lines each
-- request names, and the history of each request as GET /return_refund/202309/returns/{return_id}/records shows it.
CREATE TABLE after_sales (
  id                  BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  kind                CHAR(1) NOT NULL,                  -- C: cancellation (cancel_id), R: return or refund (return_id)
  shop_id             BIGINT UNSIGNED NOT NULL,
  order_id            BIGINT UNSIGNED NOT NULL,
  type                VARCHAR(24) NOT NULL,              -- cancel_type BUYER_CANCEL; return_type REFUND or RETURN_AND_REFUND
  status              VARCHAR(40) NOT NULL,              -- cancel_status / return_status as TikTok spells them
  role                VARCHAR(8) NOT NULL,               -- who raised it: BUYER
  reason              VARCHAR(120) NOT NULL,             -- the buyer's reason key (cancel_reason / return_reason)
  create_time         BIGINT NOT NULL,
  update_time         BIGINT NOT NULL,
  next_action         VARCHAR(40) NULL,                  -- the seller's next action (NULL: nothing awaits the seller)
  deadline            BIGINT NULL,                       -- when the request moves on by itself (seller's or buyer's)
  refund_subtotal     BIGINT NOT NULL,                   -- smallest currency units
  refund_shipping_fee BIGINT NOT NULL,
  return_tracking_number VARCHAR(64) NOT NULL DEFAULT '',
  KEY ix_as_create (shop_id, kind, create_time, id),
  KEY ix_as_update (shop_id, kind, update_time, id),
  KEY ix_as_order (order_id, kind),
  KEY ix_as_deadline (deadline),
  CONSTRAINT fk_as_shop FOREIGN KEY (shop_id) REFERENCES shops (id),
  CONSTRAINT fk_as_order FOREIGN KEY (order_id) REFERENCES orders (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The order lines (one per unit) a request names.
CREATE TABLE after_sale_lines (
  request_id  BIGINT UNSIGNED NOT NULL,
  line_id     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (request_id, line_id),
  KEY ix_asl_line (line_id),
  CONSTRAINT fk_asl_request FOREIGN KEY (request_id) REFERENCES after_sales (id),
  CONSTRAINT fk_asl_line FOREIGN KEY (line_id) REFERENCES order_lines (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What happened to a request, oldest first.
CREATE TABLE after_sale_records (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id  BIGINT UNSIGNED NOT NULL,
  event       VARCHAR(40) NOT NULL,
  role        VARCHAR(8) NOT NULL,                       -- BUYER, SELLER or SYSTEM
  reason      VARCHAR(120) NOT NULL DEFAULT '',          -- a reason key (the buyer's, or the seller's reject reason)
  note        VARCHAR(500) NOT NULL DEFAULT '',
  images      VARCHAR(2000) NOT NULL DEFAULT '',         -- the image ids given with a rejection, one a line
  create_time BIGINT NOT NULL,
  KEY ix_asr_request (request_id, id),
  CONSTRAINT fk_asr_request FOREIGN KEY (request_id) REFERENCES after_sales (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
