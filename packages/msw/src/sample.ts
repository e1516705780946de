import { CANONICAL_BASE_URL } from './constants.js';
import type { Prng } from './prng.js';
import { resolveSchema, type SchemaObject } from './spec.js';

/** What a generated sample may borrow from the mock's data to look real and stay consistent. */
export interface SampleContext {
  rng: Prng;
  /** `YYYY-MM-DD` used for every date. */
  today: string;
  /** Known Atlassian accountIds, used for fields named like account ids. */
  accountIds: readonly string[];
  /** Values to use for properties of this name, e.g. path parameters echoed back (`id: 12`). */
  overrides?: Record<string, unknown>;
}

const MAX_DEPTH = 10;

/**
 * A deterministic value valid against `schema` (a spec schema with `#/components` references): every
 * declared property present, arrays with one or two items, enums at their first value, formats honoured.
 * The walk test validates what it produces for every operation's response schema.
 */
export function sampleFromSchema(schema: SchemaObject, ctx: SampleContext, name = '', depth = 0): unknown {
  const s = resolveSchema(schema);
  if (s.allOf) {
    const merged: Record<string, unknown> = {};
    for (const part of s.allOf) Object.assign(merged, sampleFromSchema(part, ctx, name, depth + 1) as object);
    return merged;
  }
  if (s.oneOf || s.anyOf) {
    const first = (s.oneOf ?? s.anyOf)![0]!;
    const base = sampleFromSchema(first, ctx, name, depth + 1);
    if (s.properties && base && typeof base === 'object' && !Array.isArray(base)) {
      const branch = resolveSchema(first);
      for (const [key, prop] of Object.entries(s.properties)) {
        if (!(key in base) && branch.properties?.[key])
          (base as Record<string, unknown>)[key] = sampleFromSchema(prop, ctx, key, depth + 1);
      }
    }
    return base;
  }
  if (s.enum && s.enum.length > 0) return s.enum[0];
  const override = ctx.overrides?.[name];
  if (override !== undefined && matchesType(override, s.type) && fitsFormat(override, s.format)) return override;
  switch (s.type) {
    case 'object':
      return sampleObject(s, ctx, depth);
    case 'array':
      return sampleArray(s, ctx, name, depth);
    case 'integer':
      return sampleInteger(s, ctx, name);
    case 'number':
      return Math.round(sampleInteger(s, ctx, name) * 100 + 50) / 100;
    case 'boolean':
      return false;
    case 'string':
      return sampleString(s, ctx, name);
    default:
      if (s.properties) return sampleObject(s, ctx, depth);
      return null;
  }
}

function fitsFormat(value: unknown, format: string | undefined): boolean {
  if (format === undefined || typeof value !== 'string') return true;
  if (format === 'date') return /^\d{4}-\d{2}-\d{2}$/.test(value);
  if (format === 'date-time') return /^\d{4}-\d{2}-\d{2}T/.test(value);
  return !/^(uuid|email|uri)$/.test(format);
}

function matchesType(value: unknown, type: string | undefined): boolean {
  if (type === 'integer') return Number.isInteger(value);
  if (type === 'number') return typeof value === 'number';
  if (type === 'string') return typeof value === 'string';
  if (type === 'boolean') return typeof value === 'boolean';
  return false;
}

function sampleObject(s: SchemaObject, ctx: SampleContext, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const required = new Set(s.required ?? []);
  for (const [key, prop] of Object.entries(s.properties ?? {})) {
    // Past a depth only required members are generated: recursive schemas must end.
    if (depth >= MAX_DEPTH && !required.has(key)) continue;
    out[key] = sampleFromSchema(prop, ctx, key, depth + 1);
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object' && depth < MAX_DEPTH) {
    out.en = sampleFromSchema(s.additionalProperties, ctx, 'en', depth + 1);
  }
  return out;
}

