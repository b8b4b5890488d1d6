/**
 * Importing a roster file, step by step: choose it, refuse one too big, read it, let the server
 * check it (a dry run), confirm what it would change, import. Each step's failure is told to
 * the office here; a file with wrong rows comes back as those rows, to list on the page.
 */
import type { JobView, RosterImportResult, RosterRowError } from '../../../../typings/contracts';
import { api } from '../../../services/api';
import { isApiCallError } from '../../../services/errors';
import { config } from '../../../config';
import { fileMessageOf, uploadFile } from '../../../services/files';
import { readBase64 } from '../../../utils/files';
import { showError, showMessage } from '../../../utils/toast';
import { MAX_ROSTER_FILE_BYTES } from '../../../generated/contract';
import { chooseRosterFile, MAX_ROSTER_FILE_TEXT } from './files';

/** More row errors than this are counted, not listed: the office fixes the file in batches. */
export const MAX_LISTED_ROW_ERRORS = 100;

export type ImportOutcome =
  /** Checked and started: `job` applies it (running: the page shows it going on). */
  | { kind: 'imported'; job: JobView | null }
  | { kind: 'stopped' }
  | { kind: 'invalid'; rows: RosterRowError[]; count: number };

function isRowError(value: unknown): value is RosterRowError {
  if (typeof value !== 'object' || value === null) return false;
  const { row, column, message } = value as Record<string, unknown>;
  return (
    typeof row === 'number' &&
    typeof message === 'string' &&
    (column === null || typeof column === 'string')
  );
}

/** `error.details.rows` of ROSTER.INVALID_ROWS. */
export function rowErrorsOf(details: unknown): RosterRowError[] {
  const rows =
    typeof details === 'object' && details !== null
      ? (details as { rows?: unknown }).rows
      : undefined;
  return Array.isArray(rows) ? rows.filter(isRowError) : [];
}

function previewText(p: RosterImportResult): string {
  return `名册共 ${p.total} 行：新增 ${p.created} 人，更新 ${p.updated} 人，无变化 ${p.unchanged} 人。确定导入吗？`;
}

/**
 * The chosen file as the import takes it, or null when there is nothing to import (told to the
 * office). In the cloud it is uploaded to storage first and sent by id (a callFunction carries
 * little); the local runtime takes it inline.
 */
async function chosenContent(): Promise<RosterFileInput | null> {
  let file;
  try {
    file = await chooseRosterFile();
  } catch (err) {
    showError(err);
    return null;
  }
  if (!file) return null;
  if (file.size > MAX_ROSTER_FILE_BYTES) {
    showMessage(`名册文件不能超过 ${MAX_ROSTER_FILE_TEXT}，请删去无关的工作表或列后重试`);
    return null;
  }
  if (config.transport === 'cloud') {
    wx.showLoading({ title: '正在上传名册', mask: true });
    try {
      const stored = await uploadFile(file.path, file.name, { size: file.size });
      wx.showLoading({ title: '正在检查名册', mask: true });
      return { fileName: file.name, fileId: stored.fileId };
    } catch (err) {
      wx.hideLoading();
      showMessage(fileMessageOf(err, '名册上传失败，请检查网络后重试') || '已取消上传');
      return null;
    }
  }
  wx.showLoading({ title: '正在检查名册', mask: true });
  try {
    return { fileName: file.name, contentBase64: await readBase64(file.path) };
  } catch {
    wx.hideLoading();
    showMessage('无法读取所选文件，请重新选择');
    return null;
  }
}

type RosterFileInput = { fileName: string } & (
  { fileId: string; contentBase64?: never } | { contentBase64: string; fileId?: never }
);

/** Tells the office the import is done, with what it changed. */
export function showImported(result: RosterImportResult): void {
  showMessage(`导入完成：新增 ${result.created} 人，更新 ${result.updated} 人。`, '导入完成');
}

export async function importRosterFile(): Promise<ImportOutcome> {
  const input = await chosenContent();
  if (!input) return { kind: 'stopped' };
  try {
    const preview = await api.members.importRoster({ ...input, dryRun: true });
    wx.hideLoading();
    const confirmed = await wx.showModal({
      title: '确认导入',
      content: previewText(preview),
      confirmText: '导入',
      cancelText: '取消',
    });
    if (!confirmed.confirm) return { kind: 'stopped' };
    wx.showLoading({ title: '正在导入', mask: true });
    const result = await api.members.importRoster({ ...input, dryRun: false });
    wx.hideLoading();
    if (result.job?.status !== 'running') showImported(result);
    return { kind: 'imported', job: result.job };
  } catch (err) {
    wx.hideLoading();
    showError(err);
    if (!isApiCallError(err) || err.code !== 'ROSTER.INVALID_ROWS') return { kind: 'stopped' };
    const rows = rowErrorsOf(err.details);
    return { kind: 'invalid', rows: rows.slice(0, MAX_LISTED_ROW_ERRORS), count: rows.length };
  }
}
