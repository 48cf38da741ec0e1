import { arrow, box, diamond, type Flow, flowToMermaid, no, yes } from './flow-diagrams.js';

/**
 * The seed's three sub-diagrams and the fourth input's, as data like the overview: each in both
 * languages, each block with what it does, each arrow with an example, so the docs, `/stats` and
 * the admin Mini App (where they are clickable) draw the same thing.
 */

/**
 * Sub-diagram 1: automatic monitoring, from a source's new message to one queue item.
 *
 * ```ts
 * flowToMermaid(monitoringFlow, { locale: 'en' });
 * ```
 */
export const monitoringFlow: Flow = {
  name: 'monitoring',
  title: { ru: '1. Автоматический мониторинг', en: '1. Automatic monitoring' },
  steps: [
    box('New', 'userAction', 'Новое сообщение в источнике', 'A new message in a source', {
      ru: 'В канале или чате, который читает userbot, появилось сообщение (или его правка).',
      en: 'A message (or an edit of one) appears in a channel or chat the userbot reads.',
    }),
    box('Userbot', 'botProcess', '🤖 Userbot получает сообщение', '🤖 The userbot receives it', {
      ru: 'GramJS-аккаунт получает сообщение через обычную доставку обновлений Telegram.',
      en: 'The GramJS account receives it through Telegram’s ordinary update delivery.',
    }),
    diamond('Watched', 'Источник<br/>отслеживается?', 'Source<br/>watched?', {
      ru: 'Только источники, добавленные через /addsource, идут дальше.',
      en: 'Only sources added with /addsource go on.',
    }),
    diamond('Seen', 'Уже было?<br/>тот же id или репост', 'Seen before?<br/>same id or a repost', {
      ru: 'Один и тот же id или тот же текст (репост) обрабатывается один раз.',
      en: 'The same id, or the same text (a repost), is handled once.',
    }),
    box(
      'Match',
      'botProcess',
      '🔍 Один общий фильтр<br/>по словам всех подписок',
      '🔍 One matcher over<br/>every subscription’s words',
      {
        ru: 'Ключевые слова всех подписок в одном фильтре: основы слов, без учёта регистра и ё/е, исключения «-слово».',
        en: 'Every subscription’s keywords in one matcher: word stems, case- and ё/е-insensitive, exclusions “-word”.',
      },
    ),
    diamond('Any', 'Есть<br/>интересующиеся?', 'Anyone<br/>interested?', {
      ru: 'Нет совпавших подписок — сообщение дальше не идёт.',
      en: 'No matching subscription: the message stops here.',
    }),
    box(
      'Score',
      'aiProcess',
      '🧠 Одна оценка на сообщение<br/>кэш по хешу текста',
      '🧠 One score per message<br/>cached by the text’s hash',
      {
        ru: 'Скорер оценивает важность от 0 до 1 один раз на текст, сколько бы подписок ни совпало.',
        en: 'The scorer rates importance from 0 to 1 once per text, however many subscriptions matched.',
      },
    ),
    diamond(
      'Threshold',
      'Выше порога<br/>хоть одной подписки?',
      'Above any<br/>subscription’s threshold?',
      {
        ru: 'Оценка сравнивается с порогом каждой совпавшей подписки.',
        en: 'The score is compared with each matching subscription’s threshold.',
      },
    ),
    box(
      'Queue',
      'adminAction',
      '📋 Один элемент очереди<br/>с заинтересованными',
      '📋 One queue item<br/>with those interested',
      {
        ru: 'Один элемент очереди на сообщение; администраторы получают карточки.',
        en: 'One queue item per message; the admins get cards.',
      },
    ),
    box('End', null, 'Конец', 'End', {
      ru: 'Сообщение отброшено: его никто не увидит.',
      en: 'The message is dropped: nobody will see it.',
    }),
    box('Ex1', 'aiProcess', '«СРОЧНО: собрание» → 0.9', '“URGENT: meeting” → 0.9', {
      ru: 'Пример высокой оценки: срочное и важное.',
      en: 'An example of a high score: urgent and important.',
    }),
    box('Ex2', 'aiProcess', '«Встреча в 15:00» → 0.7', '“Meeting at 15:00” → 0.7', {
      ru: 'Пример средней оценки.',
      en: 'An example of a middling score.',
    }),
    box('Ex3', 'aiProcess', '«Продам гараж» → 0.2', '“Garage for sale” → 0.2', {
      ru: 'Пример низкой оценки: реклама.',
      en: 'An example of a low score: an advert.',
    }),
  ],
  arrows: [
    arrow('New', 'Userbot', 'solid', {
      ru: '«Экстренное собрание жильцов в 19:00»',
      en: '“Emergency residents’ meeting at 19:00”',
    }),
    arrow('Userbot', 'Watched', 'solid', {
      ru: 'источник −1001234567890, сообщение 4711',
      en: 'source −1001234567890, message 4711',
    }),
    arrow(
      'Watched',
      'End',
      'dotted',
      { ru: 'чат, который никто не добавил', en: 'a chat nobody added' },
      no,
    ),
    arrow(
      'Watched',
      'Seen',
      'solid',
      { ru: 'канал «Новости района»', en: 'channel “District news”' },
      yes,
    ),
    arrow(
      'Seen',
      'End',
      'dotted',
      {
        ru: 'тот же текст, репост в другом канале',
        en: 'the same text, reposted in another channel',
      },
      yes,
    ),
    arrow('Seen', 'Match', 'solid', { ru: 'новый текст', en: 'a new text' }, no),
    arrow('Match', 'Any', 'solid', {
      ru: 'совпало: «собрание» (подписка «собрание жильцов»)',
      en: 'matched: “meeting” (subscription “residents meeting”)',
    }),
    arrow('Any', 'End', 'dotted', { ru: 'ни одного совпадения', en: 'no match at all' }, no),
    arrow('Any', 'Score', 'solid', { ru: '2 подписки', en: '2 subscriptions' }, yes),
    arrow('Score', 'Threshold', 'solid', { ru: 'оценка 0.9', en: 'score 0.9' }),
    arrow(
      'Threshold',
      'End',
      'dotted',
      { ru: '0.2 при пороге 0.5', en: '0.2 against a threshold of 0.5' },
      no,
    ),
    arrow('Threshold', 'Queue', 'thick', { ru: '0.9 ≥ 0.5', en: '0.9 ≥ 0.5' }, yes),
    arrow(
      'Score',
      'Queue',
      'dotted',
      { ru: 'тайм-аут скорера: «не оценено»', en: 'the scorer timed out: “not scored”' },
      { ru: 'ошибка: «не оценено»', en: 'error: “not scored”' },
    ),
    arrow('Score', 'Ex1', 'link', { ru: 'пример', en: 'an example' }),
    arrow('Score', 'Ex2', 'link', { ru: 'пример', en: 'an example' }),
    arrow('Score', 'Ex3', 'link', { ru: 'пример', en: 'an example' }),
  ],
};

