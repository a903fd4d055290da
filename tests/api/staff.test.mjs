// Staff: invitations by e-mail through the stack's real mail catcher (the link's token, 72 hours, used once, stored
// hashed), the people list, role changes, disabling (sessions and API tokens refused at once), ownership transfer, and
// that neither another merchant nor a lower role can touch a merchant's people.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { api, newMerchant, uniqueEmail, expectError } from './lib/client.mjs';
import { sql } from './lib/db.mjs';
import { readMail, tokenOf } from './lib/mail.mjs';
import { inviteByMail, accept, staffOf, sha256, pastIssueSecond } from './lib/staff.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:18080';
const staffList = async (m) => {
  const res = await api('GET', '/api/v1/staff', { token: m.token });
  assert.equal(res.status, 200, res.text);
  return res.json;
};

test('the owner invites by e-mail; the invitee opens the link, sets a name and password and is signed in', async () => {
  const m = await newMerchant('staff-invite');
  const { invitation, email, mail, token } = await inviteByMail(m, 'warehouse');
  assert.equal(invitation.email, email);
  assert.equal(invitation.role, 'warehouse');
  assert.equal(invitation.expired, false);
  const valid = Date.parse(invitation.expires_at) - Date.parse(invitation.created_at);
  assert.equal(valid, 72 * 3600 * 1000, 'valid for 72 hours');
  // the mail: in Vietnamese by default, naming the shop and the role, its link to the SPA's accept page
  assert.equal(mail.language, 'vi');
  assert.equal(mail.links.length, 1);
  assert.ok(mail.links[0].startsWith(`${BASE}/invite?token=`), mail.links[0]);
  assert.match(mail.text, /Thủ kho/);
  assert.ok(mail.subject.includes(m.merchant.name), mail.subject);
  // stored as its hash only
  assert.equal(sql(`SELECT COUNT(*) FROM staff_invitations WHERE token_hash = '${sha256(token)}'`)[0][0], '1');
  assert.equal(sql(`SELECT COUNT(*) FROM staff_invitations WHERE token_hash = '${token}'`)[0][0], '0');
  // pending in the owner's list
  let list = await staffList(m);
  assert.deepEqual(list.invitations.map((i) => [i.id, i.email, i.role, i.invited_by]), [[invitation.id, email, 'warehouse', m.user.name]]);
  // the accept page reads what the link is for
  const look = await api('POST', '/api/v1/auth/invitations/lookup', { body: { token } });
  assert.equal(look.status, 200, look.text);
  assert.deepEqual(look.json, { email, role: 'warehouse', merchant_name: m.merchant.name });

  const s = await accept(token, email, 'Thủ kho Lan');
  assert.equal(s.user.email, email);
  assert.equal(s.user.name, 'Thủ kho Lan');
  assert.equal(s.user.role, 'warehouse');
  assert.equal(s.merchant.id, m.merchant.id);
  const me = await api('GET', '/api/v1/auth/me', { token: s.token });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.json.user.role, 'warehouse');
  // and can sign in with the password set
  const login = await api('POST', '/api/v1/auth/login', { body: { email, password: s.password } });
  assert.equal(login.status, 200, login.text);

  list = await staffList(m);
  assert.deepEqual(list.invitations, [], 'an accepted invitation is no longer pending');
  assert.deepEqual(list.items.map((p) => [p.email, p.role, p.disabled]), [[m.email, 'owner', false], [email, 'warehouse', false]]);
  assert.ok(list.items[1].last_seen_at, 'the new person was seen');
  // used once
  expectError(assert, await api('POST', '/api/v1/auth/invitations/accept', { body: { token, name: 'X', password: 'another-pass' } }), 409, 'invitation_used');
  expectError(assert, await api('POST', '/api/v1/auth/invitations/lookup', { body: { token } }), 409, 'invitation_used');
  expectError(assert, await api('POST', '/api/v1/auth/invitations/accept', { body: { token: 'f'.repeat(64), name: 'X', password: 'another-pass' } }), 404, 'invitation_not_found');
});

