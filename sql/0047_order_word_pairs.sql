-- phase: expand
-- Pairs of word beginnings among a name's search tokens (orders/order_words.c: name_tokens). A name search of
-- common words ("nguyen van an") reads one word's entries newest first and checks the others on each; when every
-- word is in several names of a hundred, thousands of entries pass by for a page. A pair token "xx yy" (the first
-- two characters of two of the name's words, the lesser first) is in a few names of a hundred or less: the search
-- weighs its pairs with its words and reads the rarest. The order store writes them with the other tokens; here the
-- orders stored already get theirs, from their tokens of two characters (a word's beginning), with the order's
-- signature. An order stored meanwhile by a binary that does not write them gets them from the same procedure in the
-- contract phase (sql/0048), once every binary writes them: until then a search led by a pair does not find it.
DELIMITER ;;
CREATE OR REPLACE PROCEDURE tts_order_word_pairs_fill()
BEGIN
  DECLARE last BIGINT DEFAULT 0;
  DECLARE top BIGINT DEFAULT 0;
  -- read without locking the tokens (the sync workers keep writing them), written in batches of 5,000 orders
  SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED;
  DROP TEMPORARY TABLE IF EXISTS tts_name_beginnings;
  CREATE TEMPORARY TABLE tts_name_beginnings (
    seq BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    merchant_id BIGINT UNSIGNED NOT NULL,
    create_time BIGINT NOT NULL,
    order_id BIGINT UNSIGNED NOT NULL,
    sig BIGINT UNSIGNED NOT NULL,
    words VARCHAR(2000) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
    n INT NOT NULL
  ) ENGINE=InnoDB;
  INSERT INTO tts_name_beginnings (merchant_id, create_time, order_id, sig, words, n)
  SELECT merchant_id, create_time, order_id, MAX(sig), GROUP_CONCAT(word ORDER BY word SEPARATOR ' '), COUNT(*)
  FROM order_words WHERE CHAR_LENGTH(word) = 2
  GROUP BY merchant_id, create_time, order_id HAVING COUNT(*) > 1;
  SELECT COALESCE(MAX(seq), 0) INTO top FROM tts_name_beginnings;
  WHILE last < top DO
    INSERT IGNORE INTO order_words (merchant_id, word, create_time, order_id, sig)
    SELECT b.merchant_id,
           CONCAT(SUBSTRING_INDEX(SUBSTRING_INDEX(b.words, ' ', i.seq), ' ', -1), ' ',
                  SUBSTRING_INDEX(SUBSTRING_INDEX(b.words, ' ', j.seq), ' ', -1)),
           b.create_time, b.order_id, b.sig
    FROM tts_name_beginnings b
    JOIN seq_1_to_64 i ON i.seq < b.n
    JOIN seq_1_to_64 j ON j.seq > i.seq AND j.seq <= b.n
    WHERE b.seq > last AND b.seq <= last + 5000;
    SET last = last + 5000;
  END WHILE;
  DROP TEMPORARY TABLE tts_name_beginnings;
END;;
DELIMITER ;

CALL tts_order_word_pairs_fill();
