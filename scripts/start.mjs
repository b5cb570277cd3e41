#!/usr/bin/env node
// `npm start`: Counterpay in Electron when its runtime is installed, otherwise in browser
// mode with one line that says why. `npm start -- --browser [--port N]` forces browser mode.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

// Asking require('electron') for its path would try to download the binary; look instead.
function electronBinary() {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const binary = path.join(dist, relative);
  return fs.existsSync(binary) ? binary : undefined;
}

const binary = args.includes('--browser') ? undefined : electronBinary();
if (binary) {
  const child = spawn(binary, [path.join(root, 'dist', 'main', 'main.js'), ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (!args.includes('--browser')) {
    console.log('Electron runtime not installed (node_modules/electron/dist is missing; run "npx install-electron" where its download is reachable), so Counterpay starts in browser mode.');
  }
  await import(path.join(root, 'dist', 'host', 'browserMain.js'));
}
