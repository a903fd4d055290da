// Direct SQL for the tests that must arrange or inspect rows the API does not expose (job leases, OAuth states).
import { execFileSync, spawn } from 'node:child_process';

const socket = process.env.TTS_DB_SOCKET;
const database = process.env.TTS_DB_NAME || 'tts';

// Runs SQL through the mariadb client; returns rows as arrays of strings (NULL as null).
export function sql(query) {
  if (!socket) throw new Error('TTS_DB_SOCKET must be set for tests that read the database');
  const out = execFileSync('mariadb', ['--socket', socket, '--user', 'root', '-N', '-B', database, '-e', query], {
    encoding: 'utf8',
  });
  const lines = out.split('\n');
  lines.pop(); // the newline that ends the last row
  return lines.map((l) => l.split('\t').map((v) => (v === 'NULL' ? null : v)));
}

// Polls `probe` until it returns a truthy value or the deadline passes (then throws with `what`).
export async function eventually(probe, what, { timeoutMs = 30000, everyMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

// Runs `statements` in a session of its own that stays open (a lock held, a transaction open); resolves once they
// ran, to the function that runs `end` in that session and closes it.
export async function holdSession(statements, end) {
  const session = spawn('mariadb', ['--unbuffered', '--socket', socket, '--user', 'root', database]);
  session.stdin.write(`${statements}\nSELECT "held";\n`);
  await new Promise((resolve) => session.stdout.on('data', (d) => String(d).includes('held') && resolve()));
  return async () => {
    const closed = new Promise((resolve) => session.on('exit', resolve));
    session.stdin.end(`${end}\n`);
    await closed;
  };
}
