import { z } from 'zod';
import { InputError } from './errors.js';
import { formatIssues } from './load/issues.js';
import type { PluginConfig } from './schemas/suite.js';

/** Where a config was written: paths in its options (a judge's settings file) are relative to `baseDir`. */
export interface PluginPlace {
  baseDir: string;
}

/** A plugin type: the schema of its options (every key but id and type) and a factory. */
export interface PluginType<T, Deps> {
  options: z.ZodObject;
  create(id: string, options: unknown, deps: Deps): T;
  /** Why this config cannot run on this machine (e.g. no API key), or null; the run skips it with a notice. */
  unavailable?(options: unknown, place: PluginPlace): string | null;
}

/** Types a plugin's factory by its options schema, then erases it for the registry. */
export function definePlugin<T, Deps, S extends z.ZodObject>(plugin: {
  options: S;
  create(id: string, options: z.output<S>, deps: Deps): T;
  unavailable?(options: z.output<S>, place: PluginPlace): string | null;
}): PluginType<T, Deps> {
  const { unavailable } = plugin;
  return {
    options: plugin.options,
    create: (id, options, deps) => plugin.create(id, options as z.output<S>, deps),
    ...(unavailable ? { unavailable: (options: unknown, place: PluginPlace) => unavailable(options as z.output<S>, place) } : {}),
  };
}

/**
 * Drops the configs that cannot run here (a model judge without its API key), each with a one-line
 * notice. Configs with bad options are kept, so createPlugins still reports them.
 */
export function skipUnavailable<T, Deps>(
  configs: readonly PluginConfig[],
  registry: Record<string, PluginType<T, Deps>>,
  kind: 'agent' | 'judge',
  place: PluginPlace,
): { configs: PluginConfig[]; notices: string[] } {
  const kept: PluginConfig[] = [];
  const notices: string[] = [];
  for (const config of configs) {
    const type = Object.hasOwn(registry, config.type) ? registry[config.type] : undefined;
    const { id: _id, type: _type, ...rest } = config;
    const parsed = type?.unavailable ? type.options.safeParse(rest) : undefined;
    const reason = parsed?.success ? type!.unavailable!(parsed.data, place) : null;
    if (reason) notices.push(`${kind} "${config.id}" skipped: ${reason}`);
    else kept.push(config);
  }
  return { configs: kept, notices };
}

/**
 * Builds the agents or judges of a suite from their configs; an unknown `type` or a bad option is one
 * InputError line naming the file and the field (`judges[1].model`).
 */
export function createPlugins<T, Deps>(
  configs: readonly PluginConfig[],
  registry: Record<string, PluginType<T, Deps>>,
  deps: Deps,
  where: { file: string; field: 'agents' | 'judges' },
): T[] {
  const seen = new Set<string>();
  return configs.map((config, index) => {
    const field = `${where.field}[${index}]`;
    if (seen.has(config.id)) throw new InputError(`${where.file}: ${field}.id: "${config.id}" is used twice`);
    seen.add(config.id);
    const type = Object.hasOwn(registry, config.type) ? registry[config.type] : undefined;
    if (!type) {
      const known = Object.keys(registry).join(', ');
      throw new InputError(`${where.file}: ${field}.type: unknown type "${config.type}" (expected one of ${known})`);
    }
    const { id, type: _type, ...rest } = config;
    const parsed = type.options.safeParse(rest, { reportInput: true });
    if (!parsed.success) {
      // Described against the whole entry, so an unknown key lists id and type among the keys there are.
      const entry = z.object({ id: z.string(), type: z.string() }).extend(type.options.shape);
      throw new InputError(`${where.file}: ${formatIssues(parsed.error.issues, entry, [where.field, index])}`);
    }
    return type.create(id, parsed.data, deps);
  });
}
