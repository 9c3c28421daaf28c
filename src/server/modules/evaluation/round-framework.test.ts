/**
 * frameworkOfRound (evaluation.presenter.ts) reads a round's frozen score sheet through the frameworks module's cache
 * (framework-cache.ts): the same stored text is parsed and validated once and every later read shares that object;
 * a changed text (a draft edited, the framework file re-imported) is parsed afresh, never served stale.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, testDialects, type TestApp } from '../../test/helpers';
import { parseStoredFramework } from '../frameworks';
import { EVALUATION_FRAMEWORK_ID } from './evaluation.commands';
import { frameworkOfRound } from './evaluation.presenter';

describe.each(testDialects())('a round framework from its stored text, on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp(dialect);
  });
  afterAll(() => t.close());

  const stored = async () => {
    const row = await t.db.db.selectFrom('framework').select(['id', 'content_json']).where('id', '=', EVALUATION_FRAMEWORK_ID).executeTakeFirstOrThrow();
    return { framework_id: row.id, framework_json: row.content_json };
  };

  it('parses a text once: a second read (a new string from the database) shares the first one’s object', async () => {
    const a = await stored();
    const b = await stored();
    const first = frameworkOfRound(a);
    expect(frameworkOfRound(b)).toBe(first);
    expect(Object.isFrozen(first.sections[0]!.items[0])).toBe(true);
    // the peer tables' rank criteria read the framework row through the same cache
    expect(parseStoredFramework({ id: b.framework_id, content_json: b.framework_json })).toBe(first);
  });

  it('reads a changed text afresh', async () => {
    const a = await stored();
    const before = frameworkOfRound(a);
    const edited = { ...JSON.parse(a.framework_json), title: `${before.title}（修改）` };
    const after = frameworkOfRound({ ...a, framework_json: JSON.stringify(edited) });
    expect(after).not.toBe(before);
    expect(after.title).toBe(edited.title);
    expect(frameworkOfRound(a).title).toBe(before.title);
  });
});
