// Builds the editor bundle: node build.mjs [outfile]. The default outfile is the committed one.
import { build } from 'esbuild';

const outfile = process.argv[2] || '../app/static/editor/editor.js';
await build({
  entryPoints: ['src/editor.js'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2019',
  legalComments: 'none',
  banner: { js: '/* 政协文稿 editor bundle, built from frontend/ (npm ci && npm run build). Includes prosemirror-* (MIT, Marijn Haverbeke and contributors). */' },
  outfile,
  logLevel: 'warning',
});
