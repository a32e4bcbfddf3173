import { z } from 'zod';
import { InputError } from './errors.js';
import { formatIssues } from './load/issues.js';
import type { PluginConfig } from './schemas/suite.js';

/** A plugin type: the schema of its options (every key but id and type) and a factory. */
export interface PluginType<T, Deps> {
  options: z.ZodObject;
  create(id: string, options: unknown, deps: Deps): T;
}

/** Types a plugin's factory by its options schema, then erases it for the registry. */
export function definePlugin<T, Deps, S extends z.ZodObject>(plugin: {
  options: S;
  create(id: string, options: z.output<S>, deps: Deps): T;
}): PluginType<T, Deps> {
  return { options: plugin.options, create: (id, options, deps) => plugin.create(id, options as z.output<S>, deps) };
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
    const parsed = type.options.safeParse(rest);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ ...issue, path: [where.field, index, ...issue.path] }));
      throw new InputError(`${where.file}: ${formatIssues(issues)}`);
    }
    return type.create(id, parsed.data, deps);
  });
}
