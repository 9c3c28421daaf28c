import crypto from 'node:crypto';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { deflate, deflatedZeros, rawZip } from '../test/zip.fixture';
import { checkZip, listZip, XmlScanner, ZipGuardError, type ZipLimits } from './zip-guard';

const LIMITS: ZipLimits = { maxEntries: 100, maxEntryBytes: 50 * 1024 * 1024, maxTotalBytes: 50 * 1024 * 1024, nested: 'refuse' };

async function refusal(p: Promise<unknown>): Promise<ZipGuardError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ZipGuardError);
  return e as ZipGuardError;
}

describe('the zip guard', () => {
  it('lists and inflates an honest zip, counting the real bytes', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'x'.repeat(100_000));
    zip.file('dir/b.xml', '<b/>', { compression: 'STORE' });
    const buf = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const seen: Record<string, number> = {};
    const r = await checkZip(buf, LIMITS, (e) => (c) => (seen[e.name] = (seen[e.name] ?? 0) + c.length));
    expect(r.entries.map((e) => [e.name, e.method])).toEqual([
      ['a.txt', 8],
      ['dir/', 0],
      ['dir/b.xml', 0],
    ]);
    expect(r.totalBytes).toBe(100_004);
    expect(seen).toEqual({ 'a.txt': 100_000, 'dir/b.xml': 4 });
    expect(r.nested).toEqual([]);
  });

  it('stops a bomb whose headers lie (declared 1 KB, actually 1 GB of zeros in ~1 MB) at the limit, quickly and in bounded memory', async () => {
    const bomb = rawZip([{ name: 'xl/worksheets/sheet1.xml', data: deflatedZeros(1024), method: 8, declaredSize: 1024 }]);
    expect(bomb.length).toBeLessThan(1.1 * 1024 * 1024);
    expect(listZip(bomb, 10)[0].declaredSize).toBe(1024);
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    const e = await refusal(checkZip(bomb, LIMITS));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(200 * 1024 * 1024);
    expect(e.kind).toBe('too_large');
    expect(e.message).toBe('中的「xl/worksheets/sheet1.xml」解压后超过上限50 MB（按实际解压出的内容计算）');
  });

  it('refuses a name that climbs out of its folder or starts at the root ("zip slip"); a dotted name is fine', async () => {
    for (const name of ['../../etc/evil.txt', 'a/../../b.txt', '/etc/passwd', '..\\win.ini', 'C:\\x.txt']) {
      const e = await refusal(checkZip(rawZip([{ name, data: Buffer.from('x') }]), LIMITS));
      expect([e.kind, e.message]).toEqual(['content', expect.stringContaining('路径不安全')]);
    }
    const ok = await checkZip(rawZip([{ name: '附件..说明.txt', data: Buffer.from('x') }, { name: 'a/..b/c.txt', data: Buffer.from('y') }]), LIMITS);
    expect(ok.entries.map((e) => e.name)).toEqual(['附件..说明.txt', 'a/..b/c.txt']);
  });

  it('counts the total over all entries, not only each one', async () => {
    const ten = deflatedZeros(10);
    const zip = rawZip(Array.from({ length: 6 }, (_, i) => ({ name: `p${i}.xml`, data: ten, method: 8 as const, declaredSize: 1 })));
    const e = await refusal(checkZip(zip, LIMITS));
    expect(e.message).toBe('解压后超过上限50 MB（按实际解压出的内容计算）');
    // five of them (50 MB) are exactly at the limit, and pass
    const five = rawZip(Array.from({ length: 5 }, (_, i) => ({ name: `p${i}.xml`, data: ten, method: 8 as const, declaredSize: 1 })));
    expect((await checkZip(five, LIMITS)).totalBytes).toBe(50 * 1024 * 1024);
  });

  it('refuses entries that overlap (one kernel inflated many times), too many entries, encryption, other methods, truncation', async () => {
    const kernel = deflatedZeros(1);
    const overlap = rawZip([{ name: 'a', data: kernel, method: 8 }, { name: 'b', data: kernel, method: 8, headerOf: 0 }]);
    expect((await refusal(checkZip(overlap, LIMITS))).message).toBe('结构异常（「a」与「b」相互重叠），文件可能是恶意构造的压缩包');

    const many = rawZip(Array.from({ length: 101 }, (_, i) => ({ name: `f${i}`, data: Buffer.from('x') })));
    expect((await refusal(checkZip(many, LIMITS))).message).toBe('内含101个文件，超过上限100个');

    const enc = rawZip([{ name: 'secret.xml', data: Buffer.from('x'), flags: 1 }]);
    expect((await refusal(checkZip(enc, LIMITS))).message).toBe('内含加密的文件「secret.xml」，平台无法检查；请去掉密码后重新上传');

    const bzip = rawZip([{ name: 'a.xml', data: Buffer.from('x'), method: 12 as 0 }]);
    expect((await refusal(checkZip(bzip, LIMITS))).kind).toBe('unsupported');

    const good = rawZip([{ name: 'a.xml', data: deflate('<a/>'.repeat(1000)), method: 8 }]);
    expect((await refusal(checkZip(good.subarray(0, good.length - 30), LIMITS))).kind).toBe('corrupt');
    // the compressed bytes themselves broken
    const broken = Buffer.from(good);
    broken.fill(0xff, 40, 60);
    expect((await refusal(checkZip(broken, LIMITS))).message).toBe('已损坏（压缩数据无法解压），请重新保存后上传');
    expect((await refusal(checkZip(Buffer.from('not a zip at all, just text'), LIMITS))).kind).toBe('not_zip');
  });

  it('refuses a zip inside the zip, or only counts it, never expanding it', async () => {
    const inner = rawZip([{ name: 'bomb.xml', data: deflatedZeros(1024), method: 8, declaredSize: 10 }]);
    // found by name, and by content under an innocent name
    for (const name of ['xl/embeddings/inner.zip', 'xl/media/image1.png']) {
      const outer = rawZip([{ name, data: deflate(inner), method: 8, declaredSize: inner.length }]);
      const e = await refusal(checkZip(outer, LIMITS));
      expect(e.kind).toBe('nested');
      expect(e.message).toBe(`内嵌了压缩文件「${name}」，平台不接受压缩包里再套压缩包；请删除其中嵌入的文件或对象后重新保存`);
    }
    const outer = rawZip([{ name: 'word/embeddings/chart.xlsx', data: deflate(inner), method: 8 }]);
    const counted = await checkZip(outer, { ...LIMITS, nested: 'count', maxNested: 1 });
    expect(counted.nested).toEqual(['word/embeddings/chart.xlsx']);
    expect(counted.totalBytes).toBe(inner.length); // the inner bomb's 1 GB never inflated
    const two = rawZip([
      { name: 'a.zip', data: inner },
      { name: 'b.zip', data: inner },
    ]);
    expect((await refusal(checkZip(two, { ...LIMITS, nested: 'count', maxNested: 1 }))).message).toBe('内嵌的压缩文件超过1个，平台不接受多层压缩包；请解压后分别上传');
  });
});

