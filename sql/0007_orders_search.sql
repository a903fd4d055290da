-- Orders lists that stay fast however many orders a merchant has: totals kept per merchant, connection and status by
-- the order store in the same transaction as the orders (a count reads a few rows, not every order); the folded words
-- of buyer names (each word's prefixes of 2+ characters) for name search newest first. Both are filled here for the
-- orders already stored.
CREATE TABLE order_counts (
  merchant_id    BIGINT UNSIGNED NOT NULL,
  channel        VARCHAR(16) NOT NULL,
  connection_id  BIGINT UNSIGNED NOT NULL,
  status         VARCHAR(32) NOT NULL,
  n              BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (merchant_id, channel, connection_id, status)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE order_words (
  merchant_id  BIGINT UNSIGNED NOT NULL,
  word         VARCHAR(32) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL COMMENT 'folded word or word prefix (orders/words.c)',
  create_time  BIGINT NOT NULL,
  order_id     BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (merchant_id, word, create_time, order_id)
) ENGINE=InnoDB;

INSERT INTO order_counts (merchant_id, channel, connection_id, status, n)
SELECT merchant_id, channel, connection_id, status, COUNT(*) FROM orders GROUP BY merchant_id, channel, connection_id, status;

-- The words of the stored names: text_fold() of backend/src/products/fold.c as SQL (printed by
-- sql/gen/name_words.c, which asks text_fold itself), words split on ASCII characters other than letters and digits,
-- as a JSON array.
CREATE FUNCTION tts_name_words_0007(s VARCHAR(255) CHARACTER SET utf8mb4) RETURNS TEXT CHARACTER SET utf8mb4 DETERMINISTIC
RETURN CONCAT('["', REPLACE(TRIM(REGEXP_REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(LOWER(s), 'À', 'a'), 'Á', 'a'), 'Â', 'a'), 'Ã', 'a'), 'Ä', 'a'), 'Å', 'a'), 'Æ', 'a'), 'Ç', 'c'), 'È', 'e'), 'É', 'e'), 'Ê', 'e'), 'Ë', 'e'), 'Ì', 'i'), 'Í', 'i'), 'Î', 'i'), 'Ï', 'i'), 'Ð', 'd'), 'Ñ', 'n'), 'Ò', 'o'), 'Ó', 'o'), 'Ô', 'o'), 'Õ', 'o'), 'Ö', 'o'), 'Ø', 'o'), 'Ù', 'u'), 'Ú', 'u'), 'Û', 'u'), 'Ü', 'u'), 'Ý', 'y'), 'Þ', 't'), 'ß', 's'), 'à', 'a'), 'á', 'a'), 'â', 'a'), 'ã', 'a'), 'ä', 'a'), 'å', 'a'), 'æ', 'a'), 'ç', 'c'), 'è', 'e'), 'é', 'e'), 'ê', 'e'), 'ë', 'e'), 'ì', 'i'), 'í', 'i'), 'î', 'i'), 'ï', 'i'), 'ð', 'd'), 'ñ', 'n'), 'ò', 'o'), 'ó', 'o'), 'ô', 'o'), 'õ', 'o'), 'ö', 'o'), 'ø', 'o'), 'ù', 'u'), 'ú', 'u'), 'û', 'u'), 'ü', 'u'), 'ý', 'y'), 'þ', 't'), 'ÿ', 'y'), 'Ā', 'a'), 'ā', 'a'), 'Ă', 'a'), 'ă', 'a'), 'Ą', 'a'), 'ą', 'a'), 'Ć', 'c'), 'ć', 'c'), 'Ĉ', 'c'), 'ĉ', 'c'), 'Ċ', 'c'), 'ċ', 'c'), 'Č', 'c'), 'č', 'c'), 'Ď', 'd'), 'ď', 'd'), 'Đ', 'd'), 'đ', 'd'), 'Ē', 'e'), 'ē', 'e'), 'Ĕ', 'e'), 'ĕ', 'e'), 'Ė', 'e'), 'ė', 'e'), 'Ę', 'e'), 'ę', 'e'), 'Ě', 'e'), 'ě', 'e'), 'Ĝ', 'g'), 'ĝ', 'g'), 'Ğ', 'g'), 'ğ', 'g'), 'Ġ', 'g'), 'ġ', 'g'), 'Ģ', 'g'), 'ģ', 'g'), 'Ĥ', 'h'), 'ĥ', 'h'), 'Ħ', 'h'), 'ħ', 'h'), 'Ĩ', 'i'), 'ĩ', 'i'), 'Ī', 'i'), 'ī', 'i'), 'Ĭ', 'i'), 'ĭ', 'i'), 'Į', 'i'), 'į', 'i'), 'İ', 'i'), 'ı', 'i'), 'Ĺ', 'l'), 'ĺ', 'l'), 'Ļ', 'l'), 'ļ', 'l'), 'Ľ', 'l'), 'ľ', 'l'), 'Ŀ', 'l'), 'ŀ', 'l'), 'Ł', 'l'), 'ł', 'l'), 'Ń', 'n'), 'ń', 'n'), 'Ņ', 'n'), 'ņ', 'n'), 'Ň', 'n'), 'ň', 'n'), 'Ō', 'o'), 'ō', 'o'), 'Ŏ', 'o'), 'ŏ', 'o'), 'Ő', 'o'), 'ő', 'o'), 'Ŕ', 'r'), 'ŕ', 'r'), 'Ŗ', 'r'), 'ŗ', 'r'), 'Ř', 'r'), 'ř', 'r'), 'Ś', 's'), 'ś', 's'), 'Ŝ', 's'), 'ŝ', 's'), 'Ş', 's'), 'ş', 's'), 'Š', 's'), 'š', 's'), 'Ţ', 't'), 'ţ', 't'), 'Ť', 't'), 'ť', 't'), 'Ŧ', 't'), 'ŧ', 't'), 'Ũ', 'u'), 'ũ', 'u'), 'Ū', 'u'), 'ū', 'u'), 'Ŭ', 'u'), 'ŭ', 'u'), 'Ů', 'u'), 'ů', 'u'), 'Ű', 'u'), 'ű', 'u'), 'Ų', 'u'), 'ų', 'u'), 'Ŵ', 'w'), 'ŵ', 'w'), 'Ŷ', 'y'), 'ŷ', 'y'), 'Ÿ', 'y'), 'Ź', 'z'), 'ź', 'z'), 'Ż', 'z'), 'ż', 'z'), 'Ž', 'z'), 'ž', 'z'), 'Ơ', 'o'), 'ơ', 'o'), 'Ư', 'u'), 'ư', 'u'), 'Ạ', 'a'), 'ạ', 'a'), 'Ả', 'a'), 'ả', 'a'), 'Ấ', 'a'), 'ấ', 'a'), 'Ầ', 'a'), 'ầ', 'a'), 'Ẩ', 'a'), 'ẩ', 'a'), 'Ẫ', 'a'), 'ẫ', 'a'), 'Ậ', 'a'), 'ậ', 'a'), 'Ắ', 'a'), 'ắ', 'a'), 'Ằ', 'a'), 'ằ', 'a'), 'Ẳ', 'a'), 'ẳ', 'a'), 'Ẵ', 'a'), 'ẵ', 'a'), 'Ặ', 'a'), 'ặ', 'a'), 'Ẹ', 'e'), 'ẹ', 'e'), 'Ẻ', 'e'), 'ẻ', 'e'), 'Ẽ', 'e'), 'ẽ', 'e'), 'Ế', 'e'), 'ế', 'e'), 'Ề', 'e'), 'ề', 'e'), 'Ể', 'e'), 'ể', 'e'), 'Ễ', 'e'), 'ễ', 'e'), 'Ệ', 'e'), 'ệ', 'e'), 'Ỉ', 'i'), 'ỉ', 'i'), 'Ị', 'i'), 'ị', 'i'), 'Ọ', 'o'), 'ọ', 'o'), 'Ỏ', 'o'), 'ỏ', 'o'), 'Ố', 'o'), 'ố', 'o'), 'Ồ', 'o'), 'ồ', 'o'), 'Ổ', 'o'), 'ổ', 'o'), 'Ỗ', 'o'), 'ỗ', 'o'), 'Ộ', 'o'), 'ộ', 'o'), 'Ớ', 'o'), 'ớ', 'o'), 'Ờ', 'o'), 'ờ', 'o'), 'Ở', 'o'), 'ở', 'o'), 'Ỡ', 'o'), 'ỡ', 'o'), 'Ợ', 'o'), 'ợ', 'o'), 'Ụ', 'u'), 'ụ', 'u'), 'Ủ', 'u'), 'ủ', 'u'), 'Ứ', 'u'), 'ứ', 'u'), 'Ừ', 'u'), 'ừ', 'u'), 'Ử', 'u'), 'ử', 'u'), 'Ữ', 'u'), 'ữ', 'u'), 'Ự', 'u'), 'ự', 'u'), 'Ỳ', 'y'), 'ỳ', 'y'), 'Ỵ', 'y'), 'ỵ', 'y'), 'Ỷ', 'y'), 'ỷ', 'y'), 'Ỹ', 'y'), 'ỹ', 'y'), '[\\x00-\\x2f\\x3a-\\x60\\x7b-\\x7f]+', ' ')), ' ', '","'), '"]');

INSERT IGNORE INTO order_words (merchant_id, word, create_time, order_id)
SELECT o.merchant_id, LEFT(j.w, s.seq), o.create_time, o.id
FROM orders o
JOIN JSON_TABLE(tts_name_words_0007(o.buyer_name), '$[*]' COLUMNS (w VARCHAR(255) PATH '$')) j
JOIN seq_1_to_32 s ON s.seq <= CHAR_LENGTH(j.w) AND (s.seq >= 2 OR CHAR_LENGTH(j.w) = 1)
WHERE j.w <> '';

DROP FUNCTION tts_name_words_0007;
