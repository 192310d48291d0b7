// The bench's baseline: a bare grammY echo bot and a bare node:http server answering WeChat's callbacks
// with `success`. Run by `npm start` in a throwaway project (bench/users/processes.ts), as lianxin is.
//   ECHO_TELEGRAM_TOKEN, ECHO_TELEGRAM_API_ROOT   the echo bot (grammY's own long polling, bot.start())
//   ECHO_PACE                                     sends per second, all chats together (0 or unset: unpaced)
//   ECHO_WECHAT_PORT                              the bare callback server on 127.0.0.1
import { createServer } from 'node:http';

const env = process.env;
process.on('SIGTERM', () => process.exit(0));

if (env.ECHO_WECHAT_PORT) {
  createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('success');
    });
  }).listen(Number(env.ECHO_WECHAT_PORT), '127.0.0.1');
}

if (env.ECHO_TELEGRAM_TOKEN) {
  const { Bot } = await import('grammy');
  const bot = new Bot(env.ECHO_TELEGRAM_TOKEN, { client: { apiRoot: env.ECHO_TELEGRAM_API_ROOT } });
  const pace = Number(env.ECHO_PACE ?? 0);
  if (pace > 0) {
    // Sends evenly spaced at `pace` per second, as lianxin's outbox paces them.
    let next = 0;
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method.startsWith('send') || method.startsWith('edit')) {
        const now = performance.now();
        const at = Math.max(now, next);
        next = at + 1000 / pace;
        if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
      }
      return prev(method, payload, signal);
    });
  }
  bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery());
  bot.catch(() => {});
  await bot.start();
}