function sampleArray(s: SchemaObject, ctx: SampleContext, name: string, depth: number): unknown[] {
  const items = s.items ?? {};
  const want = Math.max(s.minItems ?? 0, depth >= MAX_DEPTH ? 0 : 1);
  const count = Math.min(want, s.maxItems ?? want);
  const out: unknown[] = [];
  const seen = new Set<string>();
  for (let i = 0; out.length < count && i < count * 4 + 4; i++) {
    const value = sampleFromSchema(items, ctx, singular(name), depth + 1);
    const key = JSON.stringify(value);
    if (s.uniqueItems && seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

function singular(name: string): string {
  return name.endsWith('s') ? name.slice(0, -1) : name;
}

function sampleInteger(s: SchemaObject, ctx: SampleContext, name: string): number {
  let min = typeof s.minimum === 'number' ? s.minimum : 1;
  let max = typeof s.maximum === 'number' ? s.maximum : min + 999;
  if (/seconds$/i.test(name)) {
    min = Math.max(min, 900);
    max = Math.max(min, Math.min(max, 28800));
    return Math.round(ctx.rng.int(min, max) / 900) * 900 || min;
  }
  if (/percent/i.test(name)) max = Math.min(max, 100);
  return ctx.rng.int(min, Math.max(min, max));
}

function sampleString(s: SchemaObject, ctx: SampleContext, name: string): string {
  switch (s.format) {
    case 'date':
      return ctx.today;
    case 'date-time':
    case "yyyy-MM-dd['T'HH:mm:ss]['Z']":
    case "yyyy-MM-dd['T'HH:mm:ss'Z']":
      return `${ctx.today}T09:00:00Z`;
    case 'uuid':
      return `${ctx.rng.hex(8)}-${ctx.rng.hex(4)}-4${ctx.rng.hex(3)}-a${ctx.rng.hex(3)}-${ctx.rng.hex(12)}`;
    case 'email':
      return 'someone@example.com';
    case 'uri':
    case 'url':
      return `${CANONICAL_BASE_URL}/sample`;
  }
  const candidate = stringForName(name, ctx);
  const constrained = honourConstraints(candidate, s);
  return constrained;
}

function stringForName(name: string, ctx: SampleContext): string {
  const lower = name.toLowerCase();
  if (lower === 'self' || lower.endsWith('url') || lower === 'next' || lower === 'previous')
    return `${CANONICAL_BASE_URL}/sample/${ctx.rng.int(1, 9999)}`;
  if (lower.endsWith('accountid') || lower === 'accountid' || lower.endsWith('accountids'))
    return ctx.rng.pick(ctx.accountIds);
  if (lower.endsWith('at') || lower.endsWith('date') || lower === 'timestamp') return `${ctx.today}T09:00:00Z`;
  if (lower.endsWith('time')) return '09:00:00';
  if (lower === 'key' || lower.endsWith('key')) return `KEY-${ctx.rng.int(1, 99)}`;
  if (lower === 'currencycode' || lower === 'currency') return 'USD';
  if (lower.includes('color')) return 'green';
  if (lower === 'name' || lower.endsWith('name')) return `Sample ${name} ${ctx.rng.int(1, 99)}`;
  if (lower === 'description' || lower === 'comment' || lower === 'summary') return 'Generated by the Tempo mock';
  return `sample-${lower || 'value'}-${ctx.rng.int(1, 999)}`;
}

function honourConstraints(value: string, s: SchemaObject): string {
  let out = value;
  if (typeof s.pattern === 'string') {
    const re = new RegExp(s.pattern);
    if (!re.test(out)) out = ['09:00:00', '09:00', 'KEY-1', 'sample', ''].find((c) => re.test(c)) ?? out;
  }
  if (typeof s.minLength === 'number' && out.length < s.minLength) out = out.padEnd(s.minLength, 'x');
  if (typeof s.maxLength === 'number' && out.length > s.maxLength) out = out.slice(0, s.maxLength);
  return out;
}
