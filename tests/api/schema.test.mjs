// sql/schema.sql is the test database's schema: the test database, made by the migrations, dumped and normalized as
// scripts/schema-dump.sh does, equals the committed file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const database = process.env.TTS_DB_NAME || 'tts';

test('sql/schema.sql is the schema the migrations make', () => {
  const dumped = execFileSync('bash', [`${root}scripts/schema-dump.sh`, '--print', database], {
    encoding: 'utf8', maxBuffer: 64 << 20,
  });
  const committed = readFileSync(`${root}sql/schema.sql`, 'utf8');
  if (dumped === committed) return;
  const a = committed.split('\n');
  const b = dumped.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  assert.fail(`sql/schema.sql differs from the test database's schema from line ${i + 1}:\n` +
    `  committed: ${a[i] ?? '(end of file)'}\n  database:  ${b[i] ?? '(end of file)'}\n` +
    'Regenerate it with `bash scripts/schema-dump.sh` (the migrations of sql/ on a scratch database) and commit it.');
});
