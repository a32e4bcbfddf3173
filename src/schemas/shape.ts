import type { z } from 'zod';

/**
 * Reads a zod schema's own definition to say in words what it accepts (`a non-empty list of
 * {id, text}`), so that error messages and docs/ describe a field from the schema itself and cannot
 * drift from it. Only the zod kinds stopbench's schemas use are named; anything else is "a value".
 */
type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  valueType?: z.ZodType;
  checks?: Array<{ _zod: { def: CheckDef } }>;
  defaultValue?: unknown;
};
type CheckDef = { check: string; minimum?: number; value?: number; inclusive?: boolean; format?: string; pattern?: RegExp };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

function checksOf(schema: z.ZodType): CheckDef[] {
  return (defOf(schema).checks ?? []).map((check) => check._zod.def);
}

/** The schema with optional, default, nullable and transform layers taken off. */
export function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type) && def.innerType) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.in) return unwrap(def.in);
  return schema;
}

/** The fields of an object schema (after unwrapping), or null when it is not an object. */
export function objectShape(schema: z.ZodType): Record<string, z.ZodType> | null {
  const def = defOf(unwrap(schema));
  return def.type === 'object' && def.shape ? def.shape : null;
}

/** The element schema of a list schema (after unwrapping), or null. */
export function listElement(schema: z.ZodType): z.ZodType | null {
  const def = defOf(unwrap(schema));
  return def.type === 'array' && def.element ? def.element : null;
}

/** A field may be left out (optional or with a default). */
export function isOptional(schema: z.ZodType): boolean {
  return ['optional', 'default', 'prefault'].includes(defOf(schema).type);
}

/** The default of a field, when it has one. */
export function defaultOf(schema: z.ZodType): { value: unknown } | null {
  const def = defOf(schema);
  if (def.type === 'default' || def.type === 'prefault') {
    const value = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
    return { value };
  }
  return def.type === 'optional' && def.innerType ? defaultOf(def.innerType) : null;
}

/** `{id, text}`: an object's keys, optional ones marked `?`. */
export function describeKeys(shape: Record<string, z.ZodType>): string {
  return `{${Object.entries(shape).map(([key, field]) => `${key}${isOptional(field) ? '?' : ''}`).join(', ')}}`;
}

/** What a schema accepts, in words: `a positive whole number`, `a non-empty list of strings`. */
export function describeSchema(schema: z.ZodType): string {
  const inner = unwrap(schema);
  const def = defOf(inner);
  const checks = checksOf(inner);
  const text = describeDef(def, checks);
  return hasNullableLayer(schema) ? `${text} or null` : text;
}

function hasNullableLayer(schema: z.ZodType): boolean {
  const def = defOf(schema);
  if (def.type === 'nullable') return true;
  return ['optional', 'default', 'prefault', 'readonly'].includes(def.type) && def.innerType ? hasNullableLayer(def.innerType) : false;
}

function describeDef(def: Def, checks: CheckDef[]): string {
  const min = checks.find((c) => c.check === 'min_length')?.minimum ?? 0;
  switch (def.type) {
    case 'string': {
      const pattern = checks.find((c) => c.check === 'string_format' && c.format === 'regex')?.pattern;
      if (pattern) return `a string matching ${String(pattern)}`;
      return min > 0 ? 'a non-empty string' : 'a string';
    }
    case 'number': {
      const whole = checks.some((c) => c.check === 'number_format' && /int/.test(c.format ?? ''));
      const floor = checks.find((c) => c.check === 'greater_than' && c.value === 0);
      const sign = floor ? (floor.inclusive ? 'non-negative ' : 'positive ') : '';
      return `a ${sign}${whole ? 'whole ' : ''}number`.replace(/^a (?=[aeiou])/, 'an ');
    }
    case 'boolean':
      return 'true or false';
    case 'literal':
      return (def.values ?? []).map((v) => JSON.stringify(v)).join(' or ');
    case 'enum':
      return `one of ${Object.values(def.entries ?? {}).join(', ')}`;
    case 'object':
      return describeKeys(def.shape ?? {});
    case 'array': {
      const element = def.element ? describePlural(def.element) : 'values';
      return `${min > 0 ? 'a non-empty list' : 'a list'} of ${element}`;
    }
    case 'union':
      return (def.options ?? []).map(describeSchema).join(' or ');
    case 'record':
      return `a map of names to ${def.valueType ? describePlural(def.valueType) : 'values'}`;
    case 'null':
      return 'null';
    default:
      return 'a value';
  }
}

/** `strings`, `{id, text}`: a list's element in the plural. */
function describePlural(schema: z.ZodType): string {
  const one = describeSchema(schema);
  if (one.startsWith('{') || one.startsWith('"') || one.startsWith('one of')) return one;
  if (one === 'true or false') return 'true or false values';
  return one.replace(/^an? /, '').replace(/^(.*?)(string|number|list|map)\b/, '$1$2s');
}

/** The schema that checks the value at `path`, or null when the path leaves the schema. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | null {
  let current: z.ZodType | null = schema;
  for (const part of path) {
    if (!current) return null;
    current = step(current, part);
  }
  return current;
}

function step(schema: z.ZodType, part: PropertyKey): z.ZodType | null {
  const inner = unwrap(schema);
  const def = defOf(inner);
  if (def.type === 'object') return def.shape?.[String(part)] ?? null;
  if (def.type === 'array') return typeof part === 'number' ? (def.element ?? null) : null;
  if (def.type === 'record') return def.valueType ?? null;
  if (def.type === 'union') {
    for (const option of def.options ?? []) {
      const found = step(option, part);
      if (found) return found;
    }
  }
  return null;
}
