import {
  formatDateTime,
  groupInviteCode,
  maskPhone,
  normalizeInviteCode,
  orNotSet,
  roleLabels,
} from '../../miniprogram/utils/format';

describe('format', () => {
  it('masks a mainland mobile number as 138****0001', () => {
    expect(maskPhone('13800000001')).toBe('138****0001');
    expect(maskPhone('010-1234')).toBe('****1234');
  });

  it('normalises an invite code: no spaces or dashes, upper case', () => {
    expect(normalizeInviteCode(' ab12-cd 34 ')).toBe('AB12CD34');
  });

  it('groups an invite code in fours for reading aloud', () => {
    expect(groupInviteCode('AB12CD34')).toBe('AB12 CD34');
  });

  it('lists role labels in a fixed order', () => {
    expect(roleLabels(['admin', 'member'])).toEqual(['委员', '管理员']);
  });

  it('shows Beijing time whatever the time zone of the process', () => {
    expect(formatDateTime('2025-01-31T16:05:00.000Z')).toBe('2025-02-01 00:05');
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('says 未填写 for an empty field', () => {
    expect(orNotSet(null)).toBe('未填写');
    expect(orNotSet(' ')).toBe('未填写');
    expect(orNotSet('经济界')).toBe('经济界');
  });
});
