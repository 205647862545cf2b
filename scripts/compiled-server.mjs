// Whether the compiled server (dist/server) matches the TypeScript in src/: it exists and no
// source file is newer than it. Shared by `npm start`'s build step and the `liaison` command.
import fs from 'node:fs';
import path from 'node:path';

/** The file the build stamps when it finishes: its time is the compiled server's time. */
export const compiledStamp = 'dist/server/main.js';

function newestModification(directory) {
  let newest = 0;
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export function compiledServerIsFresh(root = '.') {
  const stamp = path.join(root, compiledStamp);
  if (!fs.existsSync(stamp)) return false;
  return newestModification(path.join(root, 'src')) <= fs.statSync(stamp).mtimeMs;
}
