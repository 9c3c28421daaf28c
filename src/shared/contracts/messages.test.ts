/**
 * zod's issues in plain Chinese (common.ts): what a form and a 400 say for the common mistakes, instead of the
 * locale's program-speak ("数值过小：期望 string >=4 字符"); a contract's own message still wins.
 */
import { describe, expect, it } from 'vitest';
import { CONTROL_CHARS_MESSAGE, text, versionOf, z } from './common';

const first = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  return r.success ? null : r.error.issues[0]!.message;
};

describe('plain Chinese zod messages', () => {
  it('lengths, sizes and ranges', () => {
    expect(first(text().min(4), 'ab')).toBe('至少4个字');
    expect(first(text().trim().min(1), '   ')).toBe('不能为空');
    expect(first(text().max(30), 'x'.repeat(31))).toBe('不超过30个字');
    expect(first(z.array(z.string()).min(1), [])).toBe('至少1项');
    expect(first(z.array(z.string()).max(2), ['a', 'b', 'c'])).toBe('最多2项');
    expect(first(z.number().min(0), -5)).toBe('不能小于0');
    expect(first(z.number().positive(), 0)).toBe('须大于0');
    expect(first(z.number().max(100), 150)).toBe('不能大于100');
  });
  it('types and unions', () => {
    expect(first(z.number(), 'abc')).toBe('须为数字');
    expect(first(z.object({ a: z.string() }), {})).toBe('必填');
    expect(first(z.string(), 3)).toBe('须为文字');
    expect(first(z.union([z.number(), z.object({ value: z.number() })]), { zzz: 1 })).toBe('格式不正确，请按说明填写');
  });
  it('a contract\'s own message wins; a version of the wrong kind is not a missing one', () => {
    expect(first(text().min(4, { error: '标题至少4个字' }), 'ab')).toBe('标题至少4个字');
    expect(first(versionOf(), undefined)).toBe('缺少版本号（用于检测并发修改）');
    // a field's message says what is missing, not that it is too long: over its limit a text is told the limit
    const finding = text({ error: '请填写发现的问题' }).trim().min(5, { error: '问题描述至少5个字' }).max(2000);
    expect([first(finding, undefined), first(finding, 3), first(finding, '问题'), first(finding, '问'.repeat(2001))]).toEqual(['请填写发现的问题', '请填写发现的问题', '问题描述至少5个字', '不超过2000个字']);
    expect(first(text('请填写').max(3), '四个字了')).toBe('不超过3个字');
    expect(first(text({ error: '请填写' }).max(3, { error: '标题最多3字' }), '四个字了')).toBe('标题最多3字');
    expect(first(versionOf(), '2')).toBe('版本号须为整数（数字，不带引号）');
  });
});

describe('text() refuses characters that break storage or disguise what a name says', () => {
  it('NUL and the bidirectional overrides', () => {
    for (const bad of ['甲\u0000乙', '岳阳导入\u202E程工号一', '\u2066名称\u2069']) expect(first(text(), bad)).toBe(CONTROL_CHARS_MESSAGE);
    expect(first(text(), '第一行\n第二行\t（制表）')).toBeNull();
  });

  it('the invisible direction marks (LRM, RLM, ALM), every embedding, override and isolate, the C1 controls, and U+FFFE/U+FFFF (no XML may hold them)', () => {
    const marks = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u0080', '\u0085', '\u009b', '\u009f', '\ufffe', '\uffff'];
    for (const m of marks) expect(first(text(), `岳阳${m}市质强办`), `U+${m.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).toBe(CONTROL_CHARS_MESSAGE);
    // what people write stays: Chinese, English, digits, full-width signs, emoji (joined, flags, skin tones, variation selectors), line breaks
    // a lone surrogate, high or low, wherever it stands (no UTF-8 holds it: stored, it came back as U+FFFD)
    for (const bad of ['测试\ud800单位', '测试\udc00', '\udfff单位', '\ud83d', '👍\ud83d', '\ude00👍']) expect(first(text(), bad), JSON.stringify(bad)).toBe(CONTROL_CHARS_MESSAGE);
    // the zero-width characters a paste brings along unseen (长沙\u200b市 reads as 长沙市); the joiner U+200D stays (emoji)
    for (const m of ['\u200b', '\u200c', '\u2060', '\u2061', '\u2064', '\ufeff']) expect(first(text(), `长沙${m}市`), `U+${m.codePointAt(0)!.toString(16).toUpperCase()}`).toBe(CONTROL_CHARS_MESSAGE);
    expect(CONTROL_CHARS_MESSAGE).toBe('含有不允许的控制字符或不可见字符（如 NUL、文字方向控制符、零宽空格），请删除后重试');
    for (const ok of ['湖南省质量强省2026年工作要点', 'ISO 9001:2015 认证', '第一行\r\n第二行\t（完）', '完成👍🏽 👨‍👩‍👧 🇨🇳 ❤️', 'café — naïve «引号» ¥100', 'عربي and עברית names']) expect(first(text(), ok), ok).toBeNull();
  });
});
