import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../db/client.js';
import { createWechatApi } from '../channels/wechat/api.js';
import { menuDefinition } from '../channels/wechat/menu.js';
import { ConfigError, createConfig } from '../config.js';
import { safeError } from '../core/privacy.js';
import { createSharedToken, type SharedToken, type TokenFetcher } from '../core/shared-token.js';

// === `npm run wechat -- <command>`: operators' commands for the WeChat service account

const USAGE = `usage: npm run wechat -- menu [--print]
  menu           creates the account's custom menu (一键求助 / 我的求助 / 更多) through the API
  menu --print   prints the menu's JSON without calling the platform`;

/** Runs one command; returns the exit code. Output goes to `out`, errors to `err`. */
export async function runWechatCli(
  args: string[],
  env: Record<string, string | undefined>,
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const [command, ...flags] = args;
  if (command !== 'menu') {
    err.write(`${USAGE}\n`);
    return 2;
  }
  const menu = menuDefinition();
  if (flags.includes('--print')) {
    out.write(`${JSON.stringify(menu, null, 2)}\n`);
    return 0;
  }
  const config = createConfig(env);
  if (!config.wechat) {
    err.write('WeChat is not configured: set WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN (see README "WeChat").\n');
    return 2;
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
    return 0;
  } catch (e) {
    err.write(`could not create the menu: ${e instanceof Error ? safeError(e).message : String(e)}\n`);
    return 1;
  } finally {
    await database?.close();
  }
}

/** A token fetched when first needed and kept for this command's few calls. */
function fetchedOnce(fetch: TokenFetcher): SharedToken {
  let token: Promise<string> | null = null;
  return {
    get: () => (token ??= fetch(false).then((t) => t.token)),
    renew: () => (token = fetch(true).then((t) => t.token)),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (existsSync('.env')) process.loadEnvFile('.env');
  runWechatCli(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(e instanceof ConfigError ? `${e.message}\n` : `lianxin wechat: ${JSON.stringify(safeError(e))}\n`);
      process.exit(1);
    },
  );
}
