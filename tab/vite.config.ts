import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { initialJsBudget } from './build/initial-js-budget.ts';

const tabRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The tab is built into tab/dist and served by the bot's Fastify server under /tab/ (one origin with
 * the API, so SSO tokens never cross origins). Routes are lazy chunks; the initial JavaScript is
 * measured on every build and the build fails above its budget (build/initial-js-budget.ts).
 */
export default defineConfig({
  root: tabRoot,
  base: '/tab/',
  plugins: [react(), initialJsBudget()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
});