test('an invitation mail is in English when the owner works in English', async () => {
  const m = await newMerchant('staff-invite-en');
  const { mail } = await inviteByMail(m, 'accountant', { lang: 'en' });
  assert.equal(mail.language, 'en');
  assert.match(mail.text, /ccountant/);
});

test('the accept refuses a short password and a missing name, and the invitation stays usable', async () => {
  const m = await newMerchant('staff-rules');
  const { token, email } = await inviteByMail(m, 'manager');
  const bad = await api('POST', '/api/v1/auth/invitations/accept', { body: { token, name: '', password: 'short' } });
  expectError(assert, bad, 422, 'validation_failed');
  const codes = Object.fromEntries(bad.json.error.details.errors.map((e) => [e.field, e.code]));
  assert.deepEqual(codes, { name: 'empty', password: 'too_short' });
  const s = await accept(token, email);
  assert.equal(s.user.role, 'manager');
});

test('an expired invitation is refused; sending it again makes a new link and the old one stops working', async () => {
  const m = await newMerchant('staff-expiry');
  const { invitation, email, token } = await inviteByMail(m, 'warehouse');
  sql(`UPDATE staff_invitations SET expires_at = UTC_TIMESTAMP() - INTERVAL 1 SECOND WHERE id = ${invitation.id}`);
  expectError(assert, await api('POST', '/api/v1/auth/invitations/accept', { body: { token, name: 'Lan', password: 'long-enough' } }), 410, 'invitation_expired');
  assert.equal((await staffList(m)).invitations[0].expired, true, 'shown as expired to the owner');

  const after = Date.now();
  const again = await api('POST', `/api/v1/staff/invitations/${invitation.id}/resend`, { token: m.token, body: {} });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.expired, false);
  const mail = await readMail({ to: email, after });
  const fresh = tokenOf(mail.links[0]);
  assert.notEqual(fresh, token);
  expectError(assert, await api('POST', '/api/v1/auth/invitations/accept', { body: { token, name: 'Lan', password: 'long-enough' } }), 404, 'invitation_not_found');
  const s = await accept(fresh, email);
  assert.equal(s.user.role, 'warehouse');
  // nothing is left for the accepted invitation to be sent again or revoked
  expectError(assert, await api('POST', `/api/v1/staff/invitations/${invitation.id}/resend`, { token: m.token, body: {} }), 404, 'not_found');
  expectError(assert, await api('DELETE', `/api/v1/staff/invitations/${invitation.id}`, { token: m.token }), 404, 'not_found');
});

test('one pending invitation per address: inviting again replaces it; a revoked invitation is refused', async () => {
  const m = await newMerchant('staff-reinvite');
  const first = await inviteByMail(m, 'warehouse');
  const second = await inviteByMail(m, 'accountant', { email: first.email });
  const list = await staffList(m);
  assert.deepEqual(list.invitations.map((i) => [i.id, i.email, i.role]), [[second.invitation.id, first.email, 'accountant']]);
  expectError(assert, await api('POST', '/api/v1/auth/invitations/lookup', { body: { token: first.token } }), 404, 'invitation_not_found');

  const del = await api('DELETE', `/api/v1/staff/invitations/${second.invitation.id}`, { token: m.token });
  assert.equal(del.status, 204, del.text);
  expectError(assert, await api('POST', '/api/v1/auth/invitations/accept', { body: { token: second.token, name: 'X', password: 'long-enough' } }), 404, 'invitation_not_found');
  assert.deepEqual((await staffList(m)).invitations, []);
  // the address is quoted as sent, in any case: it is matched lowercased
  const upper = await api('POST', '/api/v1/staff/invitations', { token: m.token, body: { email: first.email.toUpperCase(), role: 'manager' } });
  assert.equal(upper.status, 201, upper.text);
  assert.equal(upper.json.email, first.email);
});

