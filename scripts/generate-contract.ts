import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as contractModule from '../typings/contracts';
import { VALIDATORS_DTS, bundleValidators } from './contract/validators';

/**
 * `npm run contract`: writes miniprogram/generated/, because files outside the mini-program root
 * are not packaged:
 * - contract.ts, the contract's run-time values (error messages, the action list, labels, lists,
 *   limits, and nested plain-data constants such as DEFAULT_SETTINGS);
 * - validators.js (+ validators.d.ts), the contracts' input schemas bundled with zod
 *   (scripts/contract/validators.ts), so a form checks exactly what the server checks.
 * `npm run contract -- --check` only says whether the committed files are current
 * (tests/miniprogram/generated-contract.test.ts does too).
 *
 * `generateContract` is a pure function of its input, so a test can feed it a changed contract.
 */

const GENERATED = join(__dirname, '..', 'miniprogram', 'generated');
export const OUTPUT = join(GENERATED, 'contract.ts');
export const VALIDATORS_OUTPUT = join(GENERATED, 'validators.js');
export const VALIDATORS_DTS_OUTPUT = join(GENERATED, 'validators.d.ts');
const CONTRACT_DIR = join(__dirname, '..', 'typings', 'contracts');

/** What the generated module is made from. */
export interface ContractSource {
  /** Error code → the message a member reads. */
  errorMessages: Readonly<Record<string, string>>;
  /** Cloud function → its action names. */
  actions: Readonly<Record<string, readonly string[]>>;
  /**
   * The contract's other exported UPPER_CASE values. Kept: flat string maps (labels), string
   * arrays (lists), numbers and flat number maps (limits), and other values made only of JSON
   * (nested defaults); anything else (schemas, functions) is left out.
   */
  constants: Readonly<Record<string, unknown>>;
  /**
   * The type a nested constant is declared with in the contract (`DEFAULT_SETTINGS: SettingsBody`),
   * so the generated copy keeps it; one without is generated `as const`.
   */
  types?: Readonly<Record<string, string>>;
}

/** `export const NAME: Type =` in the contract's files: the declared type of each constant. */
function declaredTypes(dir = CONTRACT_DIR): Record<string, string> {
  const types: Record<string, string> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/^export const ([A-Z][A-Z0-9_]*): ([A-Z][A-Za-z0-9]*) =/gm)) {
      types[m[1]!] = m[2]!;
    }
  }
  return types;
}

/** The source as the contract exports it today. */
export function contractSource(mod: Record<string, unknown> = contractModule): ContractSource {
  const contracts = mod.contracts as Record<string, Record<string, unknown>>;
  const constants: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(mod)) {
    if (/^[A-Z][A-Z0-9_]*$/.test(name) && name !== 'ERROR_MESSAGES') constants[name] = value;
  }
  return {
    errorMessages: mod.ERROR_MESSAGES as Record<string, string>,
    actions: Object.fromEntries(
      Object.entries(contracts).map(([fn, actions]) => [fn, Object.keys(actions)]),
    ),
    constants,
    types: mod === contractModule ? declaredTypes() : {},
  };
}

type Kind = 'labels' | 'list' | 'limit' | 'data';

/** Only plain objects, arrays, strings, finite numbers, booleans and null. */
function isJson(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isJson);
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && Object.values(value).every(isJson);
}

