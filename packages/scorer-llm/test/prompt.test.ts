import { describe, expect, it } from 'vitest';
import { buildScoringPrompt, calibrationExamples } from '../src/index.js';

describe('buildScoringPrompt', () => {
  it('holds the calibration examples, the answer format, the topic, the source and the text', () => {
    const [system, user] = buildScoringPrompt('Собрание жильцов в 19:00', {
      topic: 'ЖКХ',
      source: 'Дом 5',
    });
    expect(calibrationExamples.map((e) => [e.text, e.score])).toEqual([
      ['СРОЧНО: собрание', 0.9],
      ['Встреча в 15:00', 0.7],
      ['Продам гараж', 0.2],
    ]);
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('«СРОЧНО: собрание» → 0.9');
    expect(system?.content).toContain('«Встреча в 15:00» → 0.7');
    expect(system?.content).toContain('«Продам гараж» → 0.2');
    expect(system?.content).toContain('{"score": <число от 0 до 1>, "reason"');
    expect(user).toEqual({
      role: 'user',
      content: 'Тема ленты: ЖКХ\nИсточник: Дом 5\nСообщение:\n<<<\nСобрание жильцов в 19:00\n>>>',
    });
  });

  it('has an English version with the same anchors', () => {
    const [system, user] = buildScoringPrompt('Meeting at 3 pm', {}, { language: 'en' });
    expect(system?.content).toContain('«СРОЧНО: собрание» -> 0.9');
    expect(system?.content).toContain('JSON object ONLY');
    expect(user?.content).toBe(
      'Feed topic: not given\nSource: not given\nMessage:\n<<<\nMeeting at 3 pm\n>>>',
    );
  });

  it('cuts long texts to bound the tokens spent', () => {
    const [, user] = buildScoringPrompt('а'.repeat(50), {}, { maxTextChars: 10 });
    expect(user?.content).toContain(`<<<\n${'а'.repeat(10)} […обрезано]\n>>>`);
  });
});
