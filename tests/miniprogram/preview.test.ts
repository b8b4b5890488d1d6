/**
 * Not a test: writes HTML pictures of the pages for a look without DevTools (TOOLCHAIN.md,
 * "Looking at pages without DevTools"). Skipped unless MP_PREVIEW is set:
 *
 *   MP_PREVIEW=1 npx jest --selectProjects miniprogram preview
 *   chromium --headless --no-sandbox --disable-gpu --window-size=750,1600 \
 *     --screenshot=preview/home@1.png file://$PWD/preview/home@1.html
 *
 * Each file is a 375 pt wide phone at 2x (750 px), at font scale 1 and 1.5 (关怀模式).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { config } from '../../miniprogram/config';
import { resetSession } from '../../miniprogram/services/session';
import { aProfile, rosterPage } from './support/fixtures';
import {
  callPage,
  injectComponentStyles,
  MINIPROGRAM_ROOT,
  renderPage,
  type PageComponent,
} from './support/page';
import { answerWith, fail, ok, resetWx } from './support/wx';

declare const document: { head: { innerHTML: string } };

const OUT = join(__dirname, '../../preview');
const run = process.env.MP_PREVIEW ? describe : describe.skip;

/** app.wxss as simulate would compile it for the page (classes prefixed `main--`). */
function appCss(): string {
  return readFileSync(join(MINIPROGRAM_ROOT, 'app.wxss'), 'utf8')
    .replace(/\bpage\s*\{/, 'body {')
    .replace(/(^|[\s,{}])\.([a-zA-Z][-_a-zA-Z0-9]*)/g, '$1.main--$2');
}

function write(name: string, page: PageComponent, scale: number): void {
  mkdirSync(OUT, { recursive: true });
  injectComponentStyles();
  const rootPx = 16 * scale * 2; // 2x: rpx map 1:1 to px at 750 px wide
  const html = `<!doctype html><html><head><meta charset="utf-8">
<style>
  html { font-size: ${rootPx}px; }
  body { margin: 0; width: 750px; background: #f4f4f4; }
  wx-view, wx-button { display: block; } wx-text, wx-label { display: inline; }
  wx-button { border: 0; }
</style>
${document.head.innerHTML}
<style>${appCss()}</style>
<style>body { --app-edge: 32px; --app-inset: 32px; } /* px gutters, doubled like rpx at 2x */</style>
</head><body>${page.dom?.outerHTML ?? ''}</body></html>`;
  writeFileSync(join(OUT, `${name}@${scale}.html`), html);
}

run('page previews', () => {
  beforeEach(() => {
    resetWx();
    resetSession();
    config.retryDelaysMs = [0, 0];
  });

  for (const scale of [1, 1.5]) {
    it(`home, staff, at ${scale}`, async () => {
      answerWith('members.getMyProfile', ok(aProfile({ roles: ['member', 'staff'] })));
      const page = renderPage('pages/home/index');
      await callPage(page, 'onLoad');
      write('home', page, scale);
    });

    it(`home, unbound, at ${scale}`, async () => {
      answerWith(
        'members.getMyProfile',
        fail('AUTH.NOT_BOUND', '您还没有绑定委员身份，请先完成绑定'),
      );
      const page = renderPage('pages/home/index');
      await callPage(page, 'onLoad');
      write('home-unbound', page, scale);
    });

    it(`profile at ${scale}`, async () => {
      answerWith('members.getMyProfile', ok(aProfile({ roles: ['member', 'admin'] })));
      const page = renderPage('pages/profile/index');
      await callPage(page, 'onLoad');
      write('profile', page, scale);
    });

    it(`bind at ${scale}`, async () => {
      const page = renderPage('pages/bind/index');
      page.setData({ code: 'AB12', codeError: '邀请码不存在，请核对后重新输入' });
      write('bind', page, scale);
    });

    it(`roster at ${scale}`, async () => {
      answerWith('members.listRoster', ok(rosterPage(1, 45)));
      const page = renderPage('pages/staff/roster/index');
      await callPage(page, 'onLoad');
      page.setData({
        importErrors: [
          { row: 3, column: '手机号', message: '手机号应为 11 位中国大陆手机号' },
          { row: 7, column: null, message: '与第 5 行重复' },
        ],
        importErrorCount: 2,
      });
      write('roster', page, scale);
      page.setData({
        invite: {
          code: 'AB12CD34',
          grouped: 'AB12 CD34',
          memberName: '委员1',
          expiresAt: '2025-02-01 12:00',
        },
      });
      await new Promise((resolve) => setTimeout(resolve, 400)); // the dialog's enter transition
      write('roster-invite', page, scale);
    });
  }
});
