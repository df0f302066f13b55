#!/usr/bin/env node
'use strict';

/**
 * The `trust-desk` command. The command itself is TypeScript (scripts/cli/trustDesk.ts); tsx runs it with
 * this project's tsconfig, found from this file rather than from the working directory, so that its
 * `c/<module>` imports resolve wherever the command is started.
 */
const path = require('node:path');

const root = path.join(__dirname, '..');

function load() {
  // tsx's CommonJS hook reads the tsconfig path from the environment when it registers, and only then.
  const previous = process.env.TSX_TSCONFIG_PATH;
  process.env.TSX_TSCONFIG_PATH = path.join(root, 'tsconfig.json');
  try {
    const tsx = require('tsx/cjs/api').register({ namespace: 'trust-desk' });
    return tsx.require('../scripts/cli/trustDesk.ts', __filename);
  } finally {
    if (previous === undefined) {
      delete process.env.TSX_TSCONFIG_PATH;
    } else {
      process.env.TSX_TSCONFIG_PATH = previous;
    }
  }
}

let cli;
try {
  cli = load();
} catch (error) {
  const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(`trust-desk: cannot start (${reason}): run npm ci in ${root}\n`);
  process.exit(1);
}
process.exitCode = cli.main(process.argv.slice(2));
