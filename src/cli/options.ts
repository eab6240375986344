import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { resolve } from 'node:path';
import { runConfigSchema, type RunConfigOverrides } from '../pipeline';

export const CSV_RAW_HELP = "CSV cells starting with = + - @ tab or CR as they are, without the spreadsheet formula guard (for files only programs read)";

export const SET_HELP = 'a config key by its dotted path (cluster.k=4, report.pdf=false, cluster.kRange=[3,8]) or a ${name} variable of the config; the value is YAML (repeatable)';

export const int = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got "${v}".`);
  return n;
};

export const share = (name: string) => (v: string) => {
  const x = Number(v);
  if (v.trim() === '' || !(x >= 0 && x <= 1)) throw new InvalidArgumentError(`${name} must be a number from 0 to 1 (e.g. 0.9 for 90%), got "${v}".`);
  return x;
};

export const shareBelow1 = (name: string) => (v: string) => {
  const x = Number(v);
  if (v.trim() === '' || !(x >= 0 && x < 1)) throw new InvalidArgumentError(`${name} must be a number from 0 up to, not including, 1 (e.g. 0.01 for 1%), got "${v}".`);
  return x;
};

export const keyValue = (v: string, acc: Record<string, string>) => {
  const i = v.indexOf('=');
  if (i <= 0) throw new InvalidArgumentError(`expected name=value, got "${v}".`);
  return { ...acc, [v.slice(0, i)]: v.slice(i + 1) };
};

/** --as-of is checked by the config schema's own rule, with or without a config (profile, features on a path). */
export const asOfDate = (v: string) => {
  const r = runConfigSchema.shape.asOf.safeParse(v);
  if (!r.success) throw new InvalidArgumentError(`${r.error.issues[0]!.message}, got "${v}".`);
  return v;
};

/** --data, --set and --as-of as overrides that the config schema validates with the file. */
export function overrides(opts: { data?: string; set?: Record<string, string>; asOf?: string }, values: NonNullable<RunConfigOverrides['values']> = []): RunConfigOverrides {
  return {
    ...(opts.data !== undefined ? { data: resolve(opts.data) } : {}),
    set: opts.set ?? {},
    values: [...(opts.asOf !== undefined ? [{ path: 'asOf', value: opts.asOf, origin: `--as-of ${opts.asOf}` }] : []), ...values],
  };
}

/** The options `seglab run` and `seglab train` share: what to read, as of when, where the run folder goes. */
export function runFolderOptions(command: Command): Command {
  return command
    .option('--data <path>', 'value of ${data} in the config')
    .option('--set <name=value>', SET_HELP, keyValue, {})
    .option('--as-of <date>', "override the config's asOf (YYYY-MM-DD)", asOfDate)
    .option('--out <dir>', "folder that receives the run folder (default: the config's output.dir, reports)")
    .option('--run-id <id>', 'name of the run folder')
    .option('--memory-limit <size>', 'DuckDB memory limit, e.g. 3GB')
    .option('--csv-raw', CSV_RAW_HELP);
}
