/**
 * Input no database should be handed and no object should be built from: a NUL character (PostgreSQL refuses
 * it in text), a lone UTF-16 surrogate (no character at all: drivers and JSON encoders mangle it), and keys that
 * name JavaScript's object machinery (`constructor`, `prototype`, `__proto__`: Strapi's validators look
 * attributes up by key, and such a key reached a 500). Found anywhere in a request's body or query, they are
 * refused at the edge, before any code of ours or Strapi's sees them. Pure: no Strapi import, tested alone.
 */

export type InputPath = Array<string | number>;

export interface UnsafeInput {
  path: InputPath;
  problem: 'nul' | 'lone-surrogate' | 'reserved-key';
}

const RESERVED_KEYS = new Set(['constructor', 'prototype', '__proto__']);
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Deeper than any body or query of ours; beyond it the value is not walked (Strapi's own limits apply). */
const MAX_DEPTH = 32;

export const isReservedKey = (key: string) => RESERVED_KEYS.has(key);

export function textProblem(text: string): UnsafeInput['problem'] | null {
  if (text.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE.test(text)) return 'lone-surrogate';
  return null;
}

/** The first unsafe string or key in a parsed body or query, with its path; null when all is well. */
export function findUnsafeInput(value: unknown, path: InputPath = [], depth = 0): UnsafeInput | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return null;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      const found = findUnsafeInput(value[index], [...path, index], depth + 1);
      if (found) return found;
    }
    return null;
  }
  // Own keys only, __proto__ included: JSON.parse makes it an own property.
  for (const key of Object.keys(value)) {
    if (isReservedKey(key)) return { path: [...path, key], problem: 'reserved-key' };
    const keyProblem = textProblem(key);
    if (keyProblem) return { path: [...path, key], problem: keyProblem };
    const found = findUnsafeInput((value as Record<string, unknown>)[key], [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

const WORDS: Record<UnsafeInput['problem'], { it: string; en: string }> = {
  nul: { it: 'contiene il carattere NUL, che non è ammesso', en: 'contains the NUL character, which is not allowed' },
  'lone-surrogate': { it: 'contiene un carattere Unicode incompleto (surrogato isolato)', en: 'contains an incomplete Unicode character (a lone surrogate)' },
  'reserved-key': { it: 'è un nome riservato e non può essere usato come chiave', en: 'is a reserved name and cannot be used as a key' },
};

/** "title contiene … / title contains …": Italian first, as every message users read. */
export function describeUnsafeInput({ path, problem }: UnsafeInput): string {
  const where = path.length > 0 ? path.join('.') : 'the request';
  return `${where} ${WORDS[problem].it} / ${where} ${WORDS[problem].en}`;
}

/**
 * Mail and other text from outside that cannot be refused (nobody to answer a 400 to): NUL removed, lone
 * surrogates replaced by U+FFFD, as a decoder does with bytes it cannot read.
 */
export function cleanText(text: string): string {
  if (!textProblem(text)) return text;
  return text.replace(/\u0000/g, '').replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD');
}
