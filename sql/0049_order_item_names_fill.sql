-- phase: expand
-- orders.item_names (sql/0042) for the rows stored before the order store wrote it, from their lines as the list
-- read them until now (the first three product names in line order, joined by U+001F; '' for an order without
-- lines), so that the list reads the column alone and plans no lookup of the lines for every row. Every binary since
-- 0042 writes it with the order; this fills the rest in batches of 5,000 orders.
DELIMITER ;;
CREATE OR REPLACE PROCEDURE tts_order_item_names_fill()
BEGIN
  DECLARE last BIGINT UNSIGNED DEFAULT 0;
  DECLARE upto BIGINT UNSIGNED;
  REPEAT
    SELECT MAX(id) INTO upto FROM (SELECT id FROM orders WHERE id > last ORDER BY id LIMIT 5000) b;
    IF upto IS NOT NULL THEN
      UPDATE orders o
      SET o.item_names = COALESCE((SELECT SUBSTRING_INDEX(GROUP_CONCAT(ol.product_name ORDER BY ol.id
                                                                      SEPARATOR 0x1f), 0x1f, 3)
                                   FROM order_lines ol WHERE ol.order_id = o.id), '')
      WHERE o.id > last AND o.id <= upto AND o.item_names IS NULL;
      SET last = upto;
    END IF;
  UNTIL upto IS NULL END REPEAT;
END;;
DELIMITER ;

CALL tts_order_item_names_fill();
DROP PROCEDURE tts_order_item_names_fill;
