import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jobKinds } from '../../cloudfunctions/kernel/jobs';
import '../../cloudfunctions/modules/notify/timer';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('job kinds', () => {
  it('the timer’s bundle knows every kind a module registers, so none is left running', () => {
    const registrations = sources(join(__dirname, '../../cloudfunctions/modules'))
      .map((f) => readFileSync(f, 'utf8').match(/\bjobKind</g)?.length ?? 0)
      .reduce((a, b) => a + b, 0);
    expect(jobKinds()).toHaveLength(registrations);
    expect(jobKinds()).toEqual(
      expect.arrayContaining([
        'ledger.recompute',
        'meetings.close',
        'meetings.notices',
        'meetings.reopen',
        'members.importRoster',
        'reading.announce',
      ]),
    );
  });
});
