/**
 * One roster entry for the office (opened from the roster): its fields with 编辑, its roles (an
 * admin changes them, staff read them), 停用 / 启用 with a reason, 解除绑定, and what was done to
 * it (the audit trail, a page at a time at the bottom). What the buttons offer is what the
 * backend says the caller may do (`members.getEntry` → `can`).
 */
import type { MemberEntryView, RoleChoice, RosterEntry } from '../../../../typings/contracts';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import { pagedList, type ListPage } from '../../../kit/paged-list';
import { checkInput } from '../../../kit/validate';
import { withLoading } from '../../../kit/with-loading';
import { api, isApiCallError } from '../../../services/api';
import { queryValue } from '../../../utils/format';
import { askText, checkAt, confirmAction } from '../../../utils/prompt';
import { showSuccess } from '../../../utils/toast';
import { infoRows, toAuditRow, toHead, type AuditRow, type HeadView, type InfoRow } from './view';

const NOTHING: MemberEntryView['can'] = {
  edit: false,
  setRoles: false,
  deactivate: false,
  reactivate: false,
  unbind: false,
  issueInvite: false,
};

const NOT_FOUND = { items: [], total: 0, extra: { notFound: true } };

function shown(view: MemberEntryView) {
  return {
    notFound: false,
    entry: view.entry,
    version: view.version,
    head: toHead(view.entry),
    info: infoRows(view.entry),
    can: view.can,
    roleChoices: view.roles,
  };
}

Component({
  behaviors: [fontScale, pagedList],
  options: { pureDataPattern: /^_/ },
  data: {
    items: [] as AuditRow[],
    memberId: '',
    notFound: false,
    entry: null as RosterEntry | null,
    version: 0,
    head: null as HeadView | null,
    info: [] as InfoRow[],
    can: NOTHING,
    roleChoices: [] as RoleChoice[],
    editing: false,
    statusOpen: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ memberId: queryValue(query.id) });
      return this.reload();
    },

    watch(): ChangeTopic[] {
      return ['members'];
    },

    /** The entry with the first page of its trail in one call; later pages of the trail alone. */
    async fetchPage(page: number, pageSize: number): Promise<ListPage<AuditRow>> {
      const { memberId } = this.data;
      if (!memberId) return NOT_FOUND;
      if (page > 1) {
        const more = await api.members.listAuditLog({ targetId: memberId, page, pageSize });
        return { items: more.items.map(toAuditRow), total: more.total };
      }
      try {
        const view = await api.members.getEntry({ memberId, auditPageSize: pageSize });
        return {
          items: view.audit.items.map(toAuditRow),
          total: view.audit.total,
          extra: shown(view),
        };
      } catch (err) {
        if (isApiCallError(err) && err.code === 'MEMBER.NOT_FOUND') return NOT_FOUND;
        throw err;
      }
    },

    /** After a change here: the roster and other pages reload on return, this one now. */
    changed(done: string) {
      markChanged('members');
      showSuccess(done);
      return this.reload({ quiet: true });
    },

    onEdit() {
      this.setData({ editing: true });
    },

    onEditCancel() {
      this.setData({ editing: false });
    },

    onSaved() {
      this.setData({ editing: false });
      return this.changed('已保存');
    },

    onConflict() {
      this.setData({ editing: false });
      return this.reload({ quiet: true });
    },

    onRolesChanged() {
      return this.changed('角色已更新');
    },

    onStatus() {
      this.setData({ statusOpen: true });
    },

    onStatusClose() {
      this.setData({ statusOpen: false });
    },

    onStatusDone() {
      const wasActive = this.data.entry?.active ?? true;
      this.setData({ statusOpen: false });
      return this.changed(wasActive ? '已停用' : '已启用');
    },

    /** Asks twice before unbinding: are you sure, and why. */
    async onUnbind() {
      const { entry, memberId } = this.data;
      if (!entry) return;
      const sure = await confirmAction({
        title: '解除绑定',
        content: `确定解除“${entry.name}”与其微信的绑定吗？解除后需重新绑定才能使用。`,
        confirmText: '解除绑定',
        destructive: true,
      });
      if (!sure) return;
      const reason = await askText({
        title: '请填写解除原因',
        placeholder: '例如：委员更换了手机',
        check: checkAt('reason', (text) =>
          checkInput('members', 'unbind', { memberId, reason: text }),
        ),
      });
      if (reason === null) return;
      const done = await withLoading('正在解除', () => api.members.unbind({ memberId, reason }));
      if (done) await this.changed('已解除绑定');
    },
  },
});
