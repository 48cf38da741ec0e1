// The bare grammY bot of the CPU comparison: it copies every text back with `copyMessage`, the
// one Bot API call a relay makes, and does nothing else. BOT_TOKEN and TELEGRAM_API_ROOT as the
// example bot takes them; prints `ready` once it polls.
import { Bot } from 'grammy';

const token = process.env.BOT_TOKEN;
const apiRoot = process.env.TELEGRAM_API_ROOT;
if (token === undefined || apiRoot === undefined) {
  throw new Error('[anonboard] [bench] bare-bot needs BOT_TOKEN and TELEGRAM_API_ROOT');
}
const bot = new Bot(token, { client: { apiRoot } });
bot.on('message:text', (ctx) => ctx.copyMessage(ctx.chat.id));
process.once('SIGTERM', () => void bot.stop());
await bot.start({ onStart: () => console.log('ready') });
