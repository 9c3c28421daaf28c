import fs from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { framework } from '../../../shared/scoring/framework-schema';
import { REPO_ROOT } from '../../config';
import { annex4Layout } from '../excel/scheme-annex4';
import { schemeAnnex4Docx } from './scheme-annex4';

describe('Annex 4 as a Word document', () => {
  it('unzips to a landscape document: one table a domain, its title band repeated, items merged down, page numbers', async () => {
    const fw = framework.parse(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'frameworks/hunan-assessment-2022.json'), 'utf8')));
    const layout = annex4Layout(fw, new Map([['samr', '省市场监督管理局']]), { versionNo: 1, status: 'draft', publishedAt: null });
    const zip = await JSZip.loadAsync(await schemeAnnex4Docx(layout));
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text.startsWith('附件42022 年度湖南省政府质量工作考核要点草案第1版（未发布）考核内容考核要点评价部门宏观质量 (19.5分)1. 实施质量强省战略')).toBe(true);
    expect(text).toContain('建立“首席质量官”制度，开展质量管理培训与咨询服务。(0.5分)省市场监督管理局');
    expect(text).toContain('23. 发生重大质量安全事故');
    // 5 domains + 加分项, 减分项, 否决项: 8 tables, each with two repeated header rows (titles, domain band)
    expect(xml.match(/<w:tbl>/g)).toHaveLength(8);
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(16);
    expect(xml.match(/<w:tr[ >]/g)).toHaveLength(28 + 16);
    // items 2, 7, 20 are merged down
    expect(xml.match(/<w:vMerge w:val="restart"\/>/g)!.length).toBe(3);
    expect(xml).toContain('w:orient="landscape"');
    const settings = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('<w:evenAndOddHeaders/>');
    const footers = await Promise.all(Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    expect(footers.filter((f) => f.includes('PAGE') && f.replace(/<[^>]+>/g, '').includes('— '))).toHaveLength(2);
  });
});
