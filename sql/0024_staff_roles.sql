-- phase: expand
-- Staff roles: owner, manager, warehouse, accountant (the permissions of each are in backend/src/accounts/roles.c);
-- a person can be disabled, and the sessions signed before users.sessions_since are refused. Safe while the binaries
-- before it still run: they write only 'owner' (register) and read the role only to show it.
ALTER TABLE users
  MODIFY role ENUM('owner', 'staff', 'manager', 'warehouse', 'accountant') NOT NULL DEFAULT 'staff';

-- A merchant's people who were 'staff' had every power but the owner's: the nearest role is manager.
UPDATE users SET role = 'manager' WHERE role = 'staff';

-- Every merchant keeps an owner: its first user when none of its people is one.
UPDATE users u
  JOIN (SELECT merchant_id, MIN(id) AS first_id FROM users GROUP BY merchant_id
        HAVING SUM(role = 'owner') = 0) f ON f.first_id = u.id
  SET u.role = 'owner';

-- No default: whoever adds a person names the role (a forgotten one is an error, not a guess).
ALTER TABLE users
  MODIFY role ENUM('owner', 'manager', 'warehouse', 'accountant') NOT NULL,
  ADD COLUMN disabled_at DATETIME NULL AFTER role,
  ADD COLUMN sessions_since DATETIME NULL AFTER disabled_at;
