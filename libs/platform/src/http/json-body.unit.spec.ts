import { ProblemException } from '../problem-details/problem-details';
import { assertJsonDepth, assertUtf8ContentType, cleanParsedBody, decodeUtf8 } from './json-body';
import { textProblem } from './clean-text';

const problemOf = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    if (error instanceof ProblemException) return error.problem;
    throw error;
  }
  throw new Error('expected a problem');
};

describe('the JSON body rules', () => {
  describe('nesting', () => {
    it('counts brackets outside strings only, escaped quotes included', () => {
      expect(() => assertJsonDepth('{"a":"[[[[\\"[[[["}', 2)).not.toThrow();
      expect(() => assertJsonDepth('[[1]]', 2)).not.toThrow();
      expect(problemOf(() => assertJsonDepth('[[[1]]]', 2))).toMatchObject({
        status: 400,
        errors: [{ field: 'body' }],
      });
    });

    it('checks a million levels without recursion', () => {
      expect(() => assertJsonDepth('['.repeat(1_000_000) + ']'.repeat(1_000_000))).toThrow(ProblemException);
    });
  });

  describe('encoding', () => {
    it('refuses bytes that are not UTF-8 instead of replacing them', () => {
      expect(decodeUtf8(Buffer.from('"格力"', 'utf8'))).toBe('"格力"');
      expect(problemOf(() => decodeUtf8(Buffer.from([0x22, 0xc3, 0x28, 0x22])))).toMatchObject({ status: 400 });
    });

    it('reads UTF-8 and no charset, refuses any other charset with 415', () => {
      for (const type of ['application/json', 'application/json; charset=UTF-8', 'application/json;charset="utf8"'])
        expect(() => assertUtf8ContentType(type)).not.toThrow();
      expect(problemOf(() => assertUtf8ContentType('application/json; charset=utf-16'))).toMatchObject({ status: 415 });
    });
  });

  describe('text', () => {
    it('keeps ordinary Unicode, tabs and line breaks', () => {
      for (const text of ['格力电器', 'Café', '😀', 'a\tb\nc\r\n', 'mark\u200fhere'])
        expect(textProblem(text)).toBeUndefined();
    });

    it.each([
      ['NUL', '\u0000'],
      ['ESC', '\u001b'],
      ['DEL', '\u007f'],
      ['C1', '\u009b'],
      ['RLO', '\u202e'],
      ['PDI', '\u2069'],
      ['high surrogate at the end', 'a\ud83d'],
      ['low surrogate alone', '\ude00a'],
    ])('refuses %s', (_name, text) => {
      expect(textProblem(text)).toMatch(/must not contain/);
    });

    it('names every bad string by its path and normalises the others to NFC in place', () => {
      const body = {
        name: 'Cafe\u0301',
        introducers: [{ unit: 'ok' }, { unit: 'x\u0000' }],
        nested: { deep: ['\u202e'] },
      };
      expect(problemOf(() => cleanParsedBody(body)).errors).toEqual([
        { field: 'introducers[1].unit', message: expect.stringMatching(/control character, U\+0000/) },
        { field: 'nested.deep[0]', message: expect.stringMatching(/bidirectional override, U\+202E/) },
      ]);
      const clean = { name: 'Cafe\u0301', list: ['e\u0301'] };
      expect(cleanParsedBody(clean)).toEqual({ name: 'Caf\u00e9', list: ['\u00e9'] });
    });

    it('refuses a bad field name', () => {
      expect(problemOf(() => cleanParsedBody({ 'na\u0000me': 'x' })).errors).toEqual([
        { field: 'na\u0000me', message: expect.stringMatching(/^field name must not contain/) },
      ]);
    });
  });
});