test('two clicks on the same link at once make one account', async () => {
  const m = await newMerchant('staff-race');
  const { token } = await inviteByMail(m, 'warehouse');
  const both = await Promise.all([1, 2].map((i) =>
    api('POST', '/api/v1/auth/invitations/accept', { body: { token, name: `Lan ${i}`, password: 'long-enough' } })));
  assert.deepEqual(both.map((r) => r.status).sort(), [201, 409], both.map((r) => r.text).join(' | '));
  assert.equal((await staffList(m)).items.length, 2);
});

test('a person belongs to one merchant: an address with an account is refused, at the invitation and at the accept', async () => {
  const a = await newMerchant('staff-one-a');
  const b = await newMerchant('staff-one-b');
  expectError(assert, await api('POST', '/api/v1/staff/invitations', { token: a.token, body: { email: b.email, role: 'manager' } }), 409, 'email_taken');
  // both invite the same new address; the first to be accepted wins
  const email = uniqueEmail('two-shops');
  const fromA = await inviteByMail(a, 'warehouse', { email });
  const fromB = await inviteByMail(b, 'manager', { email });
  const s = await accept(fromA.token, email);
  assert.equal(s.merchant.id, a.merchant.id);
  expectError(assert, await api('POST', '/api/v1/auth/invitations/accept', { body: { token: fromB.token, name: 'X', password: 'long-enough' } }), 409, 'email_taken');
});

test('the owner changes a role; the new role applies to the next request', async () => {
  const m = await newMerchant('staff-role');
  const s = await staffOf(m, 'warehouse');
  expectError(assert, await api('GET', '/api/v1/connections/1/stock-settings', { token: s.token }), 403, 'forbidden');
  const res = await api('PATCH', `/api/v1/staff/${s.user.id}`, { token: m.token, body: { role: 'manager' } });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.json.role, 'manager');
  assert.equal((await api('GET', '/api/v1/auth/me', { token: s.token })).json.user.role, 'manager');
  // invalid changes
  const owner = (await staffList(m)).items.find((p) => p.role === 'owner');
  expectError(assert, await api('PATCH', `/api/v1/staff/${owner.id}`, { token: m.token, body: { role: 'manager' } }), 409, 'owner_unchangeable');
  expectError(assert, await api('PATCH', `/api/v1/staff/${owner.id}`, { token: m.token, body: { disabled: true } }), 409, 'owner_unchangeable');
  const asOwner = await api('PATCH', `/api/v1/staff/${s.user.id}`, { token: m.token, body: { role: 'owner' } });
  expectError(assert, asOwner, 422, 'validation_failed');
  assert.equal(asOwner.json.error.details.errors[0].code, 'not_one_of');
  const empty = await api('PATCH', `/api/v1/staff/${s.user.id}`, { token: m.token, body: {} });
  expectError(assert, empty, 422, 'validation_failed');
  assert.equal(empty.json.error.details.errors[0].code, 'required');
  expectError(assert, await api('PATCH', '/api/v1/staff/999999999', { token: m.token, body: { role: 'manager' } }), 404, 'not_found');
});

