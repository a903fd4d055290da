// People of other roles in a merchant, for the permission tests: added straight into the test database (the same
// password as the owner's, so they sign in through the real login) until the invitation flow makes them.
import { api } from './client.mjs';
import { sql } from './db.mjs';

// Adds a person with `role` to owner `m`'s merchant and signs them in; returns {token, user, email, password}.
export async function addPerson(m, role) {
  const email = `${role}-${m.user.id}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}@example.com`;
  sql(`INSERT INTO users (merchant_id, name, email, password_hash, role)
       SELECT merchant_id, 'Nhân viên ${role}', '${email}', password_hash, '${role}' FROM users WHERE id = ${Number(m.user.id)}`);
  const res = await api('POST', '/api/v1/auth/login', { body: { email, password: m.password } });
  if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${res.text}`);
  return { ...res.json, email, password: m.password };
}
