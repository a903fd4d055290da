// Vite plugin: writes a gzip copy (level 9) beside every compressible file of the build, for nginx's gzip_static.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const COMPRESSIBLE = /\.(js|css|html|svg|json)$/
const MIN_BYTES = 512 // nginx's gzip_min_length: smaller files are not worth a second copy

function* files(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) yield* files(p)
    else yield p
  }
}

export default function precompress() {
  let outDir
  return {
    name: 'precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    closeBundle() {
      for (const f of files(outDir)) {
        if (!COMPRESSIBLE.test(f)) continue
        const raw = readFileSync(f)
        if (raw.length >= MIN_BYTES) writeFileSync(`${f}.gz`, gzipSync(raw, { level: 9 }))
      }
    },
  }
}
