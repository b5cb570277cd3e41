#!/usr/bin/env node
// `npm run sandbox -- [nihaopay] --port N --token T` or `npm run sandbox -- onlinepay --key K`:
// a built-in gateway sandbox on its own, for pointing any client of that gateway at it.
// Needs `npm run build` first.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { main } = await import(path.join(root, 'dist', 'sandbox', 'sandboxCli.js'));
try {
  // main() prints the URL and closes the sandbox on SIGINT/SIGTERM itself.
  await main(process.argv.slice(2));
} catch (error) {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
