/**
 * 交办: which active units handle the proposal, jointly (one 主办, the others 会办) or separately
 * (分办, each answering on its own), and the reply deadline (`proposals.assign`): whole months
 * up to the settings' longest handling time, their handling time chosen first.
 */
import type { UiEvent } from '../../../../kit/events';
import { loadSettings } from '../../../../kit/settings';
import { api } from '../../../../services/api';
import { messageOf } from '../../../../services/errors';
import { PROPOSAL_DOMAIN, type ProposalTarget } from '../domain';
import { actionPanel, type Domain } from '../handling';
import { assignDeadlines, type DeadlineChoice } from '../deadlines';
import {
  assignInput,
  assignProblem,
  setLead,
  toggleUnit,
  unitChoices,
  type AssignMode,
  type UnitChoice,
} from '../assign';

const MODES = [
  { value: 'joint', label: '合办（一主办，其余会办）' },
  { value: 'separate', label: '分办（各自答复）' },
];

Component({
  behaviors: [actionPanel],
  data: {
    modes: MODES,
    mode: 'joint' as AssignMode,
    deadlines: [] as DeadlineChoice[],
    deadline: '',
    unitsStatus: 'loading' as 'loading' | 'ready' | 'error',
    unitsError: '',
    choices: [] as UnitChoice[],
    assignError: '',
  },
  lifetimes: {
    attached() {
      void this.loadUnits();
    },
  },
  methods: {
    domain(): Domain {
      return PROPOSAL_DOMAIN;
    },

    /** The units and the committee's deadlines: one status, one retry. */
    async loadUnits() {
      this.setData({ unitsStatus: 'loading', unitsError: '' });
      try {
        const [result, settings] = await Promise.all([api.proposals.listUnits({}), loadSettings()]);
        const { choices, initial } = assignDeadlines(settings.proposals);
        this.setData({
          unitsStatus: 'ready',
          choices: unitChoices(result.items),
          deadlines: choices,
          deadline: this.data.deadline || initial,
        });
      } catch (err) {
        this.setData({ unitsStatus: 'error', unitsError: messageOf(err) });
      }
    },

    onToggleUnit(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) this.setData({ choices: toggleUnit(this.data.choices, id), assignError: '' });
    },

    onLead(e: UiEvent<{ id?: string }>) {
      const { id } = e.currentTarget.dataset;
      if (id) this.setData({ choices: setLead(this.data.choices, id), assignError: '' });
    },

    onMode(e: UiEvent<object, { value: AssignMode }>) {
      this.setData({ mode: e.detail.value, assignError: '' });
    },

    onDeadline(e: UiEvent<object, { value: string }>) {
      this.setData({ deadline: e.detail.value });
    },

    async onAssign() {
      const { choices, mode, deadline } = this.data;
      const problem = assignProblem(choices, mode);
      if (problem) {
        this.setData({ assignError: problem });
        return;
      }
      const { id, version } = this.data.target as ProposalTarget;
      const input = assignInput(id, version, choices, mode, Number(deadline));
      await this.run('正在交办', () => api.proposals.assign(input), '已交办');
    },
  },
});
