/**
 * The framework cache (framework-cache.ts) holds at most 64 texts, least recently used out first: a server that has
 * read many drafts does not keep every one of them, and an entry read again stays while older ones go.
 */
import { describe, expect, it } from 'vitest';
import { MINI_INPUT } from '../../../shared/scoring/test/fixtures';
import { frameworkCacheSize, frameworkOf } from './framework-cache';

describe('the framework cache', () => {
  // the same framework under 70 different texts (a draft saved again and again): each its own entry
  const texts = Array.from({ length: 70 }, (_, i) => JSON.stringify({ ...MINI_INPUT, title: `${MINI_INPUT.title}（第${i}稿）` }));

  it('keeps at most 64 frameworks, dropping the least recently used', () => {
    // (whatever an earlier test file in this worker left in the cache is older than these 64, and goes first)
    const first = frameworkOf(texts[0]!);
    const second = frameworkOf(texts[1]!);
    for (let i = 2; i < 64; i++) frameworkOf(texts[i]!);
    expect(frameworkCacheSize()).toBe(64);
    // the first read again: it is the most recently used now, and the second is the oldest
    expect(frameworkOf(texts[0]!)).toBe(first);
    frameworkOf(texts[64]!);
    expect(frameworkCacheSize()).toBe(64);
    // the first stayed (the same object); the second went and is parsed afresh (a new object, the same content)
    expect(frameworkOf(texts[0]!)).toBe(first);
    const again = frameworkOf(texts[1]!);
    expect(again).not.toBe(second);
    expect(again).toEqual(second);
    // reading the second back pushed out the next oldest (the third text), never growing past the bound
    expect(frameworkCacheSize()).toBe(64);
    for (let i = 65; i < 70; i++) frameworkOf(texts[i]!);
    expect(frameworkCacheSize()).toBe(64);
    expect(frameworkOf(texts[0]!)).toBe(first);
  });
});
