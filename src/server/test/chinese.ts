/** Whether an error message is Chinese: it has CJK text and no untranslated English sentence or Fastify code. */
const CJK = /[\u3400-\u9fff\uff00-\uffef]/;
/** three English words in a row, or a Fastify error code: a message nobody translated */
const ENGLISH = /FST_|\b[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}\b/;

export const isChineseMessage = (m: unknown): boolean => typeof m === 'string' && CJK.test(m) && !ENGLISH.test(m);
