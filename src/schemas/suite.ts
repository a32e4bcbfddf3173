import { z } from 'zod';

/**
 * One agent or judge entry of a suite. `type` picks the plugin; the plugin's own schema checks the
 * remaining keys, so an unknown key is still an error (see agents/registry.ts, judges/registry.ts).
 */
export const PluginConfigSchema = z.looseObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'an id of letters, digits, dots, dashes'),
  type: z.string().min(1),
});

/** A benchmark suite: benchmarks/*.yaml. */
export const SuiteSchema = z.strictObject({
  name: z.string().min(1),
  description: z.string().optional(),
  /** Fixture folders or globs, relative to the folder of the suite file. */
  fixtures: z.array(z.string().min(1)).min(1),
  agents: z.array(PluginConfigSchema).min(1),
  judges: z.array(PluginConfigSchema).min(1),
  /** Repeats of every (fixture, agent, judge). Default 1. */
  repeat: z.number().int().positive().default(1),
  /** Episodes run at once. Default 2. */
  concurrency: z.number().int().positive().default(2),
});

export type PluginConfig = z.infer<typeof PluginConfigSchema>;
export type Suite = z.infer<typeof SuiteSchema>;
