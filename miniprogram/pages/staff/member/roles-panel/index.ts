/**
 * 角色 on the member page: an admin ticks the roles set here (the contract's EDITABLE_ROLES:
 * never 承办单位, which the units page manages) and saves them (`members.setRoles`); a role
 * that cannot change now says why (your own admin role). Staff see the roles, read-only.
 * Events: `changed` (detail: `{ entry }`).
 */
import type { Role, RoleChoice } from '../../../../../typings/contracts';
import type { UiEvent } from '../../../../kit/events';
import { withLoading } from '../../../../kit/with-loading';
import { api } from '../../../../services/api';
import { ROLE_LABELS } from '../../../../utils/format';

interface RoleRow {
  role: Role;
  label: string;
  /** Held now (saved). */
  held: boolean;
  /** Ticked in the editor. */
  on: boolean;
  lockedReason: string;
}

function rowsOf(choices: RoleChoice[]): RoleRow[] {
  return choices.map((c) => ({
    role: c.role,
    label: ROLE_LABELS[c.role],
    held: c.held,
    on: c.held,
    lockedReason: c.lockedReason ?? '',
  }));
}

const chosen = (rows: RoleRow[]) => rows.filter((r) => r.on).map((r) => r.role);

Component({
  properties: {
    memberId: { type: String, value: '' },
    choices: { type: Array, value: [] as RoleChoice[] },
    /** The caller is an admin: the roles can be changed here. */
    editable: { type: Boolean, value: false },
  },
  data: {
    rows: [] as RoleRow[],
    heldText: '',
    dirty: false,
    saving: false,
  },
  observers: {
    choices(choices: RoleChoice[]) {
      const rows = rowsOf(choices);
      const held = rows.filter((r) => r.on).map((r) => r.label);
      this.setData({ rows, heldText: held.join('、') || '无', dirty: false });
    },
  },
  methods: {
    onToggle(e: UiEvent<{ role?: Role }>) {
      const { role } = e.currentTarget.dataset;
      const rows = this.data.rows.map((r) =>
        r.role === role && !r.lockedReason ? { ...r, on: !r.on } : r,
      );
      this.setData({ rows, dirty: rows.some((r) => r.on !== r.held) });
    },

    onReset() {
      this.setData({ rows: rowsOf(this.data.choices as RoleChoice[]), dirty: false });
    },

    async onSave() {
      const roles = chosen(this.data.rows);
      if (this.data.saving || !this.data.dirty) return;
      if (roles.length === 0) {
        wx.showToast({ title: '请至少选择一个角色', icon: 'none' });
        return;
      }
      this.setData({ saving: true });
      const entry = await withLoading('正在保存', () =>
        api.members.setRoles({ memberId: this.data.memberId, roles }),
      );
      this.setData({ saving: false });
      if (entry) this.triggerEvent('changed', { entry });
    },
  },
});
