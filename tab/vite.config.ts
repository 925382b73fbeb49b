import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const tabRoot = fileURLToPath(new URL('.', import.meta.url));

/**
 * The tab is built into tab/dist and served by the bot's Fastify server under /tab/ (one origin with
 * the API, so SSO tokens never cross origins). Routes are lazy chunks; the initial bundle stays small.
 */
export default defineConfig({
  root: tabRoot,
  base: '/tab/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: true,
    chunkSizeWarningLimit: 600,
  },
});
