/**
 * Loads a mini-program page (written with `Component()`) under miniprogram-simulate with the
 * TDesign components from app.json resolved, as DevTools' "build npm" would.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import * as simulate from 'miniprogram-simulate';
import { installWx } from './wx';

// Requiring simulate replaced the global `wx` with its own; put the mock back.
installWx();

/** jsdom's document: the root tsconfig has no DOM lib, and this is all the helpers need. */
declare const document: { createElement(tagName: string): never };

export const MINIPROGRAM_ROOT = join(__dirname, '../../../miniprogram');

interface ComponentJson {
  usingComponents?: Record<string, string>;
}

function readJson(path: string): ComponentJson {
  return JSON.parse(readFileSync(path, 'utf8')) as ComponentJson;
}

/** Where a `usingComponents` entry points: npm-style names resolve into miniprogram_npm. */
function resolveComponent(from: string, ref: string): string {
  if (ref.startsWith('/')) return join(MINIPROGRAM_ROOT, ref);
  if (ref.startsWith('.')) return join(dirname(from), ref);
  return join(MINIPROGRAM_ROOT, 'miniprogram_npm', ref);
}

/**
 * Component ids by absolute path (without extension).
 *
 * simulate runs a component's script with `require`, and jest runs a module once per test file;
 * a second `simulate.load` of the same component would register nothing. So each component
 * (TDesign's and ours) is loaded once, dependencies first, and later loads are handed the ids.
 */
const loaded = new Map<string, string>();
/** The tag each component was first loaded under: simulate prefixes its classes with it. */
const tags = new Map<string, string>();

/** Every component loaded so far: its path (without extension), id and class prefix. */
export function loadedComponents(): Array<{ path: string; id: string; tag: string }> {
  return [...loaded].map(([path, id]) => ({ path, id, tag: tags.get(path)! }));
}

function loadComponent(
  path: string,
  tagName: string,
  extraUsing: Record<string, string> = {},
  rootPath = MINIPROGRAM_ROOT,
): string {
  const known = loaded.get(path);
  if (known) return known;
  const using = { ...extraUsing, ...(readJson(`${path}.json`).usingComponents ?? {}) };
  const ids: Record<string, string> = {};
  for (const [tag, ref] of Object.entries(using))
    ids[tag] = loadComponent(resolveComponent(path, ref), tag);
  // An id where a path is expected is kept as is (no `<id>.json` exists): simulate reuses it.
  const id = simulate.load(path, tagName, {
    compiler: 'official',
    rootPath,
    usingComponents: ids,
    // The official compiler compiles every page of the root at once; its output outgrows
    // spawnSync's default 1 MiB buffer as the mini-program grows.
    compilerOptions: { maxBuffer: 256 * 1024 * 1024 },
  });
  loaded.set(path, id);
  tags.set(path, tagName);
  return id;
}

/** app.json's `usingComponents` are global: every page may use them. */
const appUsing = readJson(join(MINIPROGRAM_ROOT, 'app.json')).usingComponents ?? {};
const appUsingResolved = Object.fromEntries(
  Object.entries(appUsing).map(([tag, ref]) => [
    tag,
    `/${relative(MINIPROGRAM_ROOT, resolveComponent(MINIPROGRAM_ROOT, ref))}`,
  ]),
);

export type PageComponent = ReturnType<typeof simulate.render>;

/**
 * Loads (once), renders and attaches the page at `route` (e.g. `pages/home/index`). `root` is
 * the folder the route is relative to; a page outside the mini-program (a test fixture) needs
 * its own, since simulate compiles every template under a root together.
 */
export function renderPage(route: string, root = MINIPROGRAM_ROOT): PageComponent {
  const id = loadComponent(join(root, route), 'main', appUsingResolved, root);
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  return page;
}

/**
 * Puts the styles of every loaded component into `document.head` (rendering a page adds only
 * its own): for pictures of pages, not needed by tests.
 */
export function injectComponentStyles(): void {
  for (const id of loaded.values()) simulate.render(id);
}

/**
 * Lets pending callbacks, promises and setData renders run: a few macrotask turns, enough for
 * a call with two retries (each attempt answers on a later tick).
 */
export async function flush(times = 10): Promise<void> {
  for (let i = 0; i < times; i += 1) await simulate.sleep(0);
}

/** The page's visible text, whitespace collapsed: what a member would read. */
export function textOf(page: PageComponent): string {
  return (page.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/**
 * Finds nodes in the page and, when the page's own tree has none, inside the kit components it
 * renders (page-state, list-footer, chip-group...): their nodes sit in the components' shadow
 * trees, which a plain selector does not enter. Every page's root view has class `page`.
 */
export function selectAll(page: PageComponent, selector: string): PageComponent[] {
  const own = page.querySelectorAll(selector);
  return own.length > 0 ? own : page.querySelectorAll(`.page >>> ${selector}`);
}

export function select(page: PageComponent, selector: string): PageComponent | undefined {
  return selectAll(page, selector)[0];
}

/** The element inside a TDesign component that takes the tap (its root node). */
const TAP_TARGETS = ['.t-button', '.t-cell'];

function find(page: PageComponent, selector: string): PageComponent {
  const found = select(page, selector);
  if (!found) throw new Error(`nothing matches ${selector}`);
  return found;
}

/** Taps the first match of `selector`: a TDesign component (by its class) or a plain node. */
export async function tap(page: PageComponent, selector: string, index = 0): Promise<void> {
  const host = selectAll(page, selector)[index];
  if (!host) throw new Error(`nothing matches ${selector} [${index}]`);
  const target = TAP_TARGETS.map((s) => host.querySelector(s)).find(Boolean) ?? host;
  target.dispatchEvent('tap');
  await flush();
}

/**
 * Fires a TDesign button's open-type event (e.g. `getphonenumber`) with `detail`, through the
 * button's own handler as the native button would. (Dispatching on the native node would make
 * a bubbling event, which the real one is not.)
 */
export async function fireOpenType(
  page: PageComponent,
  selector: string,
  event: string,
  detail: object,
): Promise<void> {
  const button = find(page, selector).instance as unknown as Record<
    string,
    (e: { detail: object }) => void
  >;
  const handler = button[event];
  if (typeof handler !== 'function') throw new Error(`${selector} does not handle ${event}`);
  handler.call(button, { detail });
  await flush();
}

/** Native input nodes inside TDesign's input and search. */
const INPUT_NODES = [
  '.t-input__control',
  '.t-search__input-box .t-input__keyword',
  '.t-input__keyword',
];

/** Types into a TDesign input or search box (fires the native input event). */
export async function typeInto(
  page: PageComponent,
  selector: string,
  value: string,
): Promise<void> {
  const host = find(page, selector);
  const input = INPUT_NODES.map((s) => host.querySelector(s)).find(Boolean);
  if (!input) throw new Error(`${selector} has no input`);
  input.dispatchEvent('input', { detail: { value, cursor: value.length, keyCode: 0 } });
  await flush();
}

/** Calls a page method (lifecycle hooks such as onLoad are not called by simulate) and settles. */
export async function callPage(
  page: PageComponent,
  method: string,
  ...args: unknown[]
): Promise<void> {
  const instance = page.instance as unknown as Record<string, (...a: unknown[]) => unknown>;
  const fn = instance[method];
  if (typeof fn !== 'function') throw new Error(`page has no method ${method}`);
  await fn.apply(instance, args);
  await flush();
}

export function exists(page: PageComponent, selector: string): boolean {
  return Boolean(select(page, selector));
}
