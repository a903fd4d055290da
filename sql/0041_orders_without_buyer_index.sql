-- phase: expand
-- ix_orders_merchant_buyer served no statement (a buyer-name search reads order_words; the export slips' search
-- matches LIKE '%…%', which no index serves) while every order stored and updated paid for its entry.
ALTER TABLE orders DROP INDEX ix_orders_merchant_buyer, ALGORITHM=INPLACE, LOCK=NONE;