/**
 * Sub-diagram 2: a post suggested with /suggest.
 *
 * ```ts
 * flowToMermaid(suggestionFlow, { locale: 'en' });
 * ```
 */
export const suggestionFlow: Flow = {
  name: 'suggestion',
  title: { ru: '2. Предложение поста', en: '2. A suggested post' },
  steps: [
    box('Write', 'userAction', '👤 Пользователь отправляет текст', '👤 A person sends a text', {
      ru: 'После /suggest человек пишет пост (текст, фото, видео или альбом).',
      en: 'After /suggest a person writes the post (text, photo, video or album).',
    }),
    box(
      'Preview',
      'botProcess',
      'Предпросмотр:<br/>Подтвердить / Отмена',
      'Preview:<br/>Confirm / Cancel',
      {
        ru: 'Бот показывает пост так, как его увидят администраторы.',
        en: 'The bot shows the post as the admins will see it.',
      },
    ),
    diamond('Confirm', 'Подтвердить?', 'Confirm?', {
      ru: 'Ничего не уходит без подтверждения автора.',
      en: 'Nothing goes anywhere without the author’s confirmation.',
    }),
    box('Queue', 'adminAction', '📋 Пост в очереди', '📋 The post is queued', {
      ru: 'Предложения идут в очередь без фильтров; «отправлено на модерацию» — только когда карточка дошла до администратора.',
      en: 'Suggestions are queued unfiltered; “sent to moderation” only once an admin’s card is delivered.',
    }),
    box('Admins', 'botProcess', '🔔 Карточки администраторам', '🔔 Cards to the admins', {
      ru: 'Каждый администратор получает карточку с кнопками; автор на ней не назван.',
      en: 'Every admin gets a card with buttons; it never names the author.',
    }),
    diamond('Decision', 'Решение', 'Decision', {
      ru: 'Решает первый нажавший администратор.',
      en: 'The first admin to press decides.',
    }),
    box('Publish', 'output', '📢 Публикация', '📢 Published', {
      ru: 'Пост выходит в канале от имени канала, без автора.',
      en: 'The post appears in the channel as the channel’s, without its author.',
    }),
    box('Told', 'output', '🔔 Уведомление автора', '🔔 The author is told', {
      ru: 'Автору сообщают решение (и причину отказа, если она есть).',
      en: 'The author hears the decision (and the reason for a rejection, if any).',
    }),
    box('End', null, 'Конец', 'End', {
      ru: 'Черновик удалён, никто его не видел.',
      en: 'The draft is deleted; nobody saw it.',
    }),
  ],
  arrows: [
    arrow('Write', 'Preview', 'solid', {
      ru: '«Во дворе нашли кошку, ищем хозяина»',
      en: '“Found a cat in the yard, looking for its owner”',
    }),
    arrow('Preview', 'Confirm', 'solid', {
      ru: 'кнопки под предпросмотром',
      en: 'the preview’s buttons',
    }),
    arrow(
      'Confirm',
      'End',
      'dotted',
      { ru: 'нажата «Отмена»', en: '“Cancel” pressed' },
      {
        ru: 'Отмена',
        en: 'Cancel',
      },
    ),
    arrow(
      'Confirm',
      'Queue',
      'solid',
      { ru: 'нажата «Подтвердить»', en: '“Confirm” pressed' },
      {
        ru: 'Подтвердить',
        en: 'Confirm',
      },
    ),
    arrow('Queue', 'Admins', 'solid', { ru: 'элемент №42', en: 'item #42' }),
    arrow('Admins', 'Decision', 'solid', { ru: '2 администратора', en: '2 admins' }),
    arrow(
      'Decision',
      'Publish',
      'thick',
      { ru: 'нажата «Одобрить»', en: '“Approve” pressed' },
      {
        ru: 'Одобрить',
        en: 'Approve',
      },
    ),
    arrow('Publish', 'Told', 'solid', {
      ru: '«Ваш пост опубликован»',
      en: '“Your post is published”',
    }),
    arrow(
      'Decision',
      'Told',
      'solid',
      { ru: 'причина: «не по теме канала»', en: 'reason: “off the channel’s topic”' },
      { ru: 'Отклонить с причиной', en: 'Reject with a reason' },
    ),
  ],
};

