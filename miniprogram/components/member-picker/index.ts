/**
 * Choosing members by name: the chosen ones as large chips (tap one to take it off), a search
 * box, and the results to tick. `source` says where to look: `directory` (every member may
 * search it: co-signers) or `roster` (staff: meeting invitees).
 * Emits `change` with `{ value: PickedMember[] }` after every add or removal.
 */
import { api } from '../../services/api';
import { messageOf } from '../../services/errors';

export interface PickedMember {
  id: string;
  /** '' while a saved id has not been looked up yet. */
  name: string;
  sector: string;
}

export type MemberSource = 'directory' | 'roster';

interface Row extends PickedMember {
  selected: boolean;
}

const PAGE_SIZE = 20;

async function search(source: MemberSource, keyword: string): Promise<PickedMember[]> {
  const result =
    source === 'roster'
      ? await api.members.listRoster({ keyword, role: 'member', pageSize: PAGE_SIZE })
      : await api.members.listDirectory({ keyword, pageSize: PAGE_SIZE });
  return result.items.map((m) => ({ id: m.id, name: m.name, sector: m.sector ?? '' }));
}

function rowsOf(found: PickedMember[], chosen: PickedMember[]): Row[] {
  const ids = new Set(chosen.map((m) => m.id));
  return found.map((m) => ({ ...m, selected: ids.has(m.id) }));
}

Component({
  properties: {
    /** Where to search: `directory` (default) or `roster`. */
    source: { type: String, value: 'directory' },
    /** The chosen members, in the order chosen. */
    value: { type: Array, value: [] as PickedMember[] },
    /** At most this many (0: no limit). */
    max: { type: Number, value: 0 },
    /** A member never offered (the writer, for co-signers). */
    exclude: { type: String, value: '' },
    /** The button that opens the search. */
    addText: { type: String, value: '添加' },
    /** Shown when nobody is chosen yet. */
    emptyText: { type: String, value: '' },
  },
  data: {
    open: false,
    keyword: '',
    status: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    message: '',
    rows: [] as Row[],
    _found: [] as PickedMember[],
    _seq: 0,
  },
  options: { pureDataPattern: /^_/ },
  observers: {
    value(chosen: PickedMember[]) {
      this.setData({ rows: rowsOf(this.data._found, chosen ?? []) });
    },
  },
  methods: {
    onToggleOpen() {
      this.setData({ open: !this.data.open });
    },

    onKeyword(e: WechatMiniprogram.Input) {
      this.setData({ keyword: e.detail.value });
    },

    /** Looks the name up; an older search answering late is dropped. */
    async onSearch(e?: WechatMiniprogram.InputConfirm) {
      const keyword = (e?.detail?.value ?? this.data.keyword).trim();
      this.setData({ keyword });
      if (!keyword) return;
      const seq = this.data._seq + 1;
      this.setData({ _seq: seq, status: 'loading', message: '' });
      try {
        const found = (await search(this.data.source as MemberSource, keyword)).filter(
          (m) => m.id !== this.data.exclude,
        );
        if (seq !== this.data._seq) return;
        this.setData({ status: 'ready', _found: found, rows: rowsOf(found, this.data.value) });
      } catch (err) {
        if (seq !== this.data._seq) return;
        this.setData({ status: 'error', message: messageOf(err) });
      }
    },

    /** A result tapped: chosen if it was not, taken off if it was. */
    onToggleRow(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>) {
      const row = this.data.rows.find((r) => r.id === e.currentTarget.dataset.id);
      if (!row) return;
      const chosen: PickedMember[] = this.data.value;
      if (row.selected) {
        this.emit(chosen.filter((m) => m.id !== row.id));
        return;
      }
      if (this.data.max > 0 && chosen.length >= this.data.max) {
        this.setData({ message: `最多选择 ${this.data.max} 位` });
        return;
      }
      this.emit(chosen.concat({ id: row.id, name: row.name, sector: row.sector }));
    },

    onRemove(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { id?: string }>) {
      const { id } = e.currentTarget.dataset;
      this.emit((this.data.value as PickedMember[]).filter((m) => m.id !== id));
    },

    emit(value: PickedMember[]) {
      this.setData({ message: '' });
      this.triggerEvent('change', { value });
    },
  },
});