test('disabling a person ends their sessions and API tokens at once; enabling lets them sign in again', async () => {
  const m = await newMerchant('staff-disable');
  const heir = await staffOf(m, 'manager');
  // the owner's API token, then the ownership passed on: the former owner is now a manager with a live token
  const tok = await api('POST', '/api/v1/api-tokens', { token: m.token, body: { name: 'script' } });
  assert.equal(tok.status, 201, tok.text);
  const moved = await api('POST', `/api/v1/staff/${heir.user.id}/transfer-ownership`, { token: m.token, body: { password: m.password } });
  assert.equal(moved.status, 200, moved.text);
  assert.equal((await api('GET', '/api/v1/orders', { token: tok.json.token })).status, 200, 'the token acts as its maker, now a manager');
  const fresh = { 'cache-control': 'no-cache' };
  assert.equal((await api('GET', '/api/v1/orders', { token: tok.json.token, headers: fresh })).status, 200);
  assert.equal((await api('GET', '/api/v1/orders', { token: m.token, headers: fresh })).status, 200);
  assert.equal((await api('GET', '/api/v1/orders', { token: m.token })).status, 200);

  await pastIssueSecond(m.token);
  const off = await api('PATCH', `/api/v1/staff/${m.user.id}`, { token: heir.token, body: { disabled: true } });
  assert.equal(off.status, 200, off.text);
  assert.equal(off.json.disabled, true);
  assert.ok(off.json.disabled_at);
  // refused the same whether the caller's check reads the read cache's versions (a GET) or not (no-cache, a write)
  expectError(assert, await api('GET', '/api/v1/orders', { token: m.token }), 401, 'account_disabled');
  expectError(assert, await api('GET', '/api/v1/orders', { token: m.token, headers: fresh }), 401, 'account_disabled');
  expectError(assert, await api('POST', '/api/v1/products', { token: m.token, body: { name: 'x', sku: 'x' } }), 401, 'account_disabled');
  // the person's API tokens are revoked with it (so that enabling them again does not revive them)
  expectError(assert, await api('GET', '/api/v1/orders', { token: tok.json.token }), 401, 'unauthorized');
  expectError(assert, await api('GET', '/api/v1/orders', { token: tok.json.token, headers: fresh }), 401, 'unauthorized');
  assert.equal(sql(`SELECT COUNT(*) FROM api_tokens WHERE user_id = ${m.user.id} AND revoked_at IS NULL`)[0][0], '0');
  expectError(assert, await api('POST', '/api/v1/auth/login', { body: { email: m.email, password: m.password } }), 401, 'account_disabled');
  // a disabled person is sent no reset link
  const after = Date.now();
  assert.equal((await api('POST', '/api/v1/auth/password-reset', { body: { email: m.email } })).status, 202);
  assert.equal(sql(`SELECT COUNT(*) FROM password_resets WHERE user_id = ${m.user.id} AND created_at >= FROM_UNIXTIME(${Math.floor(after / 1000)})`)[0][0], '0');

  const on = await api('PATCH', `/api/v1/staff/${m.user.id}`, { token: heir.token, body: { disabled: false } });
  assert.equal(on.status, 200, on.text);
  assert.equal(on.json.disabled, false);
  const again = await api('POST', '/api/v1/auth/login', { body: { email: m.email, password: m.password } });
  assert.equal(again.status, 200, again.text);
  assert.equal(again.json.user.role, 'manager');
  assert.equal((await api('GET', '/api/v1/orders', { token: again.json.token })).status, 200);
  // what disabling ended stays ended
  expectError(assert, await api('GET', '/api/v1/orders', { token: m.token }), 401, 'session_ended');
  expectError(assert, await api('GET', '/api/v1/orders', { token: m.token, headers: fresh }), 401, 'session_ended');
  expectError(assert, await api('GET', '/api/v1/orders', { token: tok.json.token }), 401, 'unauthorized');
  expectError(assert, await api('GET', '/api/v1/orders', { token: tok.json.token, headers: fresh }), 401, 'unauthorized');
});

test('ownership transfer: confirmed with the owner password, the old owner becomes a manager', async () => {
  const m = await newMerchant('staff-transfer');
  const next = await staffOf(m, 'warehouse');
  const idle = await staffOf(m, 'accountant');
  const path = `/api/v1/staff/${next.user.id}/transfer-ownership`;
  expectError(assert, await api('POST', path, { token: m.token, body: { password: 'not-the-password' } }), 403, 'wrong_password');
  expectError(assert, await api('POST', `/api/v1/staff/${m.user.id}/transfer-ownership`, { token: m.token, body: { password: m.password } }), 409, 'already_owner');
  await api('PATCH', `/api/v1/staff/${idle.user.id}`, { token: m.token, body: { disabled: true } });
  expectError(assert, await api('POST', `/api/v1/staff/${idle.user.id}/transfer-ownership`, { token: m.token, body: { password: m.password } }), 409, 'user_disabled');
  expectError(assert, await api('POST', path, { token: next.token, body: { password: next.password } }), 403, 'forbidden');

  // two confirmations at once: one transfer
  const both = await Promise.all([1, 2].map(() => api('POST', path, { token: m.token, body: { password: m.password } })));
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 403], both.map((r) => r.text).join(' | '));
  const people = Object.fromEntries((await staffList(next)).items.map((p) => [p.email, p.role]));
  assert.equal(people[next.email], 'owner');
  assert.equal(people[m.email], 'manager');
  assert.equal(Object.values(people).filter((r) => r === 'owner').length, 1);
  expectError(assert, await api('GET', '/api/v1/staff', { token: m.token }), 403, 'forbidden');
});

