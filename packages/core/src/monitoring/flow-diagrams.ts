import type { FeedStats } from './stats.js';

/** The seed's legend: one class per kind of step. */
const legend = `    classDef userAction fill:#e1f5fe,stroke:#01579b,stroke-width:2px
    classDef botProcess fill:#f3e5f5,stroke:#4a148c,stroke-width:2px
    classDef aiProcess fill:#fff3e0,stroke:#e65100,stroke-width:2px
    classDef adminAction fill:#fce4ec,stroke:#880e4f,stroke-width:2px
    classDef decision fill:#fff9c4,stroke:#f57f17,stroke-width:2px
    classDef output fill:#e8f5e9,stroke:#1b5e20,stroke-width:2px`;

const percent = (share: number) => `${Math.round(share * 100)}%`;
const minutes = (ms: number | null) => (ms === null ? '—' : `${Math.round(ms / 60_000)} мин`);

/**
 * The overview: three inputs → processor → moderation → output, in the seed's style. With
 * statistics, the steps carry live figures (share filtered, share approved, decision times).
 *
 * ```ts
 * const mermaid = overviewDiagram(await feed.stats());
 * ```
 */
export function overviewDiagram(stats?: FeedStats): string {
  const kw = stats ? `<br/>отсеяно ${percent(stats.droppedByKeywords)}` : '';
  const ai = stats ? `<br/>отсеяно ${percent(stats.droppedByScore)}` : '';
  const admin = stats
    ? `<br/>медиана ${minutes(stats.decisionMs.median)}, p90 ${minutes(stats.decisionMs.p90)}`
    : '';
  const approved = stats ? `<br/>одобрено ${percent(stats.suggestions.approvedShare)}` : '';
  return `graph TB
${legend}

    Channel[📱 Каналы/Чаты]:::userAction
    UserPost[👤 Предложение поста]:::userAction
    Forward[📤 Пересланное сообщение]:::userAction

    Userbot[🤖 Userbot мониторинг]:::botProcess
    CheckMonitored{Источник<br/>отслеживается?}:::decision
    Keywords[🔍 Фильтр по<br/>ключевым словам${kw}]:::botProcess
    AIAnalysis[🧠 Оценка важности<br/>0..1${ai}]:::aiProcess
    ScoreCheck{Оценка выше<br/>порога?}:::decision
    Queue[📋 Очередь<br/>модерации]:::adminAction
    AdminReview[👮 Проверка<br/>администратором${admin}]:::adminAction
    AdminDecision{Решение<br/>админа${approved}}:::decision
    Format[📝 Форматирование<br/>поста]:::botProcess
    Publish[📢 Публикация<br/>в канале]:::output
    Notify[🔔 Уведомление<br/>пользователя]:::output
    End[Конец]

    Channel --> Userbot
    Userbot --> CheckMonitored
    Forward --> CheckMonitored
    UserPost -->|Подтвердить| Queue
    CheckMonitored -->|Да| Keywords
    CheckMonitored -.->|Нет| End
    Keywords --> AIAnalysis
    AIAnalysis --> ScoreCheck
    ScoreCheck ==>|Да| Queue
    ScoreCheck -.->|Нет| End
    AIAnalysis -.->|ошибка, тайм-аут:<br/>ручная проверка| Queue
    Queue --> AdminReview
    AdminReview --> AdminDecision
    AdminDecision ==>|Одобрить| Format
    AdminDecision -->|Отклонить| Notify
    Format --> Publish
    Publish --> Notify
`;
}

/** Sub-diagram 1: automatic monitoring. */
export const monitoringDiagram = `graph TB
${legend}

    New[Новое сообщение в источнике]:::userAction
    Userbot[🤖 Userbot получает сообщение]:::botProcess
    Watched{Источник<br/>отслеживается?}:::decision
    Seen{Уже было?<br/>тот же id или репост}:::decision
    Match[🔍 Один общий фильтр<br/>по словам всех подписок]:::botProcess
    Any{Есть<br/>интересующиеся?}:::decision
    Score[🧠 Одна оценка на сообщение<br/>кэш по хешу текста]:::aiProcess
    Threshold{Выше порога<br/>хоть одной подписки?}:::decision
    Queue[📋 Один элемент очереди<br/>с заинтересованными]:::adminAction
    End[Конец]

    New --> Userbot --> Watched
    Watched -.->|Нет| End
    Watched -->|Да| Seen
    Seen -.->|Да| End
    Seen -->|Нет| Match --> Any
    Any -.->|Нет| End
    Any -->|Да| Score --> Threshold
    Threshold -.->|Нет| End
    Threshold ==>|Да| Queue
    Score -.->|ошибка: «не оценено»| Queue

    Ex1["«СРОЧНО: собрание» → 0.9"]:::aiProcess
    Ex2["«Встреча в 15:00» → 0.7"]:::aiProcess
    Ex3["«Продам гараж» → 0.2"]:::aiProcess
    Score -.- Ex1
    Score -.- Ex2
    Score -.- Ex3
`;

/** Sub-diagram 2: a suggested post. */
export const suggestionDiagram = `graph TB
${legend}

    Write[👤 Пользователь отправляет текст]:::userAction
    Preview[Предпросмотр:<br/>Подтвердить / Отмена]:::botProcess
    Confirm{Подтвердить?}:::decision
    Queue[📋 Пост в очереди]:::adminAction
    Admins[🔔 Карточки администраторам]:::botProcess
    Decision{Решение}:::decision
    Publish[📢 Публикация]:::output
    Told[🔔 Уведомление автора]:::output
    End[Конец]

    Write --> Preview --> Confirm
    Confirm -.->|Отмена| End
    Confirm -->|Подтвердить| Queue --> Admins --> Decision
    Decision ==>|Одобрить| Publish --> Told
    Decision -->|Отклонить с причиной| Told
`;

/** Sub-diagram 3: moderation. */
export const moderationDiagram = `graph TB
${legend}

    Item[📋 Новый элемент в очереди]:::adminAction
    Cards[🔔 Карточка каждому администратору:<br/>текст, источник, оценка ИИ, время]:::botProcess
    Claim{Кнопку нажал<br/>первым?}:::decision
    Approve[✅ Одобрить]:::adminAction
    Reject[❌ Отклонить<br/>причина или «без причины»]:::adminAction
    Format[📝 Форматирование<br/>без автора]:::botProcess
    Publish[📢 Публикация в канале]:::output
    Success[🔔 Автору: опубликовано<br/>подписчикам: новость]:::output
    Refusal[🔔 Автору: отказ]:::output
    Revise[Карточки всех админов<br/>обновлены]:::botProcess
    Other[Другой админ: «уже решено»]:::botProcess

    Item --> Cards --> Claim
    Claim -.->|Нет| Other
    Claim -->|Да| Approve
    Claim -->|Да| Reject
    Approve --> Format --> Publish --> Success
    Reject --> Refusal
    Approve --> Revise
    Reject --> Revise
`;
