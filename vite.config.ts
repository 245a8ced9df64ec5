import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiServer = 'http://localhost:3000';

// The web app lives in src/web; the production server serves dist/web with an SPA fallback.
export default defineConfig(({ command, mode }) => ({
  root: 'src/web',
  plugins: [react(), tailwindcss()],
  // Vitest sets NODE_ENV=test, and Vite would then bundle React's development build even for
  // `vite build`; a production-mode build always ships production React.
  define:
    command === 'build' && mode === 'production'
      ? { 'process.env.NODE_ENV': JSON.stringify('production') }
      : {},
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': apiServer,
      '/healthz': apiServer,
      '/readyz': apiServer,
    },
  },
}));
