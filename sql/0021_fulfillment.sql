-- phase: expand
-- Shipping from the app: each order's TikTok packages (handover, tracking, the stored label), the pickup slots the sync
-- workers read for them, the per-shop rules that make export slips follow shipping, and bulk runs with a result per
-- order. Everything TikTok knows is written by sync jobs; api requests read it from here.

ALTER TABLE orders
  ADD COLUMN ship_by_time BIGINT NULL COMMENT 'TikTok''s rts_sla_time: ship before it (NULL: the order carries none)',
  ADD COLUMN label_printed_at DATETIME NULL COMMENT 'first print of its shipping label from the app (NULL: never)',
  ADD KEY ix_orders_merchant_ship_by (merchant_id, channel_status, ship_by_time, id);

CREATE TABLE order_packages (
  id               BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  merchant_id      BIGINT UNSIGNED NOT NULL,
  order_id         BIGINT UNSIGNED NOT NULL,
  connection_id    BIGINT UNSIGNED NOT NULL,
  package_id       VARCHAR(64) NOT NULL COMMENT 'TikTok''s',
  handover_method  VARCHAR(16) NOT NULL DEFAULT '' COMMENT 'PICKUP or DROP_OFF once arranged ('''': not yet)',
  pickup_start     BIGINT NULL,
  pickup_end       BIGINT NULL,
  arranged_at      DATETIME NULL COMMENT 'when TikTok accepted the shipment arranged from the app',
  tracking_number  VARCHAR(128) NOT NULL DEFAULT '',
  can_pickup       TINYINT(1) NULL COMMENT 'from the handover time slots (NULL: not read yet)',
  can_drop_off     TINYINT(1) NULL,
  slots_read_at    DATETIME NULL,
  label_key        VARCHAR(200) NULL COMMENT 'media key of the stored shipping label PDF',
  label_pages      INT NOT NULL DEFAULT 0,
  label_fetched_at DATETIME NULL,
  label_error      VARCHAR(500) NULL COMMENT 'TikTok''s words when the last label fetch was refused',
  printed_at       DATETIME NULL,
  printed_by       VARCHAR(16) NULL COMMENT 'single (the order''s own button) or bulk (a merged print)',
  print_count      INT NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  UNIQUE KEY uq_order_packages (order_id, package_id),
  KEY ix_order_packages_label (connection_id, arranged_at, label_fetched_at),
  CONSTRAINT fk_order_packages_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE package_slots (
  order_package_id BIGINT UNSIGNED NOT NULL,
  start_time       BIGINT NOT NULL,
  end_time         BIGINT NOT NULL,
  PRIMARY KEY (order_package_id, start_time, end_time),
  CONSTRAINT fk_package_slots_package FOREIGN KEY (order_package_id) REFERENCES order_packages (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE fulfillment_settings (
  connection_id     BIGINT UNSIGNED NOT NULL,
  merchant_id       BIGINT UNSIGNED NOT NULL,
  slip_on_arrange   TINYINT(1) NOT NULL DEFAULT 0,
  export_on_transit TINYINT(1) NOT NULL DEFAULT 0,
  warehouse_id      BIGINT UNSIGNED NULL COMMENT 'the warehouse of automatic slips (NULL: the merchant''s default)',
  rules_since       BIGINT NOT NULL DEFAULT 0 COMMENT 'orders updated by TikTok before a rule was turned on are left alone',
  updated_by        BIGINT UNSIGNED NULL COMMENT 'the user who last set the rules: automatic slips are made in their name',
  PRIMARY KEY (connection_id),
  CONSTRAINT fk_fulfillment_settings_connection FOREIGN KEY (connection_id) REFERENCES connections (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE fulfillment_batches (
  id          BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,
  merchant_id BIGINT UNSIGNED NOT NULL,
  user_id     BIGINT UNSIGNED NOT NULL,
  action      VARCHAR(16) NOT NULL COMMENT 'arrange, labels, create_slips, export_slips',
  params      VARCHAR(200) NOT NULL DEFAULT '' COMMENT 'the action''s choice: handover method and slot, or warehouse',
  total       INT NOT NULL,
  document_key VARCHAR(200) NULL COMMENT 'labels: media key of the merged PDF once every label is in',
  document_pages INT NOT NULL DEFAULT 0,
  created_at  DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  finished_at DATETIME NULL,
  PRIMARY KEY (id),
  KEY ix_fulfillment_batches_merchant (merchant_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE fulfillment_batch_items (
  batch_id      BIGINT UNSIGNED NOT NULL,
  position      INT NOT NULL COMMENT 'the order in which the ids were given',
  order_id      BIGINT UNSIGNED NOT NULL,
  connection_id BIGINT UNSIGNED NOT NULL,
  state         ENUM('queued','done','failed') NOT NULL DEFAULT 'queued',
  code          VARCHAR(64) NULL COMMENT 'why it failed: our code, or tiktok_refused with TikTok''s words in message',
  message       VARCHAR(500) NULL,
  PRIMARY KEY (batch_id, position),
  KEY ix_fulfillment_items_run (batch_id, connection_id, state),
  CONSTRAINT fk_fulfillment_items_batch FOREIGN KEY (batch_id) REFERENCES fulfillment_batches (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each order an automatic rule worked on, once per rule, with what happened (a refusal is not tried again and again).
CREATE TABLE fulfillment_rule_runs (
  order_id    BIGINT UNSIGNED NOT NULL,
  rule        VARCHAR(24) NOT NULL COMMENT 'slip_on_arrange or export_on_transit',
  merchant_id BIGINT UNSIGNED NOT NULL,
  code        VARCHAR(64) NULL COMMENT 'NULL: done; else why the slip was refused',
  message     VARCHAR(500) NULL,
  ran_at      DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  PRIMARY KEY (order_id, rule),
  CONSTRAINT fk_fulfillment_rule_runs_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