describe('opening the zips inside (openNested)', () => {
  const OPEN: ZipLimits = { ...LIMITS, nested: 'count', maxNested: 10, openNested: { depth: 2, maxBytes: 1024 * 1024 } };
  const zipOf = (entries: Record<string, Buffer>) => rawZip(Object.entries(entries).map(([name, data]) => ({ name, data: deflate(data), method: 8, declaredSize: data.length })));
  const names = async (buf: Buffer, limits = OPEN) => {
    const seen: string[] = [];
    const r = await checkZip(buf, limits, (e) => {
      seen.push(e.name);
      return undefined;
    });
    return { seen, r };
  };

  it('shows the visitor the entries of a zip in the zip, and of a zip in that, named under their zip', async () => {
    const deepest = zipOf({ 'setup.exe': Buffer.from('MZ') });
    const middle = zipOf({ '说明.txt': Buffer.from('说明'), 'b.zip': deepest });
    const outer = zipOf({ '通报.pdf': Buffer.from('%PDF-1.4'), 'a.zip': middle });
    const { seen, r } = await names(outer);
    expect(seen).toEqual(['通报.pdf', 'a.zip', 'a.zip/说明.txt', 'a.zip/b.zip', 'a.zip/b.zip/setup.exe']);
    // the report's entries stay the uploaded file's own (its kind is judged by them); the archives are counted at every level
    expect(r.entries.map((e) => e.name)).toEqual(['通报.pdf', 'a.zip']);
    expect(r.nested).toEqual(['a.zip', 'a.zip/b.zip']);
    expect(r.totalBytes).toBe(8 + middle.length + 6 + deepest.length + 2);
    // without openNested nothing inside is shown, as before
    expect((await names(outer, { ...OPEN, openNested: undefined })).seen).toEqual(['通报.pdf', 'a.zip']);
  });

  it('a bomb inside counts against the same budget; deeper than allowed, larger than allowed or broken inside is refused, saying where', async () => {
    const bomb = rawZip([{ name: 'zeros.bin', data: deflatedZeros(64), method: 8, declaredSize: 10 }]);
    const e = await refusal(checkZip(zipOf({ 'a.zip': bomb }), OPEN));
    expect([e.kind, e.message]).toEqual(['too_large', '解压后超过上限50 MB（按实际解压出的内容计算）']);
    const level3 = zipOf({ 'a.zip': zipOf({ 'b.zip': zipOf({ 'c.zip': zipOf({ 'x.txt': Buffer.from('x') }) }) }) });
    const deep = await refusal(checkZip(level3, OPEN));
    expect([deep.kind, deep.message]).toEqual(['nested', '中的「a.zip/b.zip/c.zip」是第4层压缩包（压缩包里套压缩包超过3层），平台无法检查其中的文件；请解压后分别上传']);
    const big = zipOf({ 'big.zip': rawZip([{ name: 'noise.bin', data: crypto.randomBytes(1024 * 1024 + 1) }]) });
    expect((await refusal(checkZip(big, OPEN))).message).toBe('中的压缩包「big.zip」超过1 MB，平台无法检查其中的文件；请解压后分别上传');
    const broken = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(100, 7)]);
    const once = await refusal(checkZip(zipOf({ 'a.zip': broken }), OPEN));
    expect([once.kind, once.message]).toEqual(['corrupt', '中的「a.zip」已损坏或不完整（找不到 ZIP 目录）']);
    // told once, from where it is, not once per level above it
    const twice = await refusal(checkZip(zipOf({ 'a.zip': zipOf({ 'b.zip': broken }) }), OPEN));
    expect(twice.message).toBe('中的「a.zip/b.zip」已损坏或不完整（找不到 ZIP 目录）');
  });
});

