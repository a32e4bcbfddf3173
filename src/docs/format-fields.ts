import type { z } from 'zod';
import { defaultOf, describeSchema, isOptional, listElement, objectShape } from '../schemas/shape.js';

/** One documented field: its path (`contract.done[].id`) and, for schema fields, the shape it takes. */
export interface FieldRow {
  field: string;
  /** Generated from the schema; null where the table's type column is written by hand. */
  type: string | null;
}

export interface SchemaWalk {
  /** Paths not to descend into (documented in a table of their own), e.g. `contract`. */
  stopAt?: readonly string[];
  /** Descend no deeper than this many levels (1: the top-level keys only). */
  depth?: number;
}

/**
 * Every field of a schema, depth first: objects and lists of objects are walked into (`done[].id`),
 * anything else is a leaf whose type is the schema's own description.
 */
export function schemaFields(schema: z.ZodType, walk: SchemaWalk = {}, prefix = '', level = 1): FieldRow[] {
  const shape = objectShape(schema);
  if (!shape) return [];
  const rows: FieldRow[] = [];
  for (const [key, field] of Object.entries(shape)) {
    const name = prefix ? `${prefix}.${key}` : key;
    rows.push({ field: name, type: fieldType(field) });
    if (walk.stopAt?.includes(name) || (walk.depth !== undefined && level >= walk.depth)) continue;
    const element = listElement(field);
    if (element && objectShape(element)) rows.push(...schemaFields(element, walk, `${name}[]`, level + 1));
    else if (objectShape(field)) rows.push(...schemaFields(field, walk, name, level + 1));
  }
  return rows;
}

function fieldType(field: z.ZodType): string {
  const base = describeSchema(field);
  const fallback = defaultOf(field);
  if (fallback) return `${base}; default ${JSON.stringify(fallback.value)}`;
  return isOptional(field) ? `${base}; optional` : base;
}

/** A rate object of summary.json (`{numerator, denominator, value, low, high}`) is one field. */
const RATE_KEYS = ['numerator', 'denominator', 'value', 'low', 'high'];

/**
 * The fields of a JSON document as written (summary.json has no schema of its own): objects are walked
 * into, lists through their first element, a rate object is one leaf, and a map whose keys are names
 * (the paths in `maps`, such as tags) is one row `byTag.TAG`.
 */
export function jsonFields(value: unknown, maps: Record<string, string> = {}, prefix = ''): FieldRow[] {
  if (Array.isArray(value)) return value.length > 0 ? jsonFields(value[0], maps, `${prefix}[]`) : [];
  if (value === null || typeof value !== 'object') return [];
  const keys = Object.keys(value);
  if (RATE_KEYS.every((k) => keys.includes(k))) return [];
  const rows: FieldRow[] = [];
  for (const key of keys) {
    const name = prefix ? `${prefix}.${key}` : key;
    rows.push({ field: name, type: null });
    const child = (value as Record<string, unknown>)[key];
    const placeholder = maps[name];
    if (placeholder) {
      // A map by name (tags): one row for its entries, described in words.
      rows.push({ field: `${name}.${placeholder}`, type: null });
    } else {
      rows.push(...jsonFields(child, maps, name));
    }
  }
  return rows;
}
