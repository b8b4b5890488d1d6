/**
 * Who is invited: everyone, the standing committee, sectors or committees ticked from the
 * roster's own, or members picked by name (member-picker over the roster).
 */
import type { RosterEntry } from '../../../../typings/contracts';
import type { UiEvent, ValueEvent } from '../../../kit/events';
import { api } from '../../../services/api';
import { messageOf } from '../../../services/errors';
import {
  choices,
  INVITEE_MODES,
  rosterGroups,
  toNamed,
  type EditForm,
  type InviteeMode,
  type NamedMember,
} from './form';

/** Pages of the roster read for the sector and committee choices (100 each). */
export const MAX_ROSTER_PAGES = 50;

interface Host {
  data: {
    form: EditForm;
    rosterStatus: 'idle' | 'loading' | 'ready' | 'error';
    _sectors: string[];
    _committees: string[];
    _names: Record<string, NamedMember>;
  };
  change(patch: Record<string, unknown>): void;
}

const hostOf = (page: unknown) => page as Host;

function toggled(list: string[], value: string): string[] {
  return list.includes(value) ? list.filter((s) => s !== value) : list.concat(value);
}

/** Every member of the roster, page by page. */
async function readRoster(): Promise<RosterEntry[]> {
  const entries: RosterEntry[] = [];
  for (let page = 1; page <= MAX_ROSTER_PAGES; page += 1) {
    const result = await api.members.listRoster({ role: 'member', page, pageSize: 100 });
    entries.push(...result.items);
    if (result.items.length === 0 || page * result.pageSize >= result.total) break;
  }
  return entries;
}

export const inviteeChoice = Behavior({
  data: {
    modes: INVITEE_MODES,
    rosterStatus: 'idle' as 'idle' | 'loading' | 'ready' | 'error',
    rosterError: '',
    sectorChoices: [] as Array<{ value: string; selected: boolean }>,
    committeeChoices: [] as Array<{ value: string; selected: boolean }>,
    _sectors: [] as string[],
    _committees: [] as string[],
    _names: {} as Record<string, NamedMember>,
  },
  methods: {
    needsRoster(): boolean {
      const { mode, named } = hostOf(this).data.form;
      return (
        mode === 'sectors' ||
        mode === 'committees' ||
        (mode === 'named' && named.some((m) => !m.name))
      );
    },

    onMode(e: UiEvent<{ value?: InviteeMode }>) {
      const mode = e.currentTarget.dataset.value;
      if (!mode || mode === hostOf(this).data.form.mode) return;
      hostOf(this).change({ 'form.mode': mode, 'errors.fields.invitees': '' });
      if (this.needsRoster()) void this.ensureRoster();
    },

    onToggleSector(e: UiEvent<{ value?: string }>) {
      const value = e.currentTarget.dataset.value;
      if (!value) return;
      const sectors = toggled(hostOf(this).data.form.sectors, value);
      hostOf(this).change({ 'form.sectors': sectors, 'errors.fields.invitees': '' });
      this.refreshChoices();
    },

    onToggleCommittee(e: UiEvent<{ value?: string }>) {
      const value = e.currentTarget.dataset.value;
      if (!value) return;
      const committees = toggled(hostOf(this).data.form.committees, value);
      hostOf(this).change({ 'form.committees': committees, 'errors.fields.invitees': '' });
      this.refreshChoices();
    },

    onNamed(e: ValueEvent<NamedMember[]>) {
      hostOf(this).change({ 'form.named': e.detail.value, 'errors.fields.invitees': '' });
    },

    refreshChoices() {
      const { form, _sectors, _committees } = hostOf(this).data;
      this.setData({
        sectorChoices: choices(_sectors, form.sectors),
        committeeChoices: choices(_committees, form.committees),
      });
    },

    /** A roster read earlier names the invitees a saved meeting keeps as ids only. */
    withNames(named: NamedMember[]): NamedMember[] {
      const names = hostOf(this).data._names;
      return named.map((m) => (m.name ? m : (names[m.id] ?? m)));
    },

    /**
     * The roster's members, read once (all pages): their sectors and committees to choose
     * from, and the names behind a saved meeting's named invitees.
     */
    async ensureRoster() {
      const { rosterStatus } = hostOf(this).data;
      if (rosterStatus === 'loading' || rosterStatus === 'ready') return;
      this.setData({ rosterStatus: 'loading', rosterError: '' });
      try {
        const entries = await readRoster();
        const groups = rosterGroups(entries);
        const names: Record<string, NamedMember> = {};
        for (const e of entries) names[e.id] = toNamed(e);
        this.setData({
          rosterStatus: 'ready',
          _sectors: groups.sectors,
          _committees: groups.committees,
          _names: names,
        });
        this.setData({ 'form.named': this.withNames(hostOf(this).data.form.named) });
        this.refreshChoices();
      } catch (err) {
        this.setData({ rosterStatus: 'error', rosterError: messageOf(err) });
      }
    },

    onRosterRetry() {
      return this.ensureRoster();
    },
  },
});