describe('the XML scanner', () => {
  const scan = (xml: string, maxDepth = 100, pieces = 7) => {
    const opened: string[] = [];
    const closed: string[] = [];
    const s = new XmlScanner('x.xml', { maxDepth }, (n) => opened.push(n), (n) => closed.push(n));
    const b = Buffer.from(xml);
    for (let i = 0; i < b.length; i += pieces) s.write(b.subarray(i, i + pieces)); // names and comments split across pieces
    return { opened, closed };
  };

  it('follows elements through attributes, comments, CDATA and processing instructions', () => {
    const r = scan('<?xml version="1.0"?><x:row r="1" t=\'a>b\'><c/><!-- <no> --><v><![CDATA[<not>]]></v></x:row >');
    expect(r.opened).toEqual(['row', 'c', 'v']);
    expect(r.closed).toEqual(['c', 'v', 'row']);
  });

  it('refuses nesting deeper than the limit, and DOCTYPE', () => {
    expect(() => scan('<a>'.repeat(100) + '</a>'.repeat(100))).not.toThrow();
    expect(() => scan('<a>'.repeat(101))).toThrow('中的「x.xml」嵌套层级超过100层，结构异常，无法解析');
    // siblings do not add up
    expect(() => scan('<r>' + '<a><b/></a>'.repeat(1000) + '</r>', 3)).not.toThrow();
    expect(() => scan('<!DOCTYPE lol [<!ENTITY a "aaaa">]><r>&a;</r>')).toThrow('含有 DOCTYPE 或实体声明');
  });
});
