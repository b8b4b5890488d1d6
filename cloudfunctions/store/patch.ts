import { assertFieldPath, StoreError, type Patch } from './port';

/** Applies a patch to a plain document, returning a new one. */
export function applyPatch<T extends object>(doc: T, patch: Patch): T {
  return applyPatchInPlace(structuredClone(doc), structuredClone(patch));
}

/**
 * Applies a patch by changing `doc` itself; the patch's values become part of it. For adapters
 * that own the document (freshly parsed) and serialise it right after.
 */
export function applyPatchInPlace<T extends object>(doc: T, patch: Patch): T {
  const out = doc as Record<string, unknown>;
  for (const [path, value] of Object.entries(patch.set ?? {})) setPath(out, path, value);
  for (const [path, by] of Object.entries(patch.inc ?? {})) {
    const current = getPath(out, path);
    setPath(out, path, (typeof current === 'number' ? current : 0) + by);
  }
  for (const path of patch.unset ?? []) unsetPath(out, path);
  return doc;
}

/**
 * Document stores built on MongoDB refuse field names with `.` (a path separator there) or a
 * leading `$` (an operator), so no stored document may have one at any depth: both adapters
 * check every document and every patch value they write, and the same code fails here as it
 * would in the cloud. Walked without recursion.
 */
export function assertStorableKeys(value: unknown): void {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null) continue;
    if (Array.isArray(v)) {
      stack.push(...v);
      continue;
    }
    for (const [k, child] of Object.entries(v)) {
      if (k.includes('.') || k.startsWith('$'))
        throw new StoreError(
          'INVALID',
          `a stored field name cannot contain "." or start with "$": ${k}`,
        );
      stack.push(child);
    }
  }
}

export function validatePatch(patch: Patch): void {
  assertStorableKeys(Object.values(patch.set ?? {}));
  const paths = [
    ...Object.keys(patch.set ?? {}),
    ...Object.keys(patch.inc ?? {}),
    ...(patch.unset ?? []),
  ];
  for (const p of paths) {
    assertFieldPath(p);
    if (p === '_id' || p.startsWith('_id.')) throw new Error('_id cannot be changed');
  }
  for (const by of Object.values(patch.inc ?? {})) {
    if (!Number.isFinite(by)) throw new Error('inc needs a finite number');
  }
}

export function getPath(doc: Record<string, unknown>, path: string): unknown {
  let cur: unknown = doc;
  for (const key of path.split('.')) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur = doc;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) cur[key] = {};
    cur = cur[key] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]!] = value;
}

function unsetPath(doc: Record<string, unknown>, path: string): void {
  const keys = path.split('.');
  let cur: unknown = doc;
  for (const key of keys.slice(0, -1)) {
    if (typeof cur !== 'object' || cur === null) return;
    cur = (cur as Record<string, unknown>)[key];
  }
  if (typeof cur === 'object' && cur !== null)
    delete (cur as Record<string, unknown>)[keys[keys.length - 1]!];
}
