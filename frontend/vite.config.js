// Vite build and dev-server config: Vue SFCs, Element Plus on demand, precompiled i18n messages, output to dist/
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import VueI18nPlugin from '@intlify/unplugin-vue-i18n/vite'
import precompress from './vite-plugins/precompress.js'

// Where `npm run dev` / `npm run preview` forward /api (the nginx address under `make run`).
const apiTarget = process.env.API_TARGET || 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [
    vue(),
    // <el-*> tags and v-loading import their component and its CSS where used, not the whole library.
    Components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false }),
    // vi.js / en.js (and their -more.js parts) compiled at build time, so the runtime-only vue-i18n ships without the
    // message compiler (every message the SPA shows comes from these files, already compiled).
    VueI18nPlugin({
      include: [fileURLToPath(new URL('./src/i18n/{vi,en,vi-more,en-more}.js', import.meta.url))],
      runtimeOnly: true,
      dropMessageCompiler: true,
      compositionOnly: true,
      fullInstall: false, // no <i18n-t> components: t() only
    }),
    precompress(),
  ],
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,   // bench/first_load.mjs reads it to measure what a screen's first load fetches
  },
})
