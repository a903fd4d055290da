// ESLint config of the SPA (flat config, run by `npm run lint`)
// JavaScript's and eslint-plugin-vue's recommended rules as errors, plus the Vue checks for names a template uses
// but nothing defines, and for props, emits and refs nothing uses.
import js from '@eslint/js'
import pluginVue from 'eslint-plugin-vue'
import globals from 'globals'

export default [
  { ignores: ['dist/**'] },
  js.configs.recommended,
  ...pluginVue.configs['flat/recommended-error'],
  // How a template's tags and attributes are broken into lines is the authors' choice (compact rows in the tables,
  // one attribute a line in the larger forms): layout is left out, every rule about meaning stays.
  pluginVue.configs['no-layout-rules'],
  {
    files: ['src/**/*.{js,vue}'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['*.js', 'vite-plugins/**/*.js', 'tests/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.vue'],
    rules: {
      // <el-*> tags and v-loading come from unplugin-vue-components (vite.config.js), <router-*> from vue-router.
      'vue/no-undef-components': ['error', { ignorePatterns: ['^el-', '^router-(link|view)$'] }],
      'vue/no-undef-properties': 'error',
      'vue/no-unused-properties': 'error',
      'vue/no-unused-emit-declarations': 'error',
      'vue/no-unused-refs': 'error',
      'vue/no-setup-props-reactivity-loss': 'error',
      'vue/no-ref-object-reactivity-loss': 'error',
    },
  },
  {
    rules: {
      'no-shadow': 'error',
      eqeqeq: ['error', 'smart'],
      'prefer-const': 'error',
    },
  },
]
