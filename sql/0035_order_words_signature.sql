-- phase: expand
-- A signature of the order's buyer name on each of its order_words rows (the same on all of them), so that a name
-- search of several words checks the other words on the lead word's entry itself and looks their rows up only for
-- the entries that pass. sig is a Bloom filter of the name's tokens (its rows' words): for each token t the bits
-- CRC32(t) % 64 and CRC32(CONCAT(t, '#')) % 64 (word_signature() in backend/src/orders/order_words.c, which the
-- order store writes it with). Names have about 10 tokens (a 3-word Vietnamese name 7 to 12): with two bits a token
-- about 27% of the 64 bits are set, so a word the name lacks passes with a chance of (0.27)^2 = 7% (12 tokens: 10%;
-- one bit a token: 15%; three: 5%, four: 5% — not worth more hashing); an entry that passes is still checked
-- exactly by its word's row.
ALTER TABLE order_words ADD sig BIGINT UNSIGNED NOT NULL DEFAULT 0
  COMMENT 'Bloom filter of the order''s name tokens (orders/order_words.c: word_signature)';

-- The orders stored already: each order's signature from its own rows.
UPDATE order_words w
JOIN (SELECT merchant_id, create_time, order_id,
             BIT_OR((1 << (CRC32(word) % 64)) | (1 << (CRC32(CONCAT(word, '#')) % 64))) AS sig
      FROM order_words GROUP BY merchant_id, create_time, order_id) s
  ON s.merchant_id = w.merchant_id AND s.create_time = w.create_time AND s.order_id = w.order_id
SET w.sig = s.sig;
