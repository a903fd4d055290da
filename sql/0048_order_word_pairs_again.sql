-- phase: contract
-- Every binary writes the pair tokens now: the orders an older one stored while sql/0047 was applied and the
-- binaries were rolled get theirs (the tokens already there are left as they are). The procedure stays, to be run
-- again should tokens ever be rebuilt.
CALL tts_order_word_pairs_fill();
