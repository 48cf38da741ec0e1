/**
 * The seed's story as sandbox lines: an ad, a first message, accept, relay both ways, a second
 * chat with the chooser, a silent decline, a refused contact, /endchat, /block; then safety: a
 * report, the moderator's ban (the banned side is refused), /export and the admin's /stats.
 */
export const demoScript: readonly string[] = [
  'bob: /newad Продам гараж\\nКирпичный, 18 м², у метро',
  'alice open',
  'alice: Здравствуйте! Какая цена?',
  'alice: А фото есть?',
  'bob press 1',
  'bob: 500 тысяч, торг уместен',
  'alice reply А за 450 отдадите?',
  'bob photo Вот он',
  'carol open',
  'carol: Hi! Is it still available?',
  'bob press 1',
  'bob: Да, ещё продаётся',
  'bob press 2',
  'dave open',
  'dave: Отдадите даром?',
  'bob press 2',
  'bob: /mychats',
  'alice contact',
  'alice: /endchat',
  'bob: /block',
  'carol open',
  'alice: /newad Отдам котёнка\\nВ добрые руки',
  'carol open',
  'carol: Hi! Can I take the kitten?',
  'alice press 1',
  'carol: Give it to me now, or else',
  'alice: /report Угрожает',
  'dave press 3',
  'carol: Hello?',
  'alice: /export',
  'dave: /stats',
];
