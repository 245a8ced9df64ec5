import { spawn } from 'node:child_process';
import path from 'node:path';
import { createServer } from 'vite';

/**
 * `npm run dev`: the API restarted on every server change (tsx watch) and the web app with hot
 * module reload (Vite, which proxies /api to the API). Open http://localhost:5173.
 */
const root = path.resolve(import.meta.dirname, '..');
const api = spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'src/server/main.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PUBLIC_URL: process.env.PUBLIC_URL ?? 'http://localhost:5173' },
});
const web = await createServer({ configFile: path.join(root, 'vite.config.ts') });
await web.listen();
web.printUrls();

const stop = async () => {
  api.kill('SIGTERM');
  await web.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
