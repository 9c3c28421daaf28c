/** The name an uploaded file is kept under: no folders, no control or text-direction characters, its type checked. */
import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from './evidence.storage';

describe('sanitizeFileName', () => {
  it('drops folders, control characters and the bidirectional overrides that disguise a name', () => {
    expect(sanitizeFileName('C:\\fakepath\\现场照片.png')).toMatchObject({ name: '现场照片.png', ext: 'png' });
    expect(sanitizeFileName('../../etc/抽检报告.pdf').name).toBe('抽检报告.pdf');
    expect(sanitizeFileName('report\u202Efdp.pdf').name).toBe('reportfdp.pdf');
    expect(sanitizeFileName('通报\u2066\u0007.pdf').name).toBe('通报.pdf');
  });
  it('refuses a type outside the list in Chinese', () => {
    expect(() => sanitizeFileName('setup.exe')).toThrow(/不支持的文件类型 \.exe/);
  });
});
