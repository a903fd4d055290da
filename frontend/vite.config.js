// Vite build and dev-server config: Vue SFCs, output to dist/, /api proxied to the backend
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// Where `npm run dev` / `npm run preview` forward /api (the nginx address under `make run`).
const apiTarget = process.env.API_TARGET || 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [vue()],
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  server: {
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
})
