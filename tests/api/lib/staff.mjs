// People of a merchant for the tests: invited through the mail catcher and accepted (the staff tests), or added
// straight into the test database (the permission tests, which need many people quickly).
import { createHash, randomBytes } from 'node:crypto';
import { api, uniqueEmail } from './client.mjs';
import { sql } from './db.mjs';
import { readMail, tokenOf } from './mail.mjs';

export const sha256 = (s) => createHash('sha256').update(s).digest('hex');

// The owner `m` invites a fresh address (or `email`) with `role`; returns {invitation, email, mail, token}, the token
// read from the link of the mail the catcher got.
export async function inviteByMail(m, role, { email = uniqueEmail(`staff-${role}`), lang } = {}) {
  const after = Date.now();
  const res = await api('POST', '/api/v1/staff/invitations', { token: m.token, body: { email, role, ...(lang ? { lang } : {}) } });
  if (res.status !== 201) throw new Error(`invite failed: ${res.status} ${res.text}`);
  const mail = await readMail({ to: email, after });
  return { invitation: res.json, email, mail, token: tokenOf(mail.links[0]) };
}

// Accepts an invitation token with a fresh name and password; returns the session with {email, password}.
export async function accept(token, email, name = 'Nhân viên') {
  const password = 'pw-' + randomBytes(6).toString('hex');
  const res = await api('POST', '/api/v1/auth/invitations/accept', { body: { token, name, password } });
  if (res.status !== 201) throw new Error(`accept failed: ${res.status} ${res.text}`);
  return { ...res.json, email, password };
}

// A person of the owner's merchant with `role`, signed in (invited and accepted through the mail).
export async function staffOf(m, role) {
  const inv = await inviteByMail(m, role);
  return accept(inv.token, inv.email, `Người ${role}`);
}

// Waits until the wall clock is past the second a session token was issued in: a session is ended by
// users.sessions_since, which like the token's iat counts whole seconds, so only sessions of an earlier second are
// certainly older than an end set now.
export async function pastIssueSecond(token) {
  const { iat } = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  while (Date.now() < (iat + 1) * 1000) await new Promise((r) => setTimeout(r, (iat + 1) * 1000 - Date.now()));
}

// Adds a person with `role` to owner `m`'s merchant straight into the database (the same password as the owner's, so
// they sign in through the real login) and signs them in; returns {token, user, email, password}.
export async function addPerson(m, role) {
  const email = `${role}-${m.user.id}-${Date.now()}-${Math.random().toString(16).slice(2, 8)}@example.com`;
  sql(`INSERT INTO users (merchant_id, name, email, password_hash, role)
       SELECT merchant_id, 'Nhân viên ${role}', '${email}', password_hash, '${role}' FROM users WHERE id = ${Number(m.user.id)}`);
  const res = await api('POST', '/api/v1/auth/login', { body: { email, password: m.password } });
  if (res.status !== 200) throw new Error(`login as ${role} failed: ${res.status} ${res.text}`);
  return { ...res.json, email, password: m.password };
}
