/**
 * The meeting editor's materials: files picked from a chat, uploaded one by one and each added
 * as it lands (kept in the phone's copy at once). A failed file is named; the others are kept.
 */
import type { UiEvent } from '../../../kit/events';
import { uploadEach } from '../../../services/files';
import { isCancel } from '../../../utils/files';
import { showMessage } from '../../../utils/toast';
import { MEETING_LIMITS } from '../../../generated/contract';
import { MATERIALS_PER_PICK, type EditForm } from './form';

interface Host {
  data: { form: EditForm; uploading: string };
  change(patch: Record<string, unknown>): void;
}

const hostOf = (page: unknown) => page as Host;

export const materialList = Behavior({
  data: {
    /** What the upload is doing ('' when idle): 正在上传… */
    uploading: '',
  },
  methods: {
    async onAddMaterial() {
      const host = hostOf(this);
      const room = MEETING_LIMITS.materials - host.data.form.materials.length;
      if (room <= 0 || host.data.uploading) return;
      let picked: WechatMiniprogram.ChooseFile[];
      try {
        const res = await wx.chooseMessageFile({
          count: Math.min(MATERIALS_PER_PICK, room),
          type: 'file',
        });
        picked = res.tempFiles.slice(0, room);
      } catch (err) {
        if (!isCancel(err)) showMessage('无法选择文件，请稍后重试');
        return;
      }
      const failed = await uploadEach(
        picked,
        (uploading) => this.setData({ uploading }),
        (stored) =>
          host.change({
            'form.materials': host.data.form.materials.concat(stored),
            'errors.fields.materials': '',
          }),
      );
      if (failed.length) showMessage(failed.join('\n'), '以下文件未能上传');
    },

    onMaterialName(e: UiEvent<{ index?: number }, { value: string }>) {
      const host = hostOf(this);
      const index = e.currentTarget.dataset.index;
      if (index === undefined || !host.data.form.materials[index]) return;
      host.change({
        [`form.materials[${index}].name`]: (e.detail.value ?? '').replace(/\s*\n\s*/g, ''),
        'errors.fields.materials': '',
      });
    },

    onRemoveMaterial(e: UiEvent<{ index?: number }>) {
      const host = hostOf(this);
      const index = e.currentTarget.dataset.index;
      if (index === undefined) return;
      host.change({ 'form.materials': host.data.form.materials.filter((_, i) => i !== index) });
    },
  },
});
