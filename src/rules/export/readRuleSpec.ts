import { existsSync, readFileSync } from 'node:fs';
import YAML from 'yaml';
import { InputError } from '../../core/errors';
import { parseRuleSpec, type RuleSpec } from '../ruleSpec';

/** A hand-written rule file (JSON, or YAML by its extension), parsed and checked against the rule-spec schema. */
export function readRuleSpec(path: string): RuleSpec {
  if (!existsSync(path)) throw new InputError(`No rule file at ${path}.`);
  const text = readFileSync(path, 'utf8');
  let value: unknown;
  try {
    value = /\.ya?ml$/i.test(path) ? YAML.parse(text) : JSON.parse(text);
  } catch (err) {
    throw new InputError(`${path} cannot be parsed: ${(err as Error).message}`);
  }
  return parseRuleSpec(value, path);
}