function kindOf(value: unknown): Kind | null {
  if (typeof value === 'number') return 'limit';
  if (Array.isArray(value)) {
    if (value.length > 0 && value.every((v) => typeof v === 'string')) return 'list';
  } else if (value !== null && typeof value === 'object') {
    const values = Object.values(value);
    if (values.length > 0 && values.every((v) => typeof v === 'string')) return 'labels';
    if (values.length > 0 && values.every((v) => typeof v === 'number')) return 'limit';
  }
  return typeof value === 'object' && value !== null && isJson(value) ? 'data' : null;
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function str(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function key(k: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k) ? k : str(k);
}

function num(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return String(n);
}

/** Prettier's measure of a line: CJK and full-width characters count twice. */
function width(line: string): number {
  let w = 0;
  for (const ch of line)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

/** An array as prettier prints it: on one line when it fits in 100 columns, else one per line. */
function array(head: string, items: string[], tail: string, indent = ''): string {
  const flat = `${indent}${head}[${items.join(', ')}]${tail}`;
  if (width(flat) <= 100) return flat;
  return [`${indent}${head}[`, ...items.map((i) => `${indent}  ${i},`), `${indent}]${tail}`].join(
    '\n',
  );
}

/** An object, always expanded (prettier keeps an object expanded when its source is). */
function object(head: string, entries: string[], tail: string): string {
  return [`${head}{`, ...entries.map((e) => `  ${e},`), `}${tail}`].join('\n');
}

/**
 * A JSON value as prettier prints it: objects expanded, arrays of primitives on one line when
 * they fit (else one item per line), arrays holding objects one item per line.
 */
function data(head: string, value: unknown, tail: string, indent: string): string {
  if (typeof value === 'string') return `${indent}${head}${str(value)}${tail}`;
  if (typeof value === 'number') return `${indent}${head}${num(value)}${tail}`;
  if (typeof value !== 'object' || value === null) return `${indent}${head}${String(value)}${tail}`;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return `${indent}${head}[]${tail}`;
    if (value.every((v) => typeof v !== 'object' || v === null)) {
      if (value.some((v) => typeof v === 'number') && value.length > 1) {
        const flat = `${indent}${head}[${value.map((v) => data('', v, '', '')).join(', ')}]${tail}`;
        // Prettier fills long number arrays several to a line; not needed by any contract yet.
        if (width(flat) > 100) throw new Error(`a long number array cannot be generated: ${head}`);
      }
      return array(
        head,
        value.map((v) => data('', v, '', '')),
        tail,
        indent,
      );
    }
    return [
      `${indent}${head}[`,
      ...value.map((v) => data('', v, ',', inner)),
      `${indent}]${tail}`,
    ].join('\n');
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return `${indent}${head}{}${tail}`;
  return [
    `${indent}${head}{`,
    ...entries.map(([k, v]) => data(`${key(k)}: `, v, ',', inner)),
    `${indent}}${tail}`,
  ].join('\n');
}

function constant(name: string, kind: Kind, value: unknown, type?: string): string {
  if (kind === 'data') {
    return type
      ? data(`export const ${name}: ${type} = `, value, ';', '')
      : data(`export const ${name} = `, value, ' as const;', '');
  }
  const head = `export const ${name} = `;
  if (kind === 'list') return array(head, (value as string[]).map(str), ' as const;');
  if (typeof value === 'number') return `${head}${num(value)};`;
  // Labels and limit maps keep the contract's key order: pages list options in it.
  const entries = Object.entries(value as Record<string, string | number>).map(
    ([k, v]) => `${key(k)}: ${typeof v === 'number' ? num(v) : str(v)}`,
  );
  return object(head, entries, ' as const;');
}

const HEADER = `/*
 * generated by scripts/generate-contract.ts — do not edit.
 *
 * The run-time values of typings/contracts/ the mini-program needs (files outside its root are
 * not packaged). Change the contract, then run \`npm run contract\`; a test fails while this file
 * is stale. Labels and lists keep the contract's order (pages show options in it).
 */`;

/** The generated module's text: deterministic, and already as prettier would print it. */
export function generateContract(source: ContractSource): string {
  const sections: string[] = [HEADER];

  sections.push(
    object(
      '/** Every error code the backend can answer with, and the message a member reads. */\nexport const ERROR_MESSAGES = ',
      Object.keys(source.errorMessages)
        .sort(byName)
        .map((code) => `${key(code)}: ${str(source.errorMessages[code]!)}`),
      ' as const;',
    ),
  );

  const actionLines = Object.keys(source.actions)
    .sort(byName)
    .map((fn) => array(`${key(fn)}: `, [...source.actions[fn]!].sort(byName).map(str), ',', '  '));
  sections.push(
    [
      '/** Every action of every cloud function, by function (sorted). */',
      'export const ACTIONS = {',
      ...actionLines,
      '} as const;',
    ].join('\n'),
  );

  const groups: Record<Kind, string[]> = { labels: [], list: [], limit: [], data: [] };
  const types = new Set<string>();
  for (const name of Object.keys(source.constants).sort(byName)) {
    const value = source.constants[name];
    const kind = kindOf(value);
    const type = kind === 'data' ? source.types?.[name] : undefined;
    if (type) types.add(type);
    if (kind) groups[kind].push(constant(name, kind, value, type));
  }
  sections.push('// Labels', ...groups.labels);
  sections.push('// Lists, in the contract order', ...groups.list);
  sections.push('// Limits', ...groups.limit);
  if (groups.data.length > 0)
    sections.push('// Nested data, as the contract declares it', ...groups.data);
  if (types.size > 0) {
    // Type-only: erased when DevTools compiles, so nothing outside the root is packaged.
    const names = [...types].sort(byName).join(', ');
    sections.splice(1, 0, `import type { ${names} } from '../../typings/contracts';`);
  }

  return `${sections.join('\n\n')}\n`;
}

/** Every generated file and its text: contract.ts, validators.js and validators.d.ts. */
export async function generateAll(): Promise<Array<{ path: string; text: string }>> {
  return [
    { path: OUTPUT, text: generateContract(contractSource()) },
    { path: VALIDATORS_OUTPUT, text: await bundleValidators() },
    { path: VALIDATORS_DTS_OUTPUT, text: VALIDATORS_DTS },
  ];
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let stale = false;
  for (const { path, text } of await generateAll()) {
    const current = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (current === text) {
      console.log(`${path} is current`);
    } else if (check) {
      console.error(`${path} is stale: run npm run contract`);
      stale = true;
    } else {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
      console.log(`wrote ${path} (${Buffer.byteLength(text)} bytes)`);
    }
  }
  if (stale) process.exit(1);
}

// Run as a script (`tsx scripts/generate-contract.ts`), not when a test imports it. (Not
// `require.main`: the mini-program test config types `require` as WeChat's.)
if (/generate-contract\.ts$/.test(process.argv[1] ?? '')) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
