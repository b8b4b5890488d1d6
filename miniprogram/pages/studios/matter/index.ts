import type { ConsultationSummary, MatterView } from '../../../../typings/contracts';
import { STUDIO_LIMITS } from '../../../generated/contract';
import { fontScale } from '../../../behaviors/font-scale';
import { markChanged, type ChangeTopic } from '../../../kit/changes';
import { detailPage } from '../../../kit/detail-page';
import type { UiEvent } from '../../../kit/events';
import { checkInput } from '../../../kit/validate';
import { withLoading } from '../../../kit/with-loading';
import { api } from '../../../services/api';
import { openFile } from '../../../services/files';
import { formatDateTime } from '../../../utils/format';
import { askText, checkAt, confirmAction } from '../../../utils/prompt';
import { showError, showSuccess } from '../../../utils/toast';

/**
 * One resident's matter: what was raised, its progress, the reply, the consultation it went
 * into and what came of it. The studio's workers also triage it here: answer, take it into a
 * consultation, or pass it to the office.
 */
Component({
  behaviors: [fontScale, detailPage],
  options: { pureDataPattern: /^_/ },
  data: {
    _notFoundCode: 'STUDIO.MATTER_NOT_FOUND',
    matter: null as MatterView | null,
    progress: [] as Array<{ time: string; text: string }>,
  },
  methods: {
    async fetchItem(matterId: string) {
      const matter = await api.studios.getMatter({ matterId });
      const progress = matter.progress
        .map((p) => ({ time: formatDateTime(p.at), text: p.text }))
        .reverse();
      return { matter, progress };
    },

    watch(): ChangeTopic[] {
      return ['studios'];
    },

    onPhoto(e: UiEvent<{ index?: number }>) {
      const photo = this.data.matter?.photos[e.currentTarget.dataset.index ?? -1];
      if (photo) openFile(photo).catch(showError);
    },

    onConsultation() {
      const id = this.data.matter?.consultation?.id;
      if (id) wx.navigateTo({ url: `/pages/studios/consultation/index?id=${id}` });
    },

    async triage(input: Parameters<typeof api.studios.triageMatter>[0], done: string) {
      const result = await withLoading('正在提交', () => api.studios.triageMatter(input));
      if (!result) return;
      markChanged('studios');
      showSuccess(done);
      await this.reload({ quiet: true });
    },

    async onAnswer() {
      const m = this.data.matter;
      if (!m?.can.triage) return;
      const base = { matterId: m.id, decision: 'answer' as const };
      const reply = await askText({
        title: '答复群众',
        placeholder: '办理情况或解释说明',
        confirmText: '答复',
        maxLength: STUDIO_LIMITS.reply,
        check: checkAt('reply', (reply) =>
          checkInput('studios', 'triageMatter', { ...base, reply }),
        ),
      });
      if (reply) await this.triage({ ...base, reply }, '已答复');
    },

    async onMerge() {
      const m = this.data.matter;
      if (!m?.can.triage) return;
      let open: ConsultationSummary[];
      try {
        open = (await api.studios.listConsultations({ studioId: m.studioId })).filter(
          (c) => c.status !== 'closed',
        );
      } catch (err) {
        return showError(err);
      }
      if (!open.length) {
        const plan = await confirmAction({
          title: '还没有协商活动',
          content: '本工作室还没有未办结的协商活动。现在新建一次，把这条诉求纳入议题吗？',
          confirmText: '新建',
        });
        if (plan)
          wx.navigateTo({
            url: `/pages/studios/consultation-edit/index?studioId=${m.studioId}&matterId=${m.id}`,
          });
        return;
      }
      const choices = open.slice(0, 6);
      const picked = await wx
        .showActionSheet({ itemList: choices.map((c) => `${c.date} ${c.topic}`) })
        .catch(() => null);
      const c = picked ? choices[picked.tapIndex] : undefined;
      if (c)
        await this.triage(
          { matterId: m.id, decision: 'merge', consultationId: c.id },
          '已纳入协商',
        );
    },

    async onPass() {
      const m = this.data.matter;
      if (!m?.can.triage) return;
      const ok = await confirmAction({
        title: '转交政协机关',
        content: '转交后由政协机关统一协调办理，工作室不再答复这条诉求。确定转交吗？',
        confirmText: '转交',
      });
      if (ok) await this.triage({ matterId: m.id, decision: 'pass' }, '已转交');
    },
  },
});
