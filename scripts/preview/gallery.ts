/**
 * The gallery of page previews: `index.html` beside the pictures, one section per feature, one
 * row per page state, the standard text size beside 关怀模式, and any layout problems in red.
 * A picture taken on a wider screen than the phone's (a PC window, 1280 × 800) is shown wider,
 * with its size in the caption.
 */
import { closeSync, openSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PHONE } from './browser';

export interface GalleryShot {
  feature: string;
  route: string;
  /** The page's navigation bar title. */
  title: string;
  stateId: string;
  stateLabel: string;
  roleLabel: string;
  scale: number;
  /** The PNG, relative to the gallery. */
  file: string;
  problems: string[];
  /** The screen's width in CSS px (default: read from the PNG, else the phone's). */
  width?: number;
}

/** Widest a picture is shown in the gallery, in CSS px. */
const MAX_SHOWN_WIDTH = 960;

/** A PNG's width in CSS px (its pixel width over the device scale), or null if unreadable. */
export function pictureWidth(path: string): number | null {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(24);
    if (readSync(fd, head, 0, 24, 0) < 24) return null;
    if (head.readUInt32BE(0) !== 0x89504e47 || head.toString('latin1', 12, 16) !== 'IHDR') return null;
    return head.readUInt32BE(16) / PHONE.deviceScaleFactor;
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function esc(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function scaleLabel(scale: number): string {
  return scale === 1 ? '标准字号' : `关怀模式（字号 × ${scale}）`;
}

/** Groups preserving first appearance, so the gallery follows the registry's order. */
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function galleryHtml(shots: GalleryShot[], generatedAt: string): string {
  const problemCount = shots.filter((s) => s.problems.length).length;
  const sections = [...groupBy(shots, (s) => s.feature)].map(([feature, featureShots]) => {
    const pages = [...groupBy(featureShots, (s) => s.route)].map(([route, pageShots]) => {
      const rows = [...groupBy(pageShots, (s) => `${s.stateId}|${s.roleLabel}`)].map(
        ([, rowShots]) => {
          const first = rowShots[0]!;
          const figures = rowShots
            .map((s) => {
              const width = s.width ?? PHONE.width;
              const shown = Math.min(width, MAX_SHOWN_WIDTH);
              const screen = width === PHONE.width ? '' : ` · ${width} px 宽的窗口`;
              return `<figure${s.problems.length ? ' class="bad"' : ''} style="width:${shown}px">
  <a href="${esc(s.file)}"><img src="${esc(s.file)}" width="${shown}" loading="lazy" alt="${esc(`${s.title} ${s.stateLabel} ${scaleLabel(s.scale)}`)}"></a>
  <figcaption>${esc(scaleLabel(s.scale))}${esc(screen)}${
    s.problems.length
      ? `<ul>${s.problems.map((p) => `<li>${esc(p)}</li>`).join('')}</ul>`
      : ''
  }</figcaption>
</figure>`;
            })
            .join('\n');
          return `<div class="row"><h4>${esc(first.stateLabel)} <small>· ${esc(first.roleLabel)} · ${esc(first.stateId)}</small></h4>
<div class="shots">${figures}</div></div>`;
        },
      );
      return `<section class="page"><h3>${esc(pageShots[0]!.title)} <small><code>${esc(route)}</code></small></h3>
${rows.join('\n')}</section>`;
    });
    return `<section><h2>${esc(feature)}</h2>\n${pages.join('\n')}</section>`;
  });

  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>政协履职通 · 页面预览</title>
<style>
  body { margin: 24px; font: 15px/1.6 'Noto Sans CJK SC', sans-serif; color: #1f1f1f; background: #fafafa; }
  h2 { margin-top: 40px; border-bottom: 2px solid #b3261e; }
  h3 small, h4 small { color: #777; font-weight: normal; }
  .shots { display: flex; gap: 24px; align-items: flex-start; flex-wrap: wrap; }
  figure { margin: 0; width: 375px; }
  figure img { display: block; width: 100%; height: auto; border: 1px solid #ddd; background: #fff; }
  figure.bad img { border: 3px solid #c5221f; }
  figcaption { color: #555; }
  figcaption ul { color: #c5221f; padding-left: 18px; }
</style></head><body>
<h1>政协履职通 · 页面预览</h1>
<p>${shots.length} 张，由 <code>npm run preview</code> 于 ${esc(generatedAt)} 生成：每个页面用演示委员会的数据（真实的云函数处理程序，全新的 SQLite 数据库）按使用它的角色渲染，
并拍下加载中、出错、为空等状态，标准字号与关怀模式各一张（375 pt 宽，2 倍图；门口签到屏等另按 1280 × 800 的电脑窗口拍摄）。
${problemCount ? `<strong style="color:#c5221f">${problemCount} 张有布局问题（红框）。</strong>` : '布局检查全部通过。'}
图标按近似形状绘制（手机上 TDesign 的图标字体从网络加载）。</p>
${sections.join('\n')}
</body></html>
`;
}

export function writeGallery(dir: string, shots: GalleryShot[]): string {
  const path = join(dir, 'index.html');
  const sized = shots.map((s) => ({
    ...s,
    width: s.width ?? pictureWidth(join(dir, s.file)) ?? PHONE.width,
  }));
  writeFileSync(path, galleryHtml(sized, new Date().toISOString()));
  return path;
}
