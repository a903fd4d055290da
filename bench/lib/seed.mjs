// The read path's data, written straight into the app's database with INSERT … SELECT from MariaDB's SEQUENCE
// engine (seq_A_to_B): N orders for each of two merchants, interleaved in id order as in a shared table, looking
// like synced ones (sandbox-style names, phones, statuses by age, lines grouped per SKU, first status history).
// Every value is a function of the row's sequence number (CRC32 of a different affine map of it per draw), so a
// run is reproducible and the orders, their lines and their history agree without reading anything back.
import { spawnSync } from 'node:child_process';

const ID_ORDER = 576653688135000000n + 50000000n; // sandbox-style order ids, clear of the sandbox's own
const ID_PRODUCT = 1729382716450000000n + 900000n;
const ID_SKU = 1729382716460000000n + 900000n;
const DAY = 86400;

const q = (s) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const elt = (idx, list) => `ELT(1 + (${idx}), ${list.map((v) => (typeof v === 'number' ? String(v) : q(v))).join(', ')})`;

// The sandbox's generator lists (backend/sandbox/gen.c, gen_order.c, gen_catalog.c).
const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý'];
const MIDDLE_M = ['Văn', 'Minh', 'Đức', 'Quang', 'Hoàng', 'Gia', 'Thành', 'Hữu'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Phương', 'Minh', 'Khánh', 'Bảo'];
const GIVEN_M = ['An', 'Bình', 'Dũng', 'Hùng', 'Khánh', 'Long', 'Nam', 'Phúc', 'Quân', 'Tuấn', 'Sơn', 'Huy', 'Đạt', 'Khoa'];
const GIVEN_F = ['Hà', 'Hạnh', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Thảo', 'Trang', 'Vy', 'Yến', 'Châu', 'Nhung', 'Uyên'];
// the parts of the buyers' names, for the bench's searches
export const NAME_PARTS = { FAMILY, MIDDLE_M, MIDDLE_F, GIVEN_M, GIVEN_F };
const MOBILE = ['32', '33', '34', '35', '36', '37', '38', '39', '70', '76', '77', '78', '79', '81', '82', '83',
  '84', '85', '86', '88', '89', '90', '91', '93', '94', '96', '97', '98'];
const STREETS = ['Trần Hưng Đạo', 'Lê Lợi', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Điện Biên Phủ',
  'Nguyễn Trãi', 'Cách Mạng Tháng Tám', 'Trần Phú', 'Phan Đình Phùng', 'Lê Duẩn', 'Nguyễn Văn Cừ',
  'Xuân Thủy', 'Cầu Giấy', 'Võ Văn Tần', 'Pasteur'];
const PLACES = [ // ward, district, province, postal code
  ['Phường Dịch Vọng', 'Quận Cầu Giấy', 'Hà Nội', '100000'], ['Phường Láng Hạ', 'Quận Đống Đa', 'Hà Nội', '100000'],
  ['Phường Hàng Bạc', 'Quận Hoàn Kiếm', 'Hà Nội', '100000'], ['Phường Bạch Mai', 'Quận Hai Bà Trưng', 'Hà Nội', '100000'],
  ['Phường Bến Nghé', 'Quận 1', 'Thành phố Hồ Chí Minh', '700000'], ['Phường Võ Thị Sáu', 'Quận 3', 'Thành phố Hồ Chí Minh', '700000'],
  ['Phường 25', 'Quận Bình Thạnh', 'Thành phố Hồ Chí Minh', '700000'], ['Phường Thảo Điền', 'Thành phố Thủ Đức', 'Thành phố Hồ Chí Minh', '700000'],
  ['Phường Tân Phong', 'Quận 7', 'Thành phố Hồ Chí Minh', '700000'], ['Phường Thạch Thang', 'Quận Hải Châu', 'Đà Nẵng', '550000'],
  ['Phường An Hải Bắc', 'Quận Sơn Trà', 'Đà Nẵng', '550000'], ['Phường An Biên', 'Quận Lê Chân', 'Hải Phòng', '180000'],
  ['Phường An Cư', 'Quận Ninh Kiều', 'Cần Thơ', '900000'], ['Phường Lộc Thọ', 'Thành phố Nha Trang', 'Khánh Hòa', '650000'],
];
const PROVIDERS = ['J&T Express', 'Giao Hàng Nhanh', 'Ninja Van', 'Viettel Post', 'BEST Express', 'Giao Hàng Tiết Kiệm'];
const PRODUCTS = [ // title, seller_sku code, lowest price (thousand VND), price steps, first attribute's values
  ['Áo thun cotton nam cổ tròn', 'ATN', 89, 111, ['Đen', 'Trắng', 'Xám', 'Xanh navy']],
  ['Váy hoa nhí dáng xòe', 'VHN', 159, 191, ['Hồng', 'Vàng', 'Xanh mint', 'Trắng']],
  ['Quần jean nữ ống rộng', 'QJN', 199, 201, ['Xanh nhạt', 'Xanh đậm', 'Đen', 'Trắng']],
  ['Son kem lì mịn môi', 'SKL', 99, 161, ['Đỏ cam', 'Đỏ gạch', 'Hồng đất', 'Nude']],
  ['Kem chống nắng SPF50+ PA++++', 'KCN', 129, 261, ['Da dầu', 'Da khô', 'Da hỗn hợp', 'Da nhạy cảm']],
  ['Tai nghe Bluetooth không dây', 'TNB', 249, 642, ['Đen', 'Trắng', 'Hồng', 'Xanh']],
  ['Bình giữ nhiệt inox 304', 'BGN', 119, 181, ['Bạc', 'Đen', 'Hồng pastel', 'Xanh rêu']],
  ['Ốp lưng điện thoại trong suốt chống sốc', 'OLD', 39, 61, ['Trong suốt', 'Viền đen', 'Viền hồng', 'Nhám']],
  ['Dép quai ngang unisex đế êm', 'DQN', 79, 111, ['Đen', 'Trắng', 'Be', 'Xanh']],
  ['Cà phê rang xay nguyên chất', 'CPR', 89, 241, ['Robusta', 'Arabica', 'Culi', 'Blend']],
  ['Nồi chiên không dầu điện tử', 'NCK', 890, 1101, ['Đen', 'Trắng', 'Xám', 'Kem']],
  ['Balo laptop chống nước', 'BLL', 259, 341, ['Đen', 'Xám', 'Xanh navy', 'Be']],
  ['Sữa rửa mặt trà xanh dịu nhẹ', 'SRM', 69, 121, ['Da dầu', 'Da khô', 'Da hỗn hợp', 'Da mụn']],
  ['Bộ chăn ga gối cotton Hàn Quốc', 'CGG', 390, 601, ['Kẻ sọc', 'Hoa nhí', 'Trơn xám', 'Caro']],
  ['Đèn ngủ LED cảm ứng', 'DNL', 99, 161, ['Trắng', 'Gỗ', 'Hồng', 'Xanh']],
  ['Khẩu trang vải kháng khuẩn', 'KTV', 29, 51, ['Đen', 'Trắng', 'Xám', 'Xanh']],
];
// TikTok statuses → the app's codes (backend/src/orders/order_status.c).
const STATUS_CODE = {
  UNPAID: 'awaiting_payment', ON_HOLD: 'awaiting_confirmation', AWAITING_SHIPMENT: 'processing',
  PARTIALLY_SHIPPING: 'processing', AWAITING_COLLECTION: 'packing', IN_TRANSIT: 'shipping', DELIVERED: 'delivered',
  COMPLETED: 'completed', CANCELLED: 'cancelled',
};

// The draws of row `k` (an SQL expression for the sequence number): independent 32-bit hashes, computed once per
// row in an inner derived table (hashes(k)) and read back as h.h0 … h.h7 (H(n)).
const MUL = [7, 11, 13, 17, 19, 23, 29, 31];
const ADD = [1, 3, 5, 7, 11, 13, 17, 19];
const hashes = (k) => MUL.map((m, n) => `CRC32(${k} * ${m} + ${ADD[n]}) AS h${n}`).join(', ');
const H = (n) => `h.h${n}`;
const bits = (h, shift, mod) => `((${h} >> ${shift}) % ${mod})`;

// Lines of an order: how many kinds (1-3), and for kind i (a number or an SQL expression) its product
// (distinct per order), variant, quantity, price.
const nLines = () => `(1 + ${bits(H(4), 0, 3)})`;
const product = (i) => `((${bits(H(6), 0, 16)} + 5 * ${i}) % 16)`;
const variant = (i) => `((${H(6)} >> (4 + 2 * ${i})) % 4)`;
const qty = (i) => `(1 + (((${H(4)} >> (2 + 4 * ${i})) % 10) < 2) * (1 + ((${H(4)} >> (14 + ${i})) % 2)))`;
const price = (i) =>
  `(1000 * (${elt(product(i), PRODUCTS.map((p) => p[2]))} + ((${H(5)} >> (9 * ${i})) % ${1 << 20}) % ${elt(product(i), PRODUCTS.map((p) => p[3]))}))`;
const has = (i) => `(${nLines()} > ${i})`;
const itemCount = () => [0, 1, 2].map((i) => `${has(i)} * ${qty(i)}`).join(' + ');
// its lines' product names in line order, as the order store writes orders.item_names (at most 3, joined by U+001F)
const itemNames = () => `CONCAT_WS(CHAR(31 USING utf8mb4), ${[0, 1, 2].map((i) => `IF(${has(i)}, ${elt(product(i), PRODUCTS.map((x) => x[0]))}, NULL)`).join(', ')})`;
const subTotal = () => [0, 1, 2].map((i) => `${has(i)} * ${qty(i)} * ${price(i)}`).join(' + ');

// The draws of the chunk [first, last] of the 2N sequence numbers, computed once for its orders and lines.
const hashTable = (first, last) =>
  `CREATE TEMPORARY TABLE h ENGINE=MEMORY SELECT seq, ${hashes('seq')} FROM seq_${first}_to_${last};`;

// The chunk's orders: odd sequence numbers are merchant A's, even ones merchant B's; order k gets id p.base + k.
function ordersSql(p) {
  const k = 'h.seq';
  const ct = `(${p.now} - ${p.span} + FLOOR((${k} - 1) * ${p.span} / ${p.total}) - ${bits(H(7), 0, 600)})`;
  const age = `(${p.now} - ${ct})`;
  const roll = bits(H(3), 0, 100);
  const pick = `(${H(3)} >> 8)`;
  const cs = `(CASE WHEN ${roll} < 9 THEN 'CANCELLED'` +
    ` WHEN ${age} < ${DAY} THEN ${elt(`${pick} % 6`, ['UNPAID', 'ON_HOLD', 'AWAITING_SHIPMENT', 'AWAITING_SHIPMENT', 'AWAITING_COLLECTION', 'IN_TRANSIT'])}` +
    ` WHEN ${age} < ${3 * DAY} THEN ${elt(`${pick} % 6`, ['AWAITING_SHIPMENT', 'PARTIALLY_SHIPPING', 'AWAITING_COLLECTION', 'IN_TRANSIT', 'IN_TRANSIT', 'DELIVERED'])}` +
    ` WHEN ${age} < ${8 * DAY} THEN ${elt(`${pick} % 4`, ['IN_TRANSIT', 'DELIVERED', 'DELIVERED', 'COMPLETED'])}` +
    ` WHEN ${roll} < 15 THEN 'DELIVERED' ELSE 'COMPLETED' END)`;
  const female = bits(H(0), 0, 2);
  const name = `CONCAT_WS(' ', ${elt(bits(H(0), 1, 16), FAMILY)}, ` +
    `IF(${female} = 1, ${elt(bits(H(1), 0, 8), MIDDLE_F)}, ${elt(bits(H(1), 0, 8), MIDDLE_M)}), ` +
    `IF(${female} = 1, ${elt(bits(H(1), 3, 14), GIVEN_F)}, ${elt(bits(H(1), 3, 14), GIVEN_M)}))`;
  const local = `CONCAT(${elt(bits(H(2), 0, 28), MOBILE)}, LPAD(${bits(H(2), 5, 10000000)}, 7, '0'))`;
  const place = bits(H(7), 10, 14);
  const detail = `CONCAT(1 + ${bits(H(7), 14, 300)}, ' ', ${elt(bits(H(7), 23, 16), STREETS)})`;
  const ship = `(1000 * (15 + ${bits(H(5), 27, 21)}))`;
  const status = `CASE d.cs ${Object.entries(STATUS_CODE).map(([t, c]) => `WHEN '${t}' THEN '${c}'`).join(' ')} ELSE 'unknown' END`;
  const shipped = `d.cs IN ('AWAITING_COLLECTION', 'PARTIALLY_SHIPPING', 'IN_TRANSIT', 'DELIVERED', 'COMPLETED')`;
  return `INSERT INTO orders (id, merchant_id, connection_id, external_id, status, channel_status, create_time, update_time,
  paid_time, buyer_name, buyer_phone, buyer_phone_local, buyer_email, buyer_message, currency, sub_total, shipping_fee,
  total_amount, original_total_product_price, original_shipping_fee, recipient_name, recipient_phone, full_address,
  address_detail, postal_code, region_code, shipping_provider, tracking_number, shipping_type, is_cod, cancel_reason,
  item_count, item_names)
SELECT ${p.base} + d.seq, IF(d.seq % 2 = 1, ${p.merchantA}, ${p.merchantB}), IF(d.seq % 2 = 1, ${p.connA}, ${p.connB}),
  CAST(${ID_ORDER} + d.seq AS CHAR), ${status}, d.cs, d.ct,
  LEAST(${p.now}, d.ct + CASE d.cs WHEN 'UNPAID' THEN 0 WHEN 'ON_HOLD' THEN d.r % 1800 WHEN 'AWAITING_SHIPMENT' THEN d.r % 1800
    WHEN 'IN_TRANSIT' THEN ${DAY} + d.r % ${DAY} WHEN 'DELIVERED' THEN ${2 * DAY} + d.r % ${2 * DAY}
    WHEN 'COMPLETED' THEN ${7 * DAY} + d.r % ${3 * DAY} ELSE ${4 * 3600} + d.r % ${DAY} END),
  IF(d.cs = 'UNPAID' OR (d.cs = 'CANCELLED' AND d.r % 2 = 0), NULL, d.ct + 30 + d.r % 1200),
  d.name, CONCAT('(+84)', d.local), d.local, CONCAT('v', LPAD(HEX(d.r), 12, '0'), '@scs2.tiktok.com'),
  ${elt('d.r % 9', ['', '', '', '', 'Giao giờ hành chính giúp em ạ', 'Gói kỹ giúp mình nhé', 'Gọi trước khi giao', 'Shop giao nhanh giúp em', ''])},
  'VND', d.sub, d.ship, d.sub + d.ship, d.sub, d.ship, d.name, CONCAT('(+84)', d.local),
  CONCAT_WS(', ', d.detail, ${elt('d.place', PLACES.map((x) => x[0]))}, ${elt('d.place', PLACES.map((x) => x[1]))},
    ${elt('d.place', PLACES.map((x) => x[2]))}, 'Việt Nam'),
  d.detail, ${elt('d.place', PLACES.map((x) => x[3]))}, 'VN', ${elt('d.r % 6', PROVIDERS)},
  IF(${shipped}, CONCAT('VN', LPAD(d.r % 10000000000, 10, '0'), 'VN'), ''), IF(d.r % 10 < 8, 'TIKTOK', 'SELLER'),
  d.r % 10 < 4, IF(d.cs = 'CANCELLED', ${elt('d.r % 5', ['Người mua đổi ý', 'Người mua không thanh toán kịp thời', 'Cần thay đổi địa chỉ giao hàng', 'Hết hàng', 'Tìm thấy giá tốt hơn'])}, ''),
  d.items, d.names
FROM (SELECT h.seq, ${ct} AS ct, ${cs} AS cs, ${name} AS name, ${local} AS local, ${place} AS place,
        ${detail} AS detail, ${H(7)} AS r, ${ship} AS ship, ${subTotal()} AS sub, ${itemCount()} AS items,
        ${itemNames()} AS names
      FROM h) d`;
}

// The chunk's buyer-name words (backend/src/orders/order_words.c: each folded word's prefixes of 2+ characters, then
// each two of its words' beginnings as a pair, "xx yy", the lesser first), from the same draws as the names, folded
// here as text_fold() does (no diacritics, đ as d, lower case: every list word is ASCII then, and at least 2 long).
// Each row carries the name's signature (sql/0035: two CRC32 bits a token, pairs left out), MariaDB hashing each list
// word's tokens.
const fold = (w) => w.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase();
const tokenBits = (w) => (w.length === 1 ? [w] : [...Array(w.length - 1)].map((_, i) => w.slice(0, i + 2)))
  .map((t) => `(1 << (CRC32(${q(t)}) % 64)) | (1 << (CRC32(${q(`${t}#`)}) % 64))`).join(' | ');
const sigOf = (idx, list) => `(CASE ${idx} ${list.map((w, i) => `WHEN ${i} THEN ${tokenBits(w)}`).join(' ')} END)`;
function wordsSql(p) {
  const female = bits(H(0), 0, 2);
  const f = (list) => list.map(fold);
  const either = (idx, fem, male, of) => `IF(${female} = 1, ${of(idx, f(fem))}, ${of(idx, f(male))})`;
  const w1 = elt(bits(H(0), 1, 16), f(FAMILY));
  const w2 = either(bits(H(1), 0, 8), MIDDLE_F, MIDDLE_M, elt);
  const w3 = either(bits(H(1), 3, 14), GIVEN_F, GIVEN_M, elt);
  const sig = `${sigOf(bits(H(0), 1, 16), f(FAMILY))} | ${either(bits(H(1), 0, 8), MIDDLE_F, MIDDLE_M, sigOf)} | `
    + either(bits(H(1), 3, 14), GIVEN_F, GIVEN_M, sigOf);
  const names = `(SELECT h.seq, ${w1} AS w1, ${w2} AS w2, ${w3} AS w3, ${sig} AS sig FROM h) d`;
  const pairs = '(SELECT 1 AS i, 2 AS j UNION ALL SELECT 1, 3 UNION ALL SELECT 2, 3) k';
  return `INSERT INTO order_words (merchant_id, word, create_time, order_id, sig)
SELECT DISTINCT o.merchant_id, LEFT(x.w, l.seq), o.create_time, o.id, x.sig
FROM (SELECT d.seq, ELT(k.seq, d.w1, d.w2, d.w3) AS w, d.sig FROM ${names} JOIN seq_1_to_3 k) x
JOIN orders o ON o.id = ${p.base} + x.seq
JOIN seq_1_to_32 l ON l.seq <= CHAR_LENGTH(x.w) AND (l.seq >= 2 OR CHAR_LENGTH(x.w) = 1)
UNION
SELECT DISTINCT o.merchant_id, CONCAT(LEAST(y.a, y.b), ' ', GREATEST(y.a, y.b)), o.create_time, o.id, y.sig
FROM (SELECT d.seq, LEFT(ELT(k.i, d.w1, d.w2, d.w3), 2) AS a, LEFT(ELT(k.j, d.w1, d.w2, d.w3), 2) AS b, d.sig
      FROM ${names} JOIN ${pairs}) y
JOIN orders o ON o.id = ${p.base} + y.seq
WHERE y.a <> y.b`;
}

// The totals the order store keeps (order_counts: the load's INSERT … SELECT bypasses the store) recounted for the whole
// table, and the overview's counters (sql/0030's tts_overview_recount). order_days is kept by the orders' triggers, which run during the load like any write: its recount replaces
// what they wrote (DELETE, then INSERT), never adds to it. The merchants' data versions, which the triggers raised row
// by row, are raised once more after the recounts (sql/0017, sql/0018).
const COUNTS_SQL = `DELETE FROM order_counts;
INSERT INTO order_counts (merchant_id, channel, connection_id, status, n)
SELECT merchant_id, channel, connection_id, status, COUNT(*) FROM orders GROUP BY merchant_id, channel, connection_id, status;
DELETE FROM order_days;
INSERT INTO order_days (merchant_id, day, connection_id, currency, orders, revenue)
SELECT merchant_id, FLOOR((create_time + 25200) / 86400), connection_id, currency, COUNT(*),
  SUM(IF(status <> 'cancelled', total_amount, 0))
FROM orders GROUP BY merchant_id, FLOOR((create_time + 25200) / 86400), connection_id, currency;
CALL tts_overview_recount();
INSERT INTO merchant_versions (merchant_id, scope, shard, version) SELECT DISTINCT merchant_id, 0, 0, 1 FROM orders
ON DUPLICATE KEY UPDATE version = version + 1;`;

// The chunk's lines (one per SKU, quantity as stored by the app) and the first status of each of its orders.
function linesSql(p, first, last) {
  const pr = product('(l.seq - 1)');
  return `INSERT INTO order_lines (merchant_id, order_id, sku_id, product_id, seller_sku, product_name, sku_name, image_url,
  quantity, unit_price, original_price)
SELECT IF(d.seq % 2 = 1, ${p.merchantA}, ${p.merchantB}), ${p.base} + d.seq, CAST(${ID_SKU} + d.sku AS CHAR),
  CAST(${ID_PRODUCT} + d.pr AS CHAR),
  CONCAT(${elt('d.pr', PRODUCTS.map((x) => x[1]))}, LPAD(d.pr + 1, 3, '0'), '-', LPAD(d.sku % 4 + 1, 2, '0')),
  ${elt('d.pr', PRODUCTS.map((x) => x[0]))}, ELT(1 + d.sku, ${PRODUCTS.flatMap((x) => x[4]).map(q).join(', ')}),
  CONCAT('${p.sandboxUrl}/sandbox/images/sku/', ${ID_SKU} + d.sku, '.svg'), d.qty, d.price, d.price
FROM (SELECT h.seq, ${pr} AS pr, ${pr} * 4 + ${variant('(l.seq - 1)')} AS sku, ${qty('(l.seq - 1)')} AS qty,
        ${price('(l.seq - 1)')} AS price
      FROM h JOIN seq_1_to_3 l ON l.seq <= ${nLines()}) d;
INSERT INTO order_status_history (merchant_id, order_id, status, channel_status, update_time)
SELECT o.merchant_id, o.id, o.status, o.channel_status, o.update_time FROM orders o
WHERE o.id BETWEEN ${p.base + first} AND ${p.base + last};`;
}

function mariadb(socket, database, sql, timeoutMs) {
  const r = spawnSync('mariadb', ['--no-defaults', `--socket=${socket}`, '--user=root', '--default-character-set=utf8mb4',
    '-N', '-B', database], { input: sql, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`mariadb: ${r.error ? r.error.message : r.stderr.trim().slice(0, 2000)}`);
  return r.stdout;
}

// Derived tables materialized (each draw computed once per row, not once per use), in memory. Nothing here turns the
// schema's triggers off: what they keep (order_days, merchant_versions) stays true during the load.
const SESSION = "SET SESSION unique_checks = 0, foreign_key_checks = 0, optimizer_switch = 'derived_merge=off', " +
  'tmp_table_size = 268435456, max_heap_table_size = 268435456;\n';

// The secondary keys of `table` that can go during a bulk load (not those a foreign key needs), as in SHOW
// CREATE TABLE: [name, definition]. Rebuilding them afterwards by sorting is much faster than maintaining
// them row by row, and follows whatever indexes the schema has by then.
function secondaryKeys(db, table) {
  const ddl = db(`SHOW CREATE TABLE ${table};`).replace(/\\n/g, '\n');
  const fkCols = [...ddl.matchAll(/FOREIGN KEY \(`([^`]+)`/g)].map((m) => m[1]);
  const keys = [];
  for (const line of ddl.split('\n')) {
    const m = line.trim().replace(/,$/, '').match(/^((?:UNIQUE |FULLTEXT |SPATIAL )?KEY) `([^`]+)` \(`([^`]+)`.*$/);
    if (m && !fkCols.includes(m[3])) keys.push([m[2], m[0]]);
  }
  return keys;
}

function dropKeys(db, table, keys) {
  if (keys.length) db(`ALTER TABLE ${table} ${keys.map(([n]) => `DROP KEY \`${n}\``).join(', ')};`);
}

// Adds the keys back: the ordinary ones in one pass over the table, FULLTEXT ones one at a time (InnoDB's rule).
function addKeys(db, table, keys) {
  const plain = keys.filter(([, d]) => !d.startsWith('FULLTEXT'));
  if (plain.length) db(`ALTER TABLE ${table} ${plain.map(([, d]) => `ADD ${d}`).join(', ')};`);
  for (const [, d] of keys.filter(([, x]) => x.startsWith('FULLTEXT'))) db(`ALTER TABLE ${table} ADD ${d};`);
}

// Seeds `perMerchant` orders for each of the two merchants (connections connA, connB) in chunks; `details`
// adds their lines and first status history. Secondary keys are dropped during the load and rebuilt after.
// Calls progress(doneRows, totalRows) after each chunk. The derived data (order_counts, order_words) is filled
// here too (order_days, the overview's orders and revenue per day, kept by the triggers and recounted after the load
// like order_counts).
export function seedOrders(o, progress = () => {}) {
  const p = { ...o, now: Math.floor(Date.now() / 1000), span: o.days * DAY, total: 2 * o.perMerchant };
  const db = (sql, t = 1800000) => mariadb(o.socket, o.database, SESSION + sql, t);
  const chunk = o.chunk || 200000;
  const tables = o.details ? ['orders', 'order_lines', 'order_status_history'] : ['orders'];
  const keys = Object.fromEntries(tables.map((t) => [t, secondaryKeys(db, t)]));
  const t0 = performance.now();
  let ordersS = 0;
  let linesS = 0;
  let indexS = 0;
  for (const t of tables) dropKeys(db, t, keys[t]);
  db('ALTER TABLE order_words DROP PRIMARY KEY;'); // rebuilt by sorting after the load, like the keys
  let wordsS = 0;
  try {
    // Explicit ids above every stored order (nothing else stores orders for these connections meanwhile).
    p.base = Number(db('SELECT COALESCE(MAX(id), 0) + 1000 FROM orders;').trim());
    for (let first = 1; first <= p.total; first += chunk) {
      const last = Math.min(p.total, first + chunk - 1);
      const l0 = performance.now();
      db(`${hashTable(first, last)}\n${ordersSql(p)};\nSELECT 1;`);
      const w0 = performance.now();
      db(`${hashTable(first, last)}\n${wordsSql(p)};\nSELECT 1;`);
      wordsS += (performance.now() - w0) / 1000;
      const l1 = performance.now();
      if (o.details) db(`${hashTable(first, last)}\n${linesSql(p, first, last)}`);
      linesS += (performance.now() - l1) / 1000;
      ordersS += (l1 - l0) / 1000;
      progress(last, p.total);
    }
  } finally {
    const i0 = performance.now();
    for (const t of tables) addKeys(db, t, keys[t]);
    db('ALTER TABLE order_words ADD PRIMARY KEY (merchant_id, word, create_time, order_id);');
    indexS = (performance.now() - i0) / 1000;
  }
  const c0 = performance.now();
  db(COUNTS_SQL);
  const countsS = (performance.now() - c0) / 1000;
  const a0 = performance.now();
  db(`ANALYZE TABLE ${tables.join(', ')}, order_words;`);
  const r = {
    seconds: (performance.now() - t0) / 1000, ordersSeconds: ordersS, linesSeconds: linesS, indexSeconds: indexS,
    analyzeSeconds: (performance.now() - a0) / 1000, wordsSeconds: wordsS, countsSeconds: countsS, keys: Object.values(keys).reduce((n, k) => n + k.length, 0),
  };
  const counts = db(`SELECT (SELECT COUNT(*) FROM orders), (SELECT COUNT(*) FROM order_lines),
    (SELECT COALESCE(SUM(data_length + index_length), 0) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'orders');`)
    .trim().split('\t').map(Number);
  return { ...r, ordersInTable: counts[0], linesInTable: counts[1], ordersBytes: counts[2] };
}

// One row of merchant A's seeded orders (for the searches: a real order number, phone, name).
export function sampleOrder(o) {
  const out = mariadb(o.socket, o.database, `SELECT external_id, buyer_phone_local, buyer_name, create_time FROM orders
    WHERE connection_id = ${o.connA} ORDER BY id LIMIT 1 OFFSET ${Math.floor(o.perMerchant / 3)};`, 60000);
  const [externalId, phoneLocal, name, createTime] = out.trim().split('\t');
  return { externalId, phoneLocal, name, createTime: Number(createTime) };
}

// n orders of the merchant's first connection spread over the table (order numbers and phones to search for).
export function sampleOrders(o, n) {
  const out = mariadb(o.socket, o.database, `SELECT external_id, buyer_phone_local FROM orders
    WHERE merchant_id = ${o.merchantA} ORDER BY CRC32(id) LIMIT ${n};`, 120000);
  return out.trim().split('\n').map((l) => {
    const [externalId, phoneLocal] = l.split('\t');
    return { externalId, phoneLocal };
  });
}
