/**
 * exceljs, loaded on first use: it is the heaviest module of the server (seconds to load on a busy machine)
 * and only the workbook downloads and uploads need it, so a (re)start does not wait for it.
 */
import type ExcelJSModule from 'exceljs';

let loaded: Promise<typeof ExcelJSModule> | undefined;
export const loadExcelJS = (): Promise<typeof ExcelJSModule> => (loaded ??= import('exceljs').then((m) => m.default));
