import { openDatabase } from '../../db/client.js';
import { createWechatApi } from '../channels/wechat/api.js';
import { menuDefinition } from '../channels/wechat/menu.js';
import { createConfig } from '../config.js';
import { safeError } from '../core/privacy.js';
import { createSharedToken, type SharedToken, type TokenFetcher } from '../core/shared-token.js';
import { commandLine, EXIT, runIfProgram } from './runner.js';

// === `npm run wechat -- <command>`: operators' commands for the WeChat service account

const USAGE = `usage: npm run wechat -- menu [--print]
  menu           creates the account's custom menu (一键求助 / 我的求助 / 更多) through the API
  menu --print   prints the menu's JSON without calling the platform`;

/** `npm run wechat -- menu [--print]`; resolves with the exit code. */
export const runWechatCli = commandLine({
  name: 'wechat',
  usage: USAGE,
  options: { print: { type: 'boolean' } },
  commands: {
    async menu({ values, env, out, err }) {
      const menu = menuDefinition();
      if (values.print) {
        out.write(`${JSON.stringify(menu, null, 2)}\n`);
        return EXIT.done;
      }
      const config = createConfig(env);
      if (!config.wechat) {
        err.write('WeChat is not configured: set WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN (see README "WeChat").\n');
        return EXIT.usage;
      }
      const wechat = config.wechat;
      // On PostgreSQL the token is the one the running bot shares. The embedded database belongs to the
      // running bot alone (one process per data folder): then the stable token is fetched, which leaves the
      // bot's own token valid.
      const database = config.database.kind === 'postgres' ? await openDatabase(config.database) : null;
      try {
        const tokenStore = (fetch: TokenFetcher): SharedToken =>
          database ? createSharedToken({ db: database.db, key: `wechat:${wechat.appId}`, fetch }) : fetchedOnce(fetch);
        const api = createWechatApi({ ...wechat, tokenStore });
        await api.createMenu(menu);
        out.write(`菜单已创建：${menu.button.map((b) => b.name).join(' / ')}\n`);
        return EXIT.done;
      } catch (e) {
        err.write(`could not create the menu: ${e instanceof Error ? safeError(e).message : String(e)}\n`);
        return EXIT.failed;
      } finally {
        await database?.close();
      }
    },
  },
});

/** A token fetched when first needed and kept for this command's few calls. */
function fetchedOnce(fetch: TokenFetcher): SharedToken {
  let token: Promise<string> | null = null;
  return {
    get: () => (token ??= fetch(false).then((t) => t.token)),
    renew: () => (token = fetch(true).then((t) => t.token)),
  };
}

runIfProgram(import.meta.url, 'lianxin wechat', runWechatCli);
