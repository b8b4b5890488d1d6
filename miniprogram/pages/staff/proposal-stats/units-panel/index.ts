/**
 * 承办单位管理: the handling units, stopped ones kept (and marked), one added with its contact,
 * one stopped (after a confirmation) or started again; a unit's 办理账号 (its contacts' accounts)
 * opened beneath it. The input is checked as the server
 * checks it (proposals.saveUnit).
 */
import type { HandlingUnitView } from '../../../../../typings/contracts';
import type { UiEvent, ValueEvent } from '../../../../kit/events';
import { resourcePage } from '../../../../kit/resource-page';
import { checkInput, firstError } from '../../../../kit/validate';
import { api } from '../../../../services/api';
import { confirmAction } from '../../../../utils/prompt';
import { showError, showSuccess } from '../../../../utils/toast';

interface UnitItem {
  id: string;
  name: string;
  contactText: string;
  active: boolean;
  contactName: string | null;
  contactPhone: string | null;
}

function toUnitItem(u: HandlingUnitView): UnitItem {
  return {
    id: u.id,
    name: u.name,
    contactText: [u.contactName, u.contactPhone].filter(Boolean).join(' '),
    active: u.active,
    contactName: u.contactName,
    contactPhone: u.contactPhone,
  };
}

const NO_UNIT = { name: '', contactName: '', contactPhone: '' };

Component({
  behaviors: [resourcePage],
  options: { pureDataPattern: /^_/ },
  data: {
    units: [] as UnitItem[],
    addOpen: false,
    newUnit: NO_UNIT,
    addError: '',
    saving: false,
    /** The unit whose contact accounts are open ('' for none). */
    accountsOf: '',
  },
  lifetimes: {
    attached() {
      void this.reload();
    },
  },
  methods: {
    async fetch(): Promise<WechatMiniprogram.IAnyObject> {
      const result = await api.proposals.listUnits({ includeInactive: true });
      return { units: result.items.map(toUnitItem) };
    },

    onToggleAccounts(e: UiEvent<{ id?: string }>) {
      const id = e.currentTarget.dataset.id ?? '';
      this.setData({ accountsOf: this.data.accountsOf === id ? '' : id });
    },

    onToggleAdd() {
      this.setData({ addOpen: !this.data.addOpen, addError: '' });
    },

    onNewUnitField(e: ValueEvent & UiEvent<{ field?: string }>) {
      const { field } = e.currentTarget.dataset;
      if (!field) return;
      this.setData({ [`newUnit.${field}`]: e.detail.value, addError: '' });
    },

    /** Saves the unit; the saved unit, or null when refused (the refusal is shown). */
    async save(input: Parameters<typeof api.proposals.saveUnit>[0]): Promise<UnitItem | null> {
      if (this.data.saving) return null;
      this.setData({ saving: true });
      try {
        return toUnitItem(await api.proposals.saveUnit(input));
      } catch (err) {
        showError(err);
        return null;
      } finally {
        this.setData({ saving: false });
      }
    },

    async onAddUnit() {
      const { name, contactName, contactPhone } = this.data.newUnit;
      const input = {
        name: name.trim(),
        contactName: contactName.trim() || null,
        contactPhone: contactPhone.trim() || null,
      };
      const problem = firstError(checkInput('proposals', 'saveUnit', input));
      if (problem) {
        this.setData({ addError: problem });
        return;
      }
      const unit = await this.save(input);
      if (!unit) return;
      this.setData({ units: this.data.units.concat(unit), newUnit: NO_UNIT, addOpen: false });
      showSuccess('已添加');
    },

    /** Stopping a unit keeps its history; it is no longer offered when assigning. */
    async onToggleActive(e: UiEvent<{ id?: string }>) {
      const unit = this.data.units.find((u) => u.id === e.currentTarget.dataset.id);
      if (!unit || this.data.saving) return;
      const sure =
        !unit.active ||
        (await confirmAction({
          title: '停用承办单位',
          content: `停用后交办时不再列出“${unit.name}”，已交办的提案不受影响。`,
          confirmText: '停用',
        }));
      if (!sure) return;
      const { id: unitId, name, contactName, contactPhone } = unit;
      const saved = await this.save({
        unitId,
        name,
        contactName,
        contactPhone,
        active: !unit.active,
      });
      if (!saved) return;
      this.setData({ units: this.data.units.map((u) => (u.id === saved.id ? saved : u)) });
    },
  },
});
