/**
 * The seed's flows as sandbox lines: a subscriber's keywords, a watched channel's post matching
 * them (the sandbox plays the userbot), the admin approving it, the channel getting the post and
 * the subscriber told; a forward from a channel nobody watches; a suggested post, confirmed,
 * rejected with a reason; the queue and the statistics with the diagram.
 */
export const demoScript: readonly string[] = [
  'bob: /start',
  'bob: /sources',
  'bob: /subscribe собрание, отключение воды',
  'bob: /threshold 0.6',
  'city: СРОЧНО: собрание жильцов сегодня в 19:00 во дворе',
  'city: Продам гараж, недорого',
  'alice press 1',
  'other: Скидки до 70% в торговом центре',
  'dave forward other',
  'carol: /suggest',
  'carol: Free bicycle repair workshop in the yard on Saturday at 11:00',
  'carol press 1',
  'alice press 2',
  'alice: Не по теме канала: напишите в чат соседей',
  'alice: /queue',
  'alice: /stats',
];