/**
 * Sub-diagram 3: moderation, from a queue item to the channel.
 *
 * ```ts
 * flowToMermaid(moderationFlow, { locale: 'en' });
 * ```
 */
export const moderationFlow: Flow = {
  name: 'moderation',
  title: { ru: '3. Модерация', en: '3. Moderation' },
  steps: [
    box('Item', 'adminAction', '📋 Новый элемент в очереди', '📋 A new queue item', {
      ru: 'Сообщение источника, предложение или пост из личных сообщений канала.',
      en: 'A source’s message, a suggestion, or a post from the channel’s direct messages.',
    }),
    box(
      'Cards',
      'botProcess',
      '🔔 Карточка каждому администратору:<br/>текст, источник, оценка ИИ, время',
      '🔔 A card to every admin:<br/>text, source, AI score, time',
      {
        ru: 'Время — в часовом поясе администраторов; длинный текст сокращён с кнопкой «Весь текст».',
        en: 'The time in the admins’ zone; a long text shortened with a “Whole text” button.',
      },
    ),
    diamond('Claim', 'Кнопку нажал<br/>первым?', 'First to<br/>press?', {
      ru: 'Двое администраторов никогда не решают один элемент: решает первый.',
      en: 'Two admins never decide one item: the first press wins.',
    }),
    box('Approve', 'adminAction', '✅ Одобрить', '✅ Approve', {
      ru: 'Решение записывается в журнал вместе с администратором.',
      en: 'The decision goes into the audit log with the admin.',
    }),
    box(
      'Reject',
      'adminAction',
      '❌ Отклонить<br/>причина или «без причины»',
      '❌ Reject<br/>a reason or “no reason”',
      {
        ru: 'Бот спрашивает причину; её увидит автор предложения.',
        en: 'The bot asks for a reason; a suggestion’s author will see it.',
      },
    ),
    box(
      'Format',
      'botProcess',
      '📝 Форматирование<br/>без автора',
      '📝 Formatting<br/>without the author',
      {
        ru: 'Пост собирается заново: текст и медиа копией, без пересылки и без имени автора.',
        en: 'The post is built anew: text and media copied, never forwarded, never the author’s name.',
      },
    ),
    box('Publish', 'output', '📢 Публикация в канале', '📢 Published in the channel', {
      ru: 'Слишком длинный текст выходит упорядоченными частями.',
      en: 'A text too long for one message goes out in ordered parts.',
    }),
    box(
      'Success',
      'output',
      '🔔 Автору: опубликовано<br/>подписчикам: новость',
      '🔔 Author: published<br/>subscribers: the news',
      {
        ru: 'Автор предложения узнаёт о публикации; подписчики ленты получают новость.',
        en: 'A suggestion’s author hears it was published; the feed’s subscribers get the news.',
      },
    ),
    box('Refusal', 'output', '🔔 Автору: отказ', '🔔 Author: rejected', {
      ru: 'Автор узнаёт об отказе и его причине.',
      en: 'The author hears of the rejection and its reason.',
    }),
    box(
      'Revise',
      'botProcess',
      'Карточки всех админов<br/>обновлены',
      'Every admin’s card<br/>revised',
      {
        ru: 'Кнопки исчезают, карточка говорит, кто и как решил.',
        en: 'The buttons go; the card says who decided what.',
      },
    ),
    box('Other', 'botProcess', 'Другой админ: «уже решено»', 'Another admin: “already decided”', {
      ru: 'Опоздавшее нажатие ничего не меняет.',
      en: 'A late press changes nothing.',
    }),
  ],
  arrows: [
    arrow('Item', 'Cards', 'solid', { ru: 'элемент №42, оценка 0.9', en: 'item #42, score 0.9' }),
    arrow('Cards', 'Claim', 'solid', { ru: 'нажатие «Одобрить»', en: 'a press on “Approve”' }),
    arrow(
      'Claim',
      'Other',
      'dotted',
      { ru: 'второй за секунду', en: 'the second within a second' },
      no,
    ),
    arrow(
      'Claim',
      'Approve',
      'solid',
      { ru: 'первое нажатие: «Одобрить»', en: 'the first press: “Approve”' },
      yes,
    ),
    arrow(
      'Claim',
      'Reject',
      'solid',
      { ru: 'первое нажатие: «Отклонить»', en: 'the first press: “Reject”' },
      yes,
    ),
    arrow('Approve', 'Format', 'solid', { ru: 'текст и фото', en: 'text and a photo' }),
    arrow('Format', 'Publish', 'solid', { ru: 'фото с подписью', en: 'a photo with its caption' }),
    arrow('Publish', 'Success', 'solid', {
      ru: 'сообщение 981 в канале',
      en: 'message 981 in the channel',
    }),
    arrow('Reject', 'Refusal', 'solid', {
      ru: '«не по теме канала»',
      en: '“off the channel’s topic”',
    }),
    arrow('Approve', 'Revise', 'solid', { ru: '«✅ Одобрено»', en: '“✅ Approved”' }),
    arrow('Reject', 'Revise', 'solid', { ru: '«❌ Отклонено»', en: '“❌ Rejected”' }),
  ],
};

