/**
 * One speech (大会发言), read-only: head (status, what it was chosen for, author, occasion),
 * the office's note when returned, the text, attachments and the timeline. The author's detail
 * page and the office's handling page both show it.
 */
import type { UiEvent } from '../../kit/events';
import { fileMessageOf, openFile } from '../../services/files';
import { showMessage } from '../../utils/toast';
import type { SpeechView } from './view';

Component({
  properties: {
    /** The speech to show (`toSpeechView`); nothing is shown while null. Default null. */
    speech: { type: Object, value: null as SpeechView | null },
  },
  methods: {
    async onOpenAttachment(e: UiEvent<{ index?: number }>) {
      const speech = this.data.speech as SpeechView | null;
      const file = speech?.attachments[e.currentTarget.dataset.index ?? -1];
      if (!file) return;
      wx.showLoading({ title: '正在打开', mask: true });
      try {
        await openFile(file);
        wx.hideLoading();
      } catch (err) {
        wx.hideLoading();
        const message = fileMessageOf(err, '附件打开失败，请稍后重试');
        if (message) showMessage(message);
      }
    },
  },
});
