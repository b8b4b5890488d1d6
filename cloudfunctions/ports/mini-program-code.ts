import qrcode from 'qrcode-generator';

/** What a code opens: a page of the mini-program with a `scene` (≤ 32 characters). */
export interface CodeTarget {
  /** Without a leading slash or query, e.g. `pages/meetings/checkin/index`. */
  page: string;
  scene: string;
}

export interface CodeImage {
  /** `image/png` (a mini-program code) or `image/gif` (a QR drawn here). */
  contentType: string;
  buffer: Buffer;
}

/**
 * Draws the code shown at the door. Adapters: WeChat's mini-program code (adapters/
 * wechat-wxacode.ts), a QR of the https link configured under 扫普通链接二维码打开小程序
 * (`linkQrCodes`), or, locally, a QR of the page path (`pathQrCodes`).
 */
export interface MiniProgramCodePort {
  /**
   * Whether WeChat's own camera (扫一扫) opens the page from this code. The local QR is read
   * only by the in-app scan (and DevTools), so the door says so.
   */
  readonly opensFromCamera: boolean;
  /** Throws MiniProgramCodeError when the code cannot be made now. */
  draw(target: CodeTarget): Promise<CodeImage>;
}

/** The code could not be made (WeChat refused or was out of reach); `errCode` when it said why. */
export class MiniProgramCodeError extends Error {
  constructor(
    message: string,
    readonly errCode?: number,
  ) {
    super(message);
    this.name = 'MiniProgramCodeError';
  }
}

/** A QR code (GIF, 8 px modules, quiet zone 2 modules) of `text`. */
export function drawQr(text: string): CodeImage {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const dataUrl = qr.createDataURL(8, 16);
  return {
    contentType: 'image/gif',
    buffer: Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64'),
  };
}

/**
 * A QR of `<base><scene>`, for the 扫普通链接二维码打开小程序 set-up: the admin console maps the
 * prefix (`https://<host>/c/`) to the check-in page, which receives the link as `options.q`.
 * Throws on a base that is not an https prefix ending in `/`.
 */
export function linkQrCodes(base: string): MiniProgramCodePort {
  if (!/^https:\/\/[^/?#\s]+\/(?:[^?#\s]*\/)?$/.test(base))
    throw new Error(`CHECKIN_LINK_BASE must be an https prefix ending in "/", got ${base}`);
  return {
    opensFromCamera: true,
    draw: async ({ scene }) => drawQr(`${base}${scene}`),
  };
}

/**
 * The local runtime and the tests cannot ask WeChat for a mini-program code: a QR of the path
 * the code would open, `pages/meetings/checkin/index?scene=<ticket>`, which the in-app scan
 * (and DevTools' scan, from a picture) reads the same way.
 */
export const pathQrCodes: MiniProgramCodePort = {
  opensFromCamera: false,
  draw: async ({ page, scene }) => drawQr(`${page}?scene=${scene}`),
};
