/**
 * What the board's panels share: each loads its part of the meeting when it appears and again
 * whenever the board bumps `version` (the meeting was reloaded or changed), and keeps its own
 * loading / error state, shown by `panel-state` markup in its template.
 */
import { messageOf } from '../../../services/errors';

export type PartStatus = 'loading' | 'ready' | 'error';

interface Hooks {
  /** Loads the panel's part: the data to set once ready. */
  fetchPart(): Promise<WechatMiniprogram.IAnyObject>;
}

export const boardPanel = Behavior({
  properties: {
    meetingId: { type: String, value: '' },
    /** Bumped by the board when the meeting was reloaded or changed: the panel loads again. */
    version: { type: Number, value: 0 },
  },
  data: {
    partStatus: 'loading' as PartStatus,
    partError: '',
    acting: false,
    _loaded: -1,
    _seq: 0,
  },
  observers: {
    'meetingId, version'() {
      this.loadIfBehind();
    },
  },
  lifetimes: {
    attached() {
      this.loadIfBehind();
    },
  },
  methods: {
    /** Loads once the board has its meeting (version 1), and again for each newer version. */
    loadIfBehind() {
      const { meetingId, version, _loaded: loaded } = this.data;
      if (meetingId && version > 0 && version !== loaded) void this.loadPart();
    },

    /** Loads again; `quiet` keeps the part on screen, and a failure then keeps it too. */
    async loadPart(options: { quiet?: boolean } = {}): Promise<void> {
      const seq = this.data._seq + 1;
      const quiet = options.quiet === true && this.data.partStatus === 'ready';
      this.setData({
        _seq: seq,
        _loaded: this.data.version,
        ...(quiet ? {} : { partStatus: 'loading', partError: '' }),
      });
      try {
        const data = await (this as unknown as Hooks).fetchPart.call(this);
        if (seq !== this.data._seq) return;
        this.setData({ ...data, partStatus: 'ready', partError: '' });
      } catch (err) {
        if (seq !== this.data._seq || quiet) return;
        this.setData({ partStatus: 'error', partError: messageOf(err) });
      }
    },

    onPartRetry() {
      return this.loadPart();
    },
  },
});
