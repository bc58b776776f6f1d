import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };

/** The `code` names of the README paragraph that starts with `heading` and ends at the next heading word. */
function namesAfter(heading: string, until: string): string[] {
  const start = readme.indexOf(heading);
  expect(start).toBeGreaterThan(-1);
  const text = readme.slice(start + heading.length, readme.indexOf(until, start));
  return [...text.matchAll(/`([a-z][a-z0-9-|]*)`/g)].map((match) => match[1]!);
}

describe('README', () => {
  it('lists every action input, and no other', () => {
    // Default values are written in code spans too.
    const values = new Set(['medium', 'update', 'on-findings', 'hide-and-new', 'off', 'resolve', 'keep']);
    const listed = namesAfter('Inputs (all optional):', 'Outputs:').filter((name) => !values.has(name));
    expect(new Set(listed)).toEqual(new Set(Object.keys(action.inputs)));
  });

  it('lists every action output', () => {
    const listed = namesAfter('Outputs:', 'Invalid inputs').flatMap((name) =>
      name.includes('|') ? name.replace(/^(.*-)(.*)$/, '$1|$2').split('|').slice(1).map((suffix) => `findings-${suffix}`) : [name],
    );
    const outputs = listed.filter((name) => !['full', 'degraded', 'push'].includes(name));
    expect(new Set(outputs)).toEqual(new Set(Object.keys(action.outputs)));
  });

  it('documents every CLI option', () => {
    const cli = readFileSync(join(ROOT, 'src', 'cli.ts'), 'utf8');
    const options = [...cli.matchAll(/^ {6}'?([a-z-]+)'?: \{ type:/gm)].map((match) => match[1]!);
    expect(options.length).toBeGreaterThan(15);
    for (const option of options) expect(readme).toContain(`--${option}`);
  });

  it('gives a fork pull request workflow that parses and checks out the head the action verifies', () => {
    const block = /```yaml\n(# \.github\/workflows\/pgbaseline-forks\.yml[\s\S]*?)```/.exec(readme)?.[1];
    const workflow = parse(block ?? '') as {
      on: { workflow_run: { types: string[] } };
      permissions: Record<string, string>;
      jobs: { pgbaseline: { steps: { uses: string; with?: Record<string, unknown> }[] } };
    };
    expect(workflow.on.workflow_run.types).toEqual(['completed']);
    expect(workflow.permissions).toEqual({ contents: 'read', 'pull-requests': 'write', checks: 'write' });
    const [checkout, scan] = workflow.jobs.pgbaseline.steps;
    expect(checkout).toMatchObject({ uses: 'actions/checkout@v4', with: { ref: '${{ github.event.workflow_run.head_sha }}', 'persist-credentials': false } });
    expect(scan!.uses).toMatch(/^pgbaseline\/pgbaseline@/);
    expect(Object.keys(scan!.with ?? {}).every((input) => input in action.inputs)).toBe(true);
  });
});
