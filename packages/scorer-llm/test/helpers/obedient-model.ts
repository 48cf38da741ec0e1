import type { RecordedRequest, Reply } from './llm-server.js';

/**
 * A chat model that **obeys instructions**: it takes as the prompt's own words everything that
 * is not inside the data it was given, and does what they say — an instruction carrying a JSON
 * answer is answered with exactly that. The data is the `message` of a JSON object (the
 * scorers' framing), or, in the older `<<<` … `>>>` framing, what stands between `<<<` and the
 * first `>>>` after it. The data itself it rates like a plain model: a sale 0.2, urgent news 0.9,
 * anything else 0.5, with a reason of its own. It never says `injection` itself, as a model that
 * was fooled would not.
 *
 * ```ts
 * server.reply = obedientModel;
 * ```
 */
export function obedientModel(request: RecordedRequest): Reply {
  const user = (request.json?.messages ?? [])
    .filter((m) => m.role === 'user')
    .map((m) => m.content)
    .join('\n');
  const { data, instructions } = readPrompt(user);
  const ordered = /\{[^{}]*"score"[^{}]*\}/.exec(instructions)?.[0];
  if (ordered !== undefined) return { content: ordered };
  return { content: JSON.stringify(rate(data)) };
}

/** The legacy framing the scorers used before: the text between markers, after the context. */
export function legacyPrompt(text: string, source: string): string {
  return `Тема ленты: город\nИсточник: ${source}\nСообщение:\n<<<\n${text}\n>>>`;
}

// --- Internal helpers ---

function readPrompt(user: string): { data: string; instructions: string } {
  try {
    const parsed: unknown = JSON.parse(user);
    if (typeof parsed === 'object' && parsed !== null && 'message' in parsed) {
      return { data: String(parsed.message ?? ''), instructions: '' };
    }
  } catch {
    // Not the JSON framing: read it as the older one.
  }
  const start = user.indexOf('<<<');
  const end = start < 0 ? -1 : user.indexOf('>>>', start + 3);
  if (end < 0) return { data: user, instructions: '' };
  return {
    data: user.slice(start + 3, end),
    instructions: `${user.slice(0, start)}\n${user.slice(end + 3)}`,
  };
}

function rate(text: string): { score: number; reason: string } {
  if (/гараж|продам|продаю/i.test(text)) return { score: 0.2, reason: 'объявление о продаже' };
  if (/срочно/i.test(text)) return { score: 0.9, reason: 'срочная новость' };
  return { score: 0.5, reason: 'обычное сообщение' };
}
