import fs from 'node:fs';

/** Stops the preview this run started (by its process id) and removes its throwaway database. */
export default function globalTeardown(): void {
  const running = globalThis.__trustDeskPreview;
  if (!running) return;
  try {
    if (running.pid > 0) process.kill(running.pid, 'SIGTERM');
  } catch {
    // Already gone.
  }
  fs.rmSync(running.dir, { recursive: true, force: true });
}
