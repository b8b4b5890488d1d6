/**
 * The editor's attachments: a file from a chat, or photos, uploaded one by one and each kept
 * in the draft as it lands; a failed file is named, the others kept. The proposal and speech
 * editors share it.
 */
import type { UiEvent } from '../../../kit/events';
import { PROPOSAL_LIMITS } from '../../../generated/contract';
import { uploadEach } from '../../../services/files';
import { isCancel } from '../../../utils/files';
import { showMessage } from '../../../utils/toast';
import type { ProposalFields } from './form';

type Picked = Array<{ path: string; name: string; size: number }>;

interface Host {
  /** `limits.attachments`: how many the editor's contract allows (a proposal's, a speech's). */
  data: {
    form: Pick<ProposalFields, 'attachments'>;
    uploading: string;
    limits?: { attachments: number };
  };
  change(patch: Partial<Pick<ProposalFields, 'attachments'>>, field: string): void;
}

function photoExtension(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return ext === 'png' || ext === 'jpeg' ? ext : 'jpg';
}

async function pick(room: number, already: number): Promise<Picked> {
  const { tapIndex } = await wx.showActionSheet({ itemList: ['聊天中的文件', '照片'] });
  if (tapIndex !== 1) return (await wx.chooseMessageFile({ count: room, type: 'file' })).tempFiles;
  const media = await wx.chooseMedia({
    count: room,
    mediaType: ['image'],
    sizeType: ['compressed'],
  });
  return media.tempFiles.map((f, i) => ({
    path: f.tempFilePath,
    name: `照片${already + i + 1}.${photoExtension(f.tempFilePath)}`,
    size: f.size,
  }));
}

export const attachmentList = Behavior({
  data: {
    /** What the upload is doing ('' when idle): 正在上传… */
    uploading: '',
  },
  methods: {
    async onAddAttachment() {
      const host = this as unknown as Host;
      const limit = host.data.limits?.attachments ?? PROPOSAL_LIMITS.attachments;
      const room = limit - host.data.form.attachments.length;
      if (room <= 0 || host.data.uploading) return;
      let picked: Picked;
      try {
        picked = await pick(room, host.data.form.attachments.length);
      } catch (err) {
        if (!isCancel(err)) showMessage('无法选择文件，请稍后重试');
        return;
      }
      const failed = await uploadEach(
        picked.slice(0, room),
        (uploading) => this.setData({ uploading }),
        (stored) =>
          host.change({ attachments: host.data.form.attachments.concat(stored) }, 'attachments'),
      );
      if (failed.length) showMessage(failed.join('\n'), '以下文件未能上传');
    },

    onRemoveAttachment(e: UiEvent<{ index?: number }>) {
      const host = this as unknown as Host;
      const { index } = e.currentTarget.dataset;
      if (index === undefined) return;
      const attachments = host.data.form.attachments.filter((_, i) => i !== index);
      host.change({ attachments }, 'attachments');
    },
  },
});