test("a lower role cannot see or change the staff, nor a higher role's settings", async () => {
  const m = await newMerchant('staff-lower');
  const manager = await staffOf(m, 'manager');
  const other = await staffOf(m, 'manager');
  const keeper = await staffOf(m, 'warehouse');
  const accountant = await staffOf(m, 'accountant');
  const { invitation } = await inviteByMail(m, 'warehouse');
  for (const who of [manager, keeper, accountant]) {
    const calls = [
      ['GET', '/api/v1/staff'],
      ['PATCH', `/api/v1/staff/${m.user.id}`, { disabled: true }],
      ['PATCH', `/api/v1/staff/${other.user.id}`, { role: 'warehouse' }],
      ['PATCH', `/api/v1/staff/${who.user.id}`, { role: 'manager' }],
      ['POST', '/api/v1/staff/invitations', { email: uniqueEmail('sneak'), role: 'manager' }],
      ['POST', `/api/v1/staff/invitations/${invitation.id}/resend`, {}],
      ['DELETE', `/api/v1/staff/invitations/${invitation.id}`],
      ['POST', `/api/v1/staff/${who.user.id}/transfer-ownership`, { password: who.password }],
    ];
    for (const [method, path, body] of calls) {
      const res = await api(method, path, { token: who.token, body });
      expectError(assert, res, 403, 'forbidden');
      assert.ok(res.json.error.details.permission, `${who.user.role} ${method} ${path} names the permission`);
    }
  }
  const people = Object.fromEntries((await staffList(m)).items.map((p) => [p.email, [p.role, p.disabled]]));
  assert.deepEqual(people[m.email], ['owner', false]);
  assert.deepEqual(people[other.email], ['manager', false]);
  assert.deepEqual(people[keeper.email], ['warehouse', false]);
  assert.equal((await staffList(m)).invitations.length, 1);
});

test("another merchant's people and invitations answer 404 and are not listed", async () => {
  const a = await newMerchant('staff-iso-a');
  const b = await newMerchant('staff-iso-b');
  const bStaff = await staffOf(b, 'warehouse');
  const { invitation, email } = await inviteByMail(b, 'manager');
  for (const [method, path, body] of [
    ['PATCH', `/api/v1/staff/${bStaff.user.id}`, { disabled: true }],
    ['PATCH', `/api/v1/staff/${b.user.id}`, { role: 'manager' }],
    ['POST', `/api/v1/staff/${bStaff.user.id}/transfer-ownership`, { password: a.password }],
    ['POST', `/api/v1/staff/invitations/${invitation.id}/resend`, {}],
    ['DELETE', `/api/v1/staff/invitations/${invitation.id}`],
  ]) {
    const res = await api(method, path, { token: a.token, body });
    expectError(assert, res, 404, 'not_found');
    assert.ok(!res.text.includes(bStaff.email) && !res.text.includes(email), `${method} ${path} names nothing of B's`);
  }
  const list = await staffList(a);
  assert.ok(![bStaff.email, b.email, email].some((e) => JSON.stringify(list).includes(e)), "A's list holds none of B's");
  const bList = await staffList(b);
  assert.deepEqual(bList.items.map((p) => [p.email, p.disabled]), [[b.email, false], [bStaff.email, false]]);
  assert.equal(bList.invitations.length, 1);
  assert.equal((await api('GET', '/api/v1/auth/me', { token: b.token })).json.user.role, 'owner');
});
