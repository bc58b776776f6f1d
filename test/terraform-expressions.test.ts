import { describe, expect, it } from 'vitest';
import { toPlain, type Value } from '../src/model/value.js';
import { evaluateModule } from '../src/sources/terraform/evaluate-module.js';
import { parseHcl } from '../src/sources/terraform/parse-hcl.js';
import { loadParser } from '../src/sources/tree-sitter/load-parser.js';

const parser = await loadParser('terraform');

/**
 * Evaluates `expression` in a module that has variables, locals, a module input and a resource, and
 * returns what Terraform would give (`undefined` for an unknown value).
 */
function evaluate(expression: string, inputs: Record<string, unknown> = {}): unknown {
  const source = `
variable "env" {
  default = "prod"
}
variable "count_of" {
  default = 3
}
variable "flag" {
  default = false
}
variable "given" {}
variable "nothing" {
  default = null
}
variable "unset" {}
variable "settings" {
  type = object({ size = optional(number, 2), tags = optional(map(string), {}), inner = optional(object({ on = optional(bool, true) }), {}) })
  default = {}
}
locals {
  is_prod = var.env == "prod"
  list    = ["a", "b"]
}
resource "azurerm_subnet" "pg" {
  name = "pg"
}
resource "azurerm_postgresql_flexible_server" "probe" {
  name = ${expression}
}`;
  const file = parseHcl(parser, 'main.tf', source);
  expect(file.error).toBeUndefined();
  const given = new Map<string, Value>(Object.entries(inputs).map(([name, value]) => [name, { kind: 'scalar', value: value as string, at: { file: 'x', line: 1, endLine: 1 } }]));
  const [probe] = evaluateModule({ dir: '.', files: [file] }, given, { load: () => undefined, notices: [] }).filter((resource) => resource.type === 'azurerm_postgresql_flexible_server');
  const name = probe!.body.kind === 'object' ? probe!.body.entries.get('name') : undefined;
  return name && toPlain(name);
}

describe('Terraform operators on variables, locals, module inputs and resource attributes', () => {
  it.each([
    ['var.env == "prod"', true],
    ['var.env != "prod"', false],
    ['"prod" == var.env', true],
    ['local.is_prod', true],
    ['!local.is_prod', false],
    ['!var.flag', true],
    ['-var.count_of', -3],
    ['var.count_of + 1', 4],
    ['var.count_of - 1', 2],
    ['var.count_of * 2', 6],
    ['var.count_of / 3', 1],
    ['var.count_of % 2', 1],
    ['var.count_of < 4', true],
    ['var.count_of <= 3', true],
    ['var.count_of > 3', false],
    ['var.count_of >= 3', true],
    ['var.flag || local.is_prod', true],
    ['var.flag && local.is_prod', false],
    ['(var.count_of + 1) * 2', 8],
    ['(var.env) == "prod"', true],
    ['local.is_prod ? 35 : 7', 35],
    ['var.env == "prod" && var.count_of > 2 ? "big" : "small"', 'big'],
    ['var.given == "x"', true],
    ['var.nothing == null', true],
    ['var.nothing != null ? var.nothing : "fallback"', 'fallback'],
    ['length(local.list) == 2', true],
  ])('%s → %j', (expression, expected) => {
    expect(evaluate(expression, { given: 'x' })).toEqual(expected);
  });

  it.each([
    ['var.unset == "x"'],
    ['!var.unset'],
    ['var.unset ? 1 : 2'],
    ['azurerm_subnet.pg.id == "x"'],
    ['try(var.unset, "fallback")'],
    ['can(var.unset)'],
  ])('%s is unknown when an operand is', (expression) => {
    expect(evaluate(expression)).toBeUndefined();
  });
});

describe('Terraform functions and splats, as the language documents them', () => {
  it.each([
    ['var.nothing[*]', []],
    ['one(var.nothing[*])', null],
    ['var.env[*]', ['prod']],
    ['local.list[*]', ['a', 'b']],
    ['one(["x"])', 'x'],
    ['one([])', null],
    ['try(var.settings.missing, "fallback")', 'fallback'],
    ['try(local.list[5], "fallback")', 'fallback'],
    ['try(var.settings.size, 9)', 2],
    ['can(var.settings.missing)', false],
    ['try("${var.settings.missing}-suffix", "fallback")', 'fallback'],
    ['can(var.settings.size)', true],
    ['coalesce(var.nothing, "", "first")', 'first'],
    ['lookup({ a = 1 }, "b", 2)', 2],
    ['merge({ a = 1 }, var.nothing, { b = 2 })', { a: 1, b: 2 }],
    ['[for item in local.list : upper(item) if item != "b"]', ['A']],
    ['{ for item in local.list : item => length(item) }', { a: 1, b: 1 }],
    ['var.settings.size', 2],
    ['var.settings.tags', {}],
    ['var.settings.inner.on', true],
    ['cidrhost("10.12.112.0/20", 16)', '10.12.112.16'],
    ['cidrhost("10.12.112.0/20", -1)', '10.12.127.255'],
    ['cidrhost("203.0.113.0/24", 256)', undefined],
    ['cidrsubnet("10.1.0.0/16", 8, 2)', '10.1.2.0/24'],
    ['cidrsubnet("172.16.0.0/12", 4, 15)', '172.31.0.0/16'],
  ])('%s → %j', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

});
