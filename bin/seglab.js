#!/usr/bin/env node
'use strict';
// Thin launcher: the CLI lives in src/cli (built to dist/cjs). Exit codes: 0 ok, 1 failure, 2 bad input or usage.
let main;
try {
  ({ main } = require('../dist/cjs/cli/main.js'));
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('seglab: the build is missing. Run `npm run build` (or `npm start`) first.\n');
    process.exit(1);
  }
  throw err;
}
main(process.argv.slice(2)).then((code) => process.exit(code));