/**
 * Sub-diagram 4: a post suggested in the channel's own direct messages (Telegram, Bot API 9.2).
 *
 * ```ts
 * flowToMermaid(directFlow, { locale: 'en' });
 * ```
 */
export const directFlow: Flow = {
  name: 'direct',
  title: {
    ru: '4. Предложка в личных сообщениях канала',
    en: '4. A post suggested in the channel’s direct messages',
  },
  steps: [
    box(
      'Suggest',
      'userAction',
      '💬 Человек предлагает пост<br/>в личных сообщениях канала',
      '💬 A person suggests a post<br/>in the channel’s direct messages',
      {
        ru: 'Средствами самого Telegram, возможно за Stars или TON и к своему времени.',
        en: 'With Telegram’s own tools, perhaps for Stars or TON and for a time of their choosing.',
      },
    ),
    diamond(
      'Plain',
      'Предложка<br/>или просто сообщение?',
      'A suggested post<br/>or a plain message?',
      {
        ru: 'Простые сообщения идут в очередь, только если это включено.',
        en: 'Plain messages are queued only when that is switched on.',
      },
    ),
    diamond('Mode', 'Режим', 'Mode', {
      ru: 'queue — сразу в очередь; score — через фильтр и оценку, как у источников.',
      en: 'queue: straight to the queue; score: through the filter and the scorer, as sources are.',
    }),
    box(
      'Rules',
      'aiProcess',
      '🔍 Фильтр и 🧠 оценка<br/>как у источников',
      '🔍 Filter and 🧠 score<br/>as for sources',
      {
        ru: 'Те же правила, что администраторы настроили для предложений.',
        en: 'The rules the admins set for suggestions.',
      },
    ),
    box(
      'Queue',
      'adminAction',
      '📋 Элемент очереди:<br/>текст, цена, время — без автора',
      '📋 A queue item:<br/>text, price, time — no author',
      {
        ru: 'Бот не хранит, кто предложил пост.',
        en: 'The bot does not store who suggested the post.',
      },
    ),
    box('Cards', 'botProcess', '🔔 Карточки администраторам', '🔔 Cards to the admins', {
      ru: 'С ценой платного поста и временем, которое просил автор.',
      en: 'With a paid post’s price and the time its author asked for.',
    }),
    diamond('Decision', 'Решение', 'Decision', {
      ru: 'Платный пост одобряется только нажатием на карточке с его ценой.',
      en: 'A paid post is approved only by a press on a card showing its price.',
    }),
    box(
      'Approve',
      'adminAction',
      '✅ Одобрить сейчас / через 1 ч / 24 ч<br/>платную — только нажатием с её ценой',
      '✅ Approve now / in 1 h / 24 h<br/>a paid one only by a press with its price',
      {
        ru: 'Без времени от автора можно выбрать время выхода.',
        en: 'Without a time from the author, the admin may choose when it goes out.',
      },
    ),
    box(
      'Reject',
      'adminAction',
      '❌ Отклонить<br/>причина до 128 символов',
      '❌ Reject<br/>a reason up to 128 characters',
      {
        ru: 'Более длинная причина отклоняется, и ничего не меняется.',
        en: 'A longer reason is refused and nothing changes.',
      },
    ),
    box('ApproveApi', 'botProcess', 'approveSuggestedPost', 'approveSuggestedPost', {
      ru: 'Метод Bot API: Telegram сам публикует пост.',
      en: 'The Bot API method: Telegram publishes the post itself.',
    }),
    box(
      'DeclineApi',
      'botProcess',
      'declineSuggestedPost<br/>причина — комментарий',
      'declineSuggestedPost<br/>the reason as its comment',
      {
        ru: 'Метод Bot API: автор видит причину.',
        en: 'The Bot API method: the author sees the reason.',
      },
    ),
    box(
      'Published',
      'output',
      '📢 Telegram публикует пост<br/>и сообщает автору',
      '📢 Telegram publishes the post<br/>and tells its author',
      {
        ru: 'В канале — от имени канала.',
        en: 'In the channel, as the channel’s.',
      },
    ),
    box(
      'Declined',
      'output',
      '🔔 Telegram сообщает автору<br/>об отказе',
      '🔔 Telegram tells the author<br/>it was declined',
      {
        ru: 'С причиной, если она была.',
        en: 'With the reason, if there was one.',
      },
    ),
    box('Ui', 'adminAction', '📱 Решение в интерфейсе Telegram', '📱 A decision in Telegram’s UI', {
      ru: 'Администратор канала решил прямо в Telegram, не в боте.',
      en: 'A channel admin decided in Telegram itself, not in the bot.',
    }),
    box(
      'Service',
      'botProcess',
      'Служебное сообщение<br/>suggested_post_approved / _declined',
      'Service message<br/>suggested_post_approved / _declined',
      {
        ru: 'Бот узнаёт о решении из служебного сообщения Telegram.',
        en: 'The bot learns of the decision from Telegram’s service message.',
      },
    ),
    box(
      'Revise',
      'botProcess',
      'Карточки всех админов<br/>обновлены',
      'Every admin’s card<br/>revised',
      {
        ru: 'Ни одна карточка не остаётся с устаревшими кнопками.',
        en: 'No card is left with stale buttons.',
      },
    ),
    box(
      'Refused',
      'botProcess',
      '⚠️ Telegram отказал:<br/>снова в очереди, карточки говорят почему',
      '⚠️ Telegram refused:<br/>queued again, the cards say why',
      {
        ru: 'Например, пост уже решён или у бота нет права.',
        en: 'For example, the post was decided already or the bot lacks a right.',
      },
    ),
    box('End', null, 'Конец: ждёт в Telegram', 'End: it waits in Telegram', {
      ru: 'Бот ничего не делает; пост остаётся в личных сообщениях канала.',
      en: 'The bot does nothing; the post stays in the channel’s direct messages.',
    }),
  ],
  arrows: [
    arrow('Suggest', 'Plain', 'solid', {
      ru: '«Анонс концерта», 100 ⭐, на завтра 10:00',
      en: '“A concert announcement”, 100 ⭐, tomorrow 10:00',
    }),
    arrow(
      'Plain',
      'End',
      'dotted',
      { ru: '«Здравствуйте, у вас есть реклама?»', en: '“Hello, do you sell ads?”' },
      { ru: 'просто сообщение, если не включено', en: 'a plain message, unless switched on' },
    ),
    arrow(
      'Plain',
      'Mode',
      'solid',
      { ru: 'предложенный пост', en: 'a suggested post' },
      {
        ru: 'предложка',
        en: 'suggested post',
      },
    ),
    arrow(
      'Mode',
      'Queue',
      'solid',
      { ru: 'DIRECT_MESSAGES=queue', en: 'DIRECT_MESSAGES=queue' },
      {
        ru: 'queue',
        en: 'queue',
      },
    ),
    arrow(
      'Mode',
      'Rules',
      'dotted',
      { ru: 'DIRECT_MESSAGES=score', en: 'DIRECT_MESSAGES=score' },
      {
        ru: 'score',
        en: 'score',
      },
    ),
    arrow(
      'Rules',
      'Queue',
      'solid',
      { ru: 'оценка 0.8', en: 'score 0.8' },
      {
        ru: 'выше порога',
        en: 'above the threshold',
      },
    ),
    arrow('Rules', 'End', 'dotted', { ru: 'оценка 0.1', en: 'score 0.1' }, { ru: 'нет', en: 'no' }),
    arrow('Queue', 'Cards', 'solid', {
      ru: '«💰 Платный пост: 100 ⭐»',
      en: '“💰 Paid post: 100 ⭐”',
    }),
    arrow('Cards', 'Decision', 'solid', { ru: '2 администратора', en: '2 admins' }),
    arrow(
      'Decision',
      'Approve',
      'thick',
      { ru: '«✅ Одобрить за 100 ⭐»', en: '“✅ Approve for 100 ⭐”' },
      {
        ru: 'Одобрить',
        en: 'Approve',
      },
    ),
    arrow('Approve', 'ApproveApi', 'thick', { ru: 'send_date через 1 ч', en: 'send_date in 1 h' }),
    arrow('ApproveApi', 'Published', 'thick', {
      ru: 'пост в канале',
      en: 'the post in the channel',
    }),
    arrow(
      'Decision',
      'Reject',
      'solid',
      { ru: '«не по теме»', en: '“off topic”' },
      {
        ru: 'Отклонить',
        en: 'Reject',
      },
    ),
    arrow('Reject', 'DeclineApi', 'solid', {
      ru: 'comment: «не по теме»',
      en: 'comment: “off topic”',
    }),
    arrow('DeclineApi', 'Declined', 'solid', {
      ru: 'автор видит причину',
      en: 'the author sees the reason',
    }),
    arrow(
      'ApproveApi',
      'Refused',
      'dotted',
      {
        ru: '«SUGGESTED_POST_ALREADY_DECIDED»',
        en: '“SUGGESTED_POST_ALREADY_DECIDED”',
      },
      { ru: 'ошибка', en: 'error' },
    ),
    arrow(
      'DeclineApi',
      'Refused',
      'dotted',
      {
        ru: 'нет права can_manage_direct_messages',
        en: 'no can_manage_direct_messages right',
      },
      { ru: 'ошибка', en: 'error' },
    ),
    arrow('Refused', 'Cards', 'dotted', {
      ru: '«⚠️ Telegram не принял решение»',
      en: '“⚠️ Telegram did not accept the decision”',
    }),
    arrow('Ui', 'Service', 'solid', { ru: 'одобрено в Telegram', en: 'approved in Telegram' }),
    arrow('Service', 'Revise', 'solid', {
      ru: '«📢 Одобрено в Telegram»',
      en: '“📢 Approved in Telegram”',
    }),
    arrow('ApproveApi', 'Revise', 'solid', { ru: '«📢 Одобрено»', en: '“📢 Approved”' }),
    arrow('DeclineApi', 'Revise', 'solid', { ru: '«❌ Отклонено»', en: '“❌ Declined”' }),
  ],
};

/** The sub-diagrams in the docs' order. */
export const subFlows: readonly Flow[] = [
  monitoringFlow,
  suggestionFlow,
  moderationFlow,
  directFlow,
];

/** Sub-diagram 1 in Russian, as in the docs. */
export const monitoringDiagram = flowToMermaid(monitoringFlow);
/** Sub-diagram 2 in Russian, as in the docs. */
export const suggestionDiagram = flowToMermaid(suggestionFlow);
/** Sub-diagram 3 in Russian, as in the docs. */
export const moderationDiagram = flowToMermaid(moderationFlow);
/** Sub-diagram 4 in Russian, as in the docs. */
export const directDiagram = flowToMermaid(directFlow);
