import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { framework } from '../../../shared/scoring/framework-schema';
import { REPO_ROOT } from '../../seed/seed';
import { annex4Layout } from '../excel/scheme-annex4';
import { schemeAnnex4Docx } from './scheme-annex4';

describe('Annex 4 as a Word document', () => {
  it('unzips to a document with the title, the table text and cells merged down', async () => {
    const fw = framework.parse(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/hunan-assessment-2022.json'), 'utf8')));
    const layout = annex4Layout(fw, new Map([['samr', '省市场监督管理局']]), { versionNo: 1, status: 'draft', publishedAt: null });
    const zip = await JSZip.loadAsync(await schemeAnnex4Docx(layout));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text.startsWith('附件 42022 年度湖南省政府质量工作考核要点草案 第 1 版（未发布）考核领域考核内容考核要点评价部门宏观质量 (19.5 分)1. 实施质量强省战略')).toBe(true);
    expect(text).toContain('建立“首席质量官”制度，开展质量管理培训与咨询服务。(0.5 分)省市场监督管理局');
    expect(text).toContain('23. 发生重大质量安全事故');
    // 28 data rows + header
    expect(xml.match(/<w:tr[ >]/g)).toHaveLength(29);
    // domains D1..D5 and items 2, 7, 20 are merged down: restart cells for each
    expect(xml.match(/<w:vMerge w:val="restart"\/>/g)!.length).toBe(5 + 3);
    expect(xml).toContain('w:orient="landscape"');
  });
});
