-- phase: expand
-- How far back the home screen's "no export slip yet" tiles look (days of order creation, 0 = every order): an old
-- completed order without a slip is not work any more, and a tile that never clears stops being read.
ALTER TABLE merchants ADD COLUMN no_slip_days SMALLINT UNSIGNED NOT NULL DEFAULT 30
  COMMENT 'the overview counts orders without a slip created in the last this many days (0: all)';
