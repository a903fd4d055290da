// E-mail from the outbox to the stack's mail catcher: what the sync worker sends (MIME, language, link), that it
// goes over STARTTLS, that a refused send is retried and then delivered, and the reconnect mail once per episode.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect as netConnect } from 'node:net';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createHmac, randomBytes } from 'node:crypto';
import { api, newMerchant, uniqueEmail } from './lib/client.mjs';
import { sql, eventually } from './lib/db.mjs';
import { readMail, caughtMails, refuseMail, tokenOf } from './lib/mail.mjs';
import { control, newSeller, connectSeller } from './lib/tiktok.mjs';

const BASE = process.env.BASE_URL || 'http://127.0.0.1:18080';
const q = (s) => `'${String(s).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

// Queues a mail the way mail_enqueue() does (one row of the outbox); returns its id.
function enqueue(merchantId, to, lang, kind, vars) {
  const [[id]] = sql(`INSERT INTO mail_outbox (merchant_id, recipient, language, kind, vars) VALUES (${merchantId}, ${q(to)}, ` +
    `${q(lang)}, ${q(kind)}, ${q(JSON.stringify(vars))}); SELECT LAST_INSERT_ID()`);
  return Number(id);
}

function outboxRow(id) {
  const [[status, attempts, code, vars, messageId]] = sql(
    `SELECT status, attempts, last_error_code, vars, message_id FROM mail_outbox WHERE id = ${id}`);
  return { status, attempts: Number(attempts), code, vars, messageId };
}

test('an invitation goes from the outbox to the catcher in Vietnamese, with its link, date and role', async () => {
  const m = await newMerchant('mail-invite');
  const to = uniqueEmail('invitee');
  const token = randomBytes(24).toString('base64url');
  const link = `${BASE}/invitations/accept?token=${token}`;
  const expires = Date.UTC(2026, 11, 10, 3, 5) / 1000;   // 10:05 in Vietnam
  const after = Date.now();
  const id = enqueue(m.merchant.id, to, 'vi', 'invitation',
    { link, inviter_name: 'Chủ Tiệm', merchant_name: 'Cửa hàng Hoa & <Lá>', role: 'warehouse', expires_at: String(expires) });
  const mail = await readMail({ to, after });
  assert.equal(mail.subject, 'Chủ Tiệm mời bạn làm nhân viên của Cửa hàng Hoa & <Lá>');
  assert.match(mail.headers.subject, /^=\?UTF-8\?B\?/, 'the Vietnamese subject is RFC 2047-encoded');
  assert.equal(mail.language, 'vi');
  assert.equal(mail.to, to);
  assert.match(mail.from, /<no-reply@localhost>$/);
  assert.deepEqual(mail.links, [link]);
  assert.equal(tokenOf(mail.links[0]), token);
  assert.match(mail.text, /với vai trò Thủ kho\./);
  assert.match(mail.text, /đến 10\/12\/2026 10:05\./);
  assert.ok(mail.html.includes(`<a href="${link}">Nhận lời mời</a>`), mail.html);
  assert.ok(mail.html.includes('Cửa hàng Hoa &amp; &lt;Lá&gt;'), 'values are escaped in the HTML part');
  assert.ok(Math.abs(Date.parse(mail.date) - Date.now()) < 120e3, `a Date header of now: ${mail.date}`);
  const row = await eventually(() => { const r = outboxRow(id); return r.status === 'sent' && r; }, 'the row to be sent');
  assert.equal(mail.messageId, `<${row.messageId}>`);
  assert.equal(row.vars, null, 'the link and its token leave the outbox once sent');
  assert.equal(row.attempts, 1);
});

test('a password reset mail is in English for an English reader', async () => {
  const m = await newMerchant('mail-reset');
  const to = uniqueEmail('reset');
  const link = `${BASE}/reset-password?token=abc123`;
  const after = Date.now();
  enqueue(m.merchant.id, to, 'en', 'password_reset', { link, expires_at: String(Date.UTC(2026, 0, 2, 17, 30) / 1000) });
  const mail = await readMail({ to, after });
  assert.equal(mail.subject, 'Reset your password');
  assert.equal(mail.headers.subject, 'Reset your password', 'an ASCII subject stays as it is');
  assert.equal(mail.language, 'en');
  assert.match(mail.text, /until 03\/01\/2026 00:30;/);
  assert.deepEqual(mail.links, [link]);
});

test('mail goes over STARTTLS: the catcher refuses a sender that does not start TLS', async () => {
  const m = await newMerchant('mail-tls');
  const to = uniqueEmail('tls');
  const after = Date.now();
  enqueue(m.merchant.id, to, 'vi', 'reconnect', { link: `${BASE}/settings/ecommerce`, shop_name: 'Shop A' });
  const mail = await readMail({ to, after });
  assert.match(mail.received, /^ESMTPS \(TLSv1\.[23]\)$/, 'the catcher got it inside TLS');
  // the same server to a client without STARTTLS: its MAIL FROM is refused
  const replies = await new Promise((resolve, reject) => {
    const sock = netConnect(Number(process.env.TTS_SMTP_PORT || process.env.TTS_CATCHER_PORT), '127.0.0.1');
    let buf = '';
    const said = [];
    sock.setEncoding('utf8');
    sock.on('error', reject);
    sock.on('data', (d) => {
      buf += d;
      const lines = buf.split('\r\n');
      buf = lines.pop();
      for (const l of lines) {
        if (/^\d{3} /.test(l)) {
          said.push(l);
          if (said.length === 1) sock.write('EHLO test\r\n');
          else if (said.length === 2) sock.write('MAIL FROM:<a@example.com>\r\n');
          else { sock.end('QUIT\r\n'); resolve(said); }
        }
      }
    });
  });
  assert.match(replies[1], /^250 /);
  assert.match(replies[2], /^530 /, `plain MAIL FROM refused: ${replies[2]}`);
});

test('a send the server refuses is retried with the error code kept, then delivered', async () => {
  const m = await newMerchant('mail-retry');
  const to = uniqueEmail('retry');
  refuseMail(to, 2);
  const after = Date.now();
  const id = enqueue(m.merchant.id, to, 'vi', 'password_reset', { link: `${BASE}/reset-password?token=r1`, expires_at: '1800000000' });
  const refused = await eventually(() => { const r = outboxRow(id); return r.code === 'smtp_reply_451' && r; },
    'the first refusal to be recorded');
  assert.notEqual(refused.status, 'sent');
  const mail = await readMail({ to, after, timeoutMs: 30000 });
  assert.equal(mail.subject, 'Đặt lại mật khẩu');
  const row = await eventually(() => { const r = outboxRow(id); return r.status === 'sent' && r; }, 'the row to be sent');
  assert.equal(row.attempts, 3, 'two refusals, then the third try went through');
  assert.equal(row.code, 'smtp_reply_451', 'why the earlier tries failed stays');
  assert.equal(caughtMails({ to, after }).length, 1, 'delivered once');
});

test('a mail whose template cannot be filled fails for good at once, without a send', async () => {
  const m = await newMerchant('mail-bad');
  const to = uniqueEmail('bad');
  const id = enqueue(m.merchant.id, to, 'vi', 'invitation', { link: `${BASE}/x?token=t` }); // no inviter, store, role
  const row = await eventually(() => { const r = outboxRow(id); return r.status === 'failed' && r; }, 'the row to fail');
  assert.equal(row.code, 'template_invalid');
  assert.equal(row.attempts, 1);
  assert.equal(row.vars, null);
});

const workers = [];
after(async () => {
  for (const p of workers) {
    if (p.exitCode === null) {
      p.kill('SIGTERM');
      await once(p, 'exit');
    }
  }
});

test('three sync workers share the outbox: 30 mails, each sent once on its first try', async () => {
  const m = await newMerchant('mail-many');
  const tag = randomBytes(4).toString('hex');
  for (let i = 0; i < 2; i++)
    workers.push(spawn(`${process.env.TTS_BIN_DIR}/tts-sync`, [], { env: process.env, stdio: 'ignore' }));
  const after0 = Date.now();
  sql(`INSERT INTO mail_outbox (merchant_id, recipient, language, kind, vars) SELECT ${m.merchant.id}, ` +
    `CONCAT('many-', seq, '-${tag}@example.com'), 'en', 'reconnect', ` +
    `JSON_OBJECT('link', '${BASE}/settings/ecommerce', 'shop_name', CONCAT('Shop ', seq)) FROM seq_1_to_30`);
  await eventually(() => sql(`SELECT COUNT(*) FROM mail_outbox WHERE merchant_id = ${m.merchant.id} AND status = 'sent'`)[0][0] === '30',
    'all 30 mails to be sent');
  assert.deepEqual(sql(`SELECT DISTINCT attempts FROM mail_outbox WHERE merchant_id = ${m.merchant.id}`), [['1']]);
  const caught = caughtMails({ after: after0 }).filter((c) => c.envelopeTo.some((a) => a.endsWith(`-${tag}@example.com`)));
  assert.equal(caught.length, 30, 'each caught once');
  assert.equal(new Set(caught.map((c) => c.envelopeTo[0])).size, 30);
});

test('a mail whose worker died while sending it is sent once its lease runs out', async () => {
  const m = await newMerchant('mail-dead');
  const to = uniqueEmail('dead');
  const after0 = Date.now();
  const [[id]] = sql(`INSERT INTO mail_outbox (merchant_id, recipient, language, kind, vars, status, attempts, lease_owner, ` +
    `lease_expires_at) VALUES (${m.merchant.id}, ${q(to)}, 'vi', 'reconnect', ` +
    `${q(JSON.stringify({ link: `${BASE}/settings/ecommerce`, shop_name: 'Shop D' }))}, 'sending', 1, 'dead-host:1', ` +
    `UTC_TIMESTAMP() - INTERVAL 1 SECOND); SELECT LAST_INSERT_ID()`);
  await readMail({ to, after: after0 });
  const row = await eventually(() => { const r = outboxRow(id); return r.status === 'sent' && r; }, 'the row to be sent');
  assert.equal(row.attempts, 2);
});

// TikTok's deauthorization notice, signed with the sandbox app's secret as TikTok signs it.
async function deauthorizeNotice(shopId) {
  const app = await control('GET', '/sandbox/app');
  const body = JSON.stringify({ type: 6, tts_notification_id: randomBytes(8).toString('hex'), shop_id: shopId,
    timestamp: Math.floor(Date.now() / 1000), data: { message: 'deauthorized' } });
  const sig = createHmac('sha256', app.app_secret).update(app.app_key + body).digest('hex');
  const res = await api('POST', '/api/v1/webhooks/tiktok', { body, headers: { authorization: sig } });
  assert.equal(res.status, 200, res.text);
}

const reconnectRows = (merchantId) =>
  Number(sql(`SELECT COUNT(*) FROM mail_outbox WHERE merchant_id = ${merchantId} AND kind = 'reconnect'`)[0][0]);

test('the owner gets one reconnect mail per episode, however often TikTok says so', async () => {
  const m = await newMerchant('mail-reconnect');
  const seller = await newSeller(1, 'mailrc');
  const shop = seller.shops[0];
  await connectSeller(api, m, seller);
  const after = Date.now();
  await control('POST', `/sandbox/shops/${shop.id}/deauthorize`, {});
  const mail = await readMail({ to: m.email, after, timeoutMs: 30000 });
  const [[shopName]] = sql(`SELECT shop_name FROM connections WHERE merchant_id = ${m.merchant.id}`);
  assert.equal(mail.subject, `Gian hàng ${shopName} cần kết nối lại với TikTok`);
  assert.deepEqual(mail.links, [`${BASE}/settings/ecommerce`]);
  // TikTok says it again, and the refresh that failed may say it too: the connection already waits, no new mail
  await deauthorizeNotice(shop.id);
  await deauthorizeNotice(shop.id);
  assert.equal(reconnectRows(m.merchant.id), 1);
  // reconnected, then deauthorized again: a new episode, a new mail
  await connectSeller(api, m, seller);
  const [c] = (await api('GET', '/api/v1/connections', { token: m.token })).json.items;
  assert.equal(c.status, 'active');
  // the owner now works in English: the next episode's mail is in English
  assert.equal((await api('PATCH', '/api/v1/auth/me', { token: m.token, body: { language: 'en' } })).status, 200);
  const again = Date.now();
  await deauthorizeNotice(shop.id);
  const english = await readMail({ to: m.email, after: again });
  assert.equal(english.subject, `Shop ${shopName} must be reconnected to TikTok`);
  assert.equal(reconnectRows(m.merchant.id), 2);
});

test('a refresh TikTok refuses sends the owner the reconnect mail too, when TikTok\'s notice is lost', async () => {
  const m = await newMerchant('mail-refresh');
  const seller = await newSeller(1, 'mailrf');
  await connectSeller(api, m, seller);
  const app = await control('GET', '/sandbox/app');
  await control('PUT', '/sandbox/app', { webhook_url: 'http://127.0.0.1:9/lost' });
  try {
    const after0 = Date.now();
    await control('POST', `/sandbox/shops/${seller.shops[0].id}/deauthorize`, {});
    const mail = await readMail({ to: m.email, after: after0, timeoutMs: 30000 });
    assert.match(mail.subject, /cần kết nối lại với TikTok$/);
    const [[status, reason]] = sql(`SELECT status, status_reason FROM connections WHERE merchant_id = ${m.merchant.id}`);
    assert.deepEqual([status, reason], ['reauth_required', 'refresh_failed']);
    assert.equal(reconnectRows(m.merchant.id), 1);
  } finally {
    await control('PUT', '/sandbox/app', { webhook_url: app.webhook_url });
  }
});
