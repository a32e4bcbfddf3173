import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../../errors.js';
import { formatIssues } from '../../load/issues.js';

/** Seconds, as Claude Code's `timeout` field. */
const Timeout = z.number().positive().optional();

const CommandHookSchema = z.looseObject({ type: z.literal('command'), command: z.string().min(1), timeout: Timeout });
const PromptHookSchema = z.looseObject({ type: z.literal('prompt'), prompt: z.string().min(1), model: z.string().min(1).optional(), timeout: Timeout });
const AgentHookSchema = z.looseObject({ type: z.literal('agent'), prompt: z.string().min(1), model: z.string().min(1).optional(), timeout: Timeout });
const HttpHookSchema = z.looseObject({ type: z.literal('http'), url: z.string().optional(), timeout: Timeout });

const HookSchema = z.discriminatedUnion('type', [CommandHookSchema, PromptHookSchema, AgentHookSchema, HttpHookSchema]);
const MatcherGroupSchema = z.looseObject({ matcher: z.string().optional(), hooks: z.array(HookSchema) });

/**
 * The parts of a settings.json (or a plugin's hooks.json) that stopbench reads. Loose: real settings
 * files carry permissions, models and more, which are not ours to reject.
 */
export const SettingsFileSchema = z.looseObject({
  hooks: z.record(z.string(), z.array(MatcherGroupSchema)).optional(),
  /** Environment variables Claude Code sets for the session (and so for its hooks). */
  env: z.record(z.string(), z.string()).optional(),
});

export type CommandHook = z.infer<typeof CommandHookSchema>;
export type PromptHook = z.infer<typeof PromptHookSchema>;
export type AgentHook = z.infer<typeof AgentHookSchema>;
export type SettingsHook = CommandHook | PromptHook | AgentHook;

/** One hook to run at the event, with where it came from. */
export interface ListedHook {
  /** `hooks.Stop[0].hooks[1]`, for messages. */
  where: string;
  hook: SettingsHook;
}

export interface LoadedSettings {
  file: string;
  hooks: ListedHook[];
  env: Record<string, string>;
  /** The plugin folder (`CLAUDE_PLUGIN_ROOT`) when the file is a plugin's hooks.json, else null. */
  pluginRoot: string | null;
}

/**
 * Reads the hooks of one event. Every matcher group of the event runs (Stop has no matcher, so
 * Claude Code ignores one); identical command hooks run once, as Claude Code deduplicates them.
 * `http` hooks are an error naming the hook: they would call a server stopbench cannot stand in for.
 */
export function loadSettings(file: string, event: string, pluginRoot?: string): LoadedSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`${file}: settings file not found`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const parsed = SettingsFileSchema.safeParse(value);
  if (!parsed.success) throw new InputError(`${file}: ${formatIssues(parsed.error.issues)}`);
  const groups = parsed.data.hooks?.[event];
  if (!groups?.length) {
    const events = Object.keys(parsed.data.hooks ?? {});
    throw new InputError(`${file}: hooks.${event}: no ${event} hooks in this file${events.length ? ` (it has ${events.join(', ')})` : ''}`);
  }
  const hooks: ListedHook[] = [];
  const seen = new Set<string>();
  groups.forEach((group, g) => group.hooks.forEach((hook, h) => {
    const where = `hooks.${event}[${g}].hooks[${h}]`;
    if (hook.type === 'http') throw new InputError(`${file}: ${where}: http hooks are not supported (${hook.url ?? 'no url'}); use a command hook that calls it, or leave it out`);
    if (hook.type === 'command') {
      if (seen.has(hook.command)) return;
      seen.add(hook.command);
    }
    hooks.push({ where, hook });
  }));
  if (!hooks.length) throw new InputError(`${file}: hooks.${event}: the ${event} matchers hold no hooks`);
  return { file, hooks, env: parsed.data.env ?? {}, pluginRoot: pluginRoot ?? pluginRootOf(file) };
}

/** Keeps the hooks at the places `only` names; a place the file does not have is an error listing those it has. */
export function selectHooks(settings: LoadedSettings, only: readonly string[] | undefined): LoadedSettings {
  if (!only) return settings;
  const places = settings.hooks.map((h) => h.where);
  const unknown = only.filter((where) => !places.includes(where));
  if (unknown.length) throw new InputError(`${settings.file}: only: no hook at ${unknown.join(', ')} (the file has ${places.join(', ')})`);
  return { ...settings, hooks: settings.hooks.filter((h) => only.includes(h.where)) };
}

/**
 * A plugin's hooks live in `<plugin>/hooks/hooks.json`; `CLAUDE_PLUGIN_ROOT` is `<plugin>`. Any other
 * hooks.json counts as a plugin whose root is its own folder. A settings.json is no plugin.
 */
function pluginRootOf(file: string): string | null {
  if (path.basename(file) !== 'hooks.json') return null;
  const dir = path.dirname(file);
  return path.basename(dir) === 'hooks' ? path.dirname(dir) : dir;
}

/** What a hook is, in one line for results and reports: `command: ./stop.sh`, `prompt: Is the…`. */
export function hookLabel(hook: SettingsHook): string {
  const text = hook.type === 'command' ? hook.command : hook.prompt;
  const line = text.replace(/\s+/g, ' ').trim();
  return `${hook.type}: ${line.length > 80 ? `${line.slice(0, 80)}…` : line}`;
}
