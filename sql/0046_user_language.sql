-- phase: expand
-- The language a person last used the app in (vi or en): the mails the app sends on its own (a shop to reconnect)
-- are written in it; the SPA keeps it equal to its own choice (PATCH /api/v1/auth/me).
ALTER TABLE users ADD COLUMN language CHAR(2) NOT NULL DEFAULT 'vi' COMMENT 'vi or en', ALGORITHM=INSTANT;
