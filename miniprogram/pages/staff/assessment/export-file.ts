import { api } from '../../../services/api';
import { exportFile } from '../../../utils/export-file';

export type ExportFormat = 'xlsx' | 'csv';

/** Exports the year's assessment, saves it on the phone and opens it (or offers to share it). */
export function exportAssessment(year: number, format: ExportFormat): Promise<void> {
  return exportFile(() => api.ledger.exportAssessment({ year, format }), {
    what: '考核结果',
    shareFailed: '无法发送该文件，请改用 Excel 格式导出',
  });
}
