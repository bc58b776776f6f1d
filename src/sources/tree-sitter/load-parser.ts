import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Language, Parser } from 'web-tree-sitter';
import treeSitter from './web-tree-sitter.cjs';

export type GrammarName = 'terraform' | 'bicep';

// The .wasm files sit beside this module in src/ and beside index.js in dist/ (the bundle script
// copies them), so one relative lookup serves both. Paths are built at run time on purpose: ncc
// rewrites `new URL('x.wasm', import.meta.url)` into an asset it reads as text, corrupting it.
const here = dirname(fileURLToPath(import.meta.url));

let runtime: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language>>();

function initRuntime(): Promise<void> {
  // The CommonJS runtime derives its script directory from `__dirname`, which ES modules lack.
  // It only uses it to find its .wasm, which we hand over directly.
  (globalThis as { __dirname?: string }).__dirname ??= here;
  runtime ??= treeSitter.Parser.init({ wasmBinary: readFileSync(join(here, 'web-tree-sitter.wasm')) });
  return runtime;
}

/** Returns a parser for the grammar; the runtime and each grammar are loaded once per process. */
export async function loadParser(grammar: GrammarName): Promise<Parser> {
  await initRuntime();
  let language = languages.get(grammar);
  if (!language) {
    language = treeSitter.Language.load(readFileSync(join(here, `tree-sitter-${grammar}.wasm`)));
    languages.set(grammar, language);
  }
  const parser = new treeSitter.Parser();
  parser.setLanguage(await language);
  return parser;
}
