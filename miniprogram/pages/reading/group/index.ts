import type { GroupDetail, PostSummary } from '../../../../typings/contracts';
import { READING_LIMITS } from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import { cursorList, type CursorPage } from '../../../kit/cursor-list';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { checkInput, firstError } from '../../../kit/validate';
import { api } from '../../../services/api';
import { queryValue } from '../../../utils/format';
import { confirmAction } from '../../../utils/prompt';
import { showError, showMessage, showSuccess } from '../../../utils/toast';

/**
 * A reading group: its books, the owner's pinned guide readings, my check-in streak and the
 * day's check-in, then the feed (newest first, or featured first), my posts still waiting on top.
 */
Component({
  behaviors: [fontScale, cursorList],
  options: { pureDataPattern: /^_/ },
  data: {
    group: null as GroupDetail | null,
    mine: [] as PostSummary[],
    featuredFirst: false,
    checkInText: '',
    checkInMax: READING_LIMITS.checkIn,
    checkingIn: false,
    busy: false,
  },
  methods: {
    async fetchCursor(cursor: string | undefined): Promise<CursorPage<PostSummary>> {
      const groupId = queryValue(this.data._query.id);
      const input = {
        scope: 'group' as const,
        groupId,
        featuredFirst: this.data.featuredFirst,
        cursor,
      };
      if (cursor) return api.reading.feed(input);
      const [group, page] = await Promise.all([
        api.reading.getGroup({ groupId }),
        api.reading.feed(input),
      ]);
      wx.setNavigationBarTitle({ title: group.name }).catch(() => undefined);
      return { items: page.items, nextCursor: page.nextCursor, extra: { group, mine: page.mine } };
    },

    watch(): ChangeTopic[] {
      return ['reading'];
    },

    onFeatured(e: ValueEvent<boolean>) {
      this.setData({ featuredFirst: e.detail.value });
      return this.reload({ quiet: true });
    },

    onCheckInText(e: ValueEvent) {
      this.setData({ checkInText: e.detail.value });
    },

    async onCheckIn() {
      const group = this.data.group;
      if (!group || this.data.checkingIn) return;
      const input = { groupId: group.id, text: this.data.checkInText };
      const problem = firstError(checkInput('reading', 'checkIn', input));
      if (problem) return showMessage(problem);
      this.setData({ checkingIn: true });
      try {
        const { post, streak } = await api.reading.checkIn(input);
        this.setData({ checkInText: '', 'group.streak': streak });
        markChanged('reading');
        showMessage(
          post.status === 'published'
            ? `打卡成功，已连续打卡 ${streak.current} 天`
            : `打卡已提交（${post.statusLabel}），已连续打卡 ${streak.current} 天`,
        );
        await this.reload({ quiet: true });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ checkingIn: false });
      }
    },

    onWrite(e: UiEvent<{ kind?: string }>) {
      const kind = e.currentTarget.dataset.kind ?? 'note';
      wx.navigateTo({
        url: `/pages/reading/edit/index?groupId=${this.data.group?.id ?? ''}&kind=${kind}`,
      });
    },

    onOpen(e: UiEvent<{ id?: string }, { id: string }>) {
      const id = e.detail.id ?? e.currentTarget.dataset.id;
      if (id) wx.navigateTo({ url: `/pages/reading/post/index?id=${id}` });
    },

    onBook(e: UiEvent<{ id?: string }>) {
      wx.navigateTo({ url: `/pages/reading/book/index?id=${e.currentTarget.dataset.id ?? ''}` });
    },

    async onJoin() {
      await this.membership('join');
    },

    async onLeave() {
      const ok = await confirmAction({
        title: '退出读书群',
        content: '退出后不再收到本群的导读通知，已发表的内容仍会保留。确定退出吗？',
        confirmText: '退出',
        destructive: true,
      });
      if (ok) await this.membership('leave');
    },

    async membership(what: 'join' | 'leave') {
      const group = this.data.group;
      if (!group || this.data.busy) return;
      this.setData({ busy: true });
      try {
        const call = what === 'join' ? api.reading.joinGroup : api.reading.leaveGroup;
        await call({ groupId: group.id });
        markChanged('reading');
        showSuccess(what === 'join' ? '已加入' : '已退出');
        await this.reload({ quiet: true });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
