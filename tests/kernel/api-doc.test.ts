import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { contracts } from '../../typings/contracts';
import { ERROR_MESSAGES } from '../../typings/contracts/errors';

const doc = readFileSync(join(__dirname, '../../docs/API.md'), 'utf8');

describe('docs/API.md stays true to the contracts', () => {
  const actions = Object.entries(contracts).flatMap(([fn, actions]) =>
    Object.keys(actions).map((a) => `${fn}.${a}`),
  );

  it.each(actions)('documents %s', (action) => {
    expect(doc).toContain(`### ${action} — `);
  });

  it('documents no action that does not exist', () => {
    const documented = [...doc.matchAll(/^### (\S+) — /gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...actions].sort());
  });

  it.each(Object.keys(ERROR_MESSAGES))('mentions the error code %s', (code) => {
    expect(doc).toContain(code);
  });
});
