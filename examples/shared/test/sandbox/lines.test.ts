import { describe, expect, it } from 'vitest';
import { buttonNumber, readSandboxLine } from '../../src/sandbox/lines.js';

describe('readSandboxLine', () => {
  it('knows the sandbox words', () => {
    expect(readSandboxLine(' help ')).toEqual({ kind: 'help' });
    expect(readSandboxLine('?')).toEqual({ kind: 'help' });
    expect(readSandboxLine('exit')).toEqual({ kind: 'quit' });
    expect(readSandboxLine('demo')).toEqual({ kind: 'demo' });
  });

  it('takes `name: text` and `name verb arg` apart, names lower-cased', () => {
    expect(readSandboxLine('Bob: /newad Гараж\\nКирпичный')).toEqual({
      kind: 'says',
      name: 'bob',
      text: '/newad Гараж\nКирпичный',
    });
    expect(readSandboxLine('alice  reply   Хорошо,  договорились')).toEqual({
      kind: 'does',
      name: 'alice',
      verb: 'reply',
      arg: 'Хорошо, договорились',
    });
    expect(readSandboxLine('')).toEqual({ kind: 'does', name: '', verb: '', arg: '' });
  });
});

describe('buttonNumber', () => {
  it('counts from 1, and 1 when left out', () => {
    expect(buttonNumber('')).toBe(1);
    expect(buttonNumber('3')).toBe(3);
    for (const bad of ['0', '-1', '1.5', 'two']) expect(buttonNumber(bad)).toBeUndefined();
  });
});
