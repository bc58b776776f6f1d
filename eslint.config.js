import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;
const ENTRY_APIS = ['node:process', '@actions/core'];

/**
 * The pipeline's direction (ARCHITECTURE.md): each stage may import the stages before it, never after. A stage is
 * named by its folder; `collect.js` and `scan.js` are the orchestration that ties the stages together.
 */
const STAGES = {
  model: [],
  files: ['config'],
  sources: ['model', 'files'],
  engine: ['model'],
  config: ['engine', 'files'],
  scope: ['engine', 'model', 'config', 'files'],
  report: ['engine', 'model', 'files'],
  parallel: ['engine', 'config', 'files', 'collect'],
  github: ['engine', 'model', 'report', 'config', 'scope', 'files', 'collect', 'scan', 'settings', 'rules'],
  docs: ['engine'],
};
const ALL = [...Object.keys(STAGES), 'collect', 'scan', 'settings', 'sign-in', 'rules'];

function restrictionsFor(stage) {
  const allowed = new Set([stage, ...STAGES[stage]]);
  const forbidden = ALL.filter((other) => !allowed.has(other));
  return {
    paths: ENTRY_APIS,
    patterns: forbidden.map((other) => ({
      group: ['collect', 'scan', 'settings', 'sign-in'].includes(other) ? [`**/src/${other}.js`, `../${other}.js`, `../../${other}.js`] : [`**/${other}/**`, `../${other}/*`],
      message: `src/${stage}/ may import ${[...allowed].join(', ')} only, not ${other}: the pipeline runs one way (see ARCHITECTURE.md).`,
    })),
  };
}

/** Static value imports of src/ and rules/ (types are erased), for the cycle check: a cycle makes the direction meaningless. */
function importGraph() {
  const graph = new Map();
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'fixtures') walk(path);
      else if (entry.name.endsWith('.ts')) {
        const targets = [...readFileSync(path, 'utf8').matchAll(/^(?:import|export)(?! type)[^'"]*from '(\.[^']+)\.js'/gm)].map((match) => `${resolve(dirname(path), match[1])}.ts`);
        graph.set(path, targets);
      }
    }
  };
  walk(join(root, 'src'));
  walk(join(root, 'rules'));
  return graph;
}

/** Files on an import cycle, each with the import that closes it. */
function cycles(graph) {
  const onCycle = new Map();
  const state = new Map();
  const stack = [];
  const visit = (file) => {
    state.set(file, 'open');
    stack.push(file);
    for (const target of graph.get(file) ?? []) {
      if (state.get(target) === 'open') {
        const cycle = stack.slice(stack.indexOf(target));
        for (const [index, member] of cycle.entries()) onCycle.set(member, cycle[(index + 1) % cycle.length]);
      } else if (!state.has(target) && graph.has(target)) visit(target);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  return onCycle;
}

const onCycle = cycles(importGraph());

const pipeline = {
  rules: {
    'no-import-cycle': {
      meta: { type: 'problem', messages: { cycle: "This file is on an import cycle through '{{next}}'." } },
      create(context) {
        const next = onCycle.get(context.filename);
        return {
          Program(node) {
            if (next) context.report({ node, messageId: 'cycle', data: { next: relative(root, next) } });
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.scratch/', '**/*.cjs', 'test/corpus/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { pipeline },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'error',
      'pipeline/no-import-cycle': 'error',
    },
  },
  {
    // Library code never reads the environment, prints or exits: only the entry files do.
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    ignores: ['src/cli.ts', 'src/action.ts', 'src/index.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'process', message: 'Only entry files (src/cli.ts, src/action.ts) may use process.' }],
      'no-restricted-imports': ['error', { paths: ENTRY_APIS }],
    },
  },
  ...Object.keys(STAGES).map((stage) => ({
    files: [`src/${stage}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', restrictionsFor(stage)] },
  })),
  {
    // Rules see the model and the rule contract, nothing of formats or outputs.
    files: ['rules/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ENTRY_APIS, patterns: [{ group: ['**/sources/**', '**/report/**', '**/github/**', '**/scope/**', '**/config/**', '**/src/scan.js', '**/src/collect.js'], message: 'Rules see the model and the rule contract only (see ARCHITECTURE.md).' }] }] },
  },
  {
    files: ['scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
