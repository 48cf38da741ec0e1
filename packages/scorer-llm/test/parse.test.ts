import { describe, expect, it } from 'vitest';
import { isLlmScorerError, parseScoreAnswer } from '../src/index.js';

const kindOf = (raw: string | null) => {
  try {
    parseScoreAnswer(raw);
    return 'ok';
  } catch (error) {
    return isLlmScorerError(error) ? error.kind : 'other';
  }
};

describe('parseScoreAnswer', () => {
  it('reads strict JSON, bare or in one ```json fence', () => {
    expect(parseScoreAnswer('{"score": 0.9, "reason": "срочно"}')).toEqual({
      score: 0.9,
      reason: 'срочно',
    });
    expect(parseScoreAnswer('  ```json\n{"score": 0, "reason": "шум"}\n```  ')).toEqual({
      score: 0,
      reason: 'шум',
    });
    expect(parseScoreAnswer('```\n{"score": 1, "reason": "x"}\n```')).toMatchObject({ score: 1 });
    expect(parseScoreAnswer('```JSON\n{"score": 0.5, "reason": "x"}```')).toMatchObject({
      score: 0.5,
    });
  });

  it('reads the model’s own injection judgement when it gives one', () => {
    expect(parseScoreAnswer('{"score": 0.1, "reason": "манипуляция", "injection": true}')).toEqual({
      score: 0.1,
      reason: 'манипуляция',
      injection: true,
    });
    expect(parseScoreAnswer('{"score": 0.9, "reason": "срочно", "injection": false}')).toEqual({
      score: 0.9,
      reason: 'срочно',
      injection: false,
    });
    expect(kindOf('{"score": 0.9, "reason": "срочно", "injection": "yes"}')).toBe('invalid_answer');
  });

  it('drops extra fields and trims the reason', () => {
    expect(parseScoreAnswer('{"score": 0.4, "reason": "  так себе  ", "extra": 1}')).toEqual({
      score: 0.4,
      reason: 'так себе',
    });
  });

  it.each([
    [null, 'empty_answer'],
    ['', 'empty_answer'],
    ['```json\n```', 'not_json'],
    ['Оценка: 0.9', 'not_json'],
    ['Вот ответ: ```json\n{"score": 0.9, "reason": "x"}\n```', 'not_json'],
    ['{"score": 0.9, "reason": "x"}\nГотово.', 'not_json'],
    ['{"score": 0.9, "reason": "x"', 'not_json'],
    ['0.9', 'invalid_answer'],
    ['[{"score": 0.9, "reason": "x"}]', 'invalid_answer'],
    ['{"score": 1.5, "reason": "x"}', 'invalid_answer'],
    ['{"score": -0.1, "reason": "x"}', 'invalid_answer'],
    ['{"score": null, "reason": "x"}', 'invalid_answer'],
    ['{"score": 0.5, "reason": ""}', 'invalid_answer'],
    ['{"reason": "x"}', 'invalid_answer'],
    ['{"score": 0.5, "reason": 7}', 'invalid_answer'],
  ])('rejects %j (%s)', (raw, kind) => {
    expect(kindOf(raw)).toBe(kind);
  });

  it('says what is wrong, with an excerpt', () => {
    expect(() => parseScoreAnswer('{"score": 2, "reason": "x"}', 'gigachat')).toThrow(
      /^\[anonboard\] \[scorer\] the model's JSON is not \{ score: 0\.\.1, reason \} \(score: .+\): "\{"score": 2, "reason": "x"\}"$/,
    );
  });

  it('cuts a very long reason', () => {
    const { reason } = parseScoreAnswer(JSON.stringify({ score: 0.5, reason: 'а'.repeat(2000) }));
    expect(reason.length).toBe(500);
  });
});
